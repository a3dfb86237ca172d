import { MigrationInterface, QueryRunner } from "typeorm";

export class TeamMemberGrants1796322986766 implements MigrationInterface {
    name = 'TeamMemberGrants1796322986766'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE \`team_member_grants\` (
                \`user_id\` varchar(36) NOT NULL,
                \`company_id\` varchar(36) NOT NULL,
                \`granted_by\` varchar(36) NULL,
                \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                INDEX \`IDX_868b1b70462ec9505394295216\` (\`company_id\`),
                PRIMARY KEY (\`user_id\`, \`company_id\`)
            ) ENGINE = InnoDB
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX \`IDX_868b1b70462ec9505394295216\` ON \`team_member_grants\`
        `);
        await queryRunner.query(`
            DROP TABLE \`team_member_grants\`
        `);
    }

}
