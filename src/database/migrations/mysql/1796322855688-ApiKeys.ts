import { MigrationInterface, QueryRunner } from "typeorm";

export class ApiKeys1796322855688 implements MigrationInterface {
    name = 'ApiKeys1796322855688'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE \`api_keys\` (
                \`id\` varchar(36) NOT NULL,
                \`company_id\` varchar(36) NOT NULL,
                \`name\` varchar(100) NOT NULL,
                \`key_hash\` varchar(64) NOT NULL,
                \`key_hint\` varchar(4) NOT NULL,
                \`last_used_at\` datetime NULL,
                \`revoked_at\` datetime NULL,
                \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                INDEX \`IDX_8396859f08e7ad26726c9b3860\` (\`company_id\`),
                UNIQUE INDEX \`IDX_57384430aa1959f4578046c9b8\` (\`key_hash\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX \`IDX_57384430aa1959f4578046c9b8\` ON \`api_keys\`
        `);
        await queryRunner.query(`
            DROP INDEX \`IDX_8396859f08e7ad26726c9b3860\` ON \`api_keys\`
        `);
        await queryRunner.query(`
            DROP TABLE \`api_keys\`
        `);
    }

}
