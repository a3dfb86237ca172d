import { MigrationInterface, QueryRunner } from "typeorm";

export class CustomRoles1796321688785 implements MigrationInterface {
    name = 'CustomRoles1796321688785'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE \`custom_role_assignments\` (
                \`user_id\` varchar(36) NOT NULL,
                \`role_id\` varchar(36) NOT NULL,
                \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                INDEX \`IDX_8ee00f24d918e8ff46d8cb2498\` (\`role_id\`),
                PRIMARY KEY (\`user_id\`)
            ) ENGINE = InnoDB
        `);
        await queryRunner.query(`
            CREATE TABLE \`custom_roles\` (
                \`id\` varchar(36) NOT NULL,
                \`company_id\` varchar(36) NOT NULL,
                \`name\` varchar(100) NOT NULL,
                \`description\` varchar(500) NULL,
                \`grants\` text NOT NULL,
                \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
                UNIQUE INDEX \`IDX_5898b1c05cfe8cf8de6cfc0d69\` (\`company_id\`, \`name\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX \`IDX_5898b1c05cfe8cf8de6cfc0d69\` ON \`custom_roles\`
        `);
        await queryRunner.query(`
            DROP TABLE \`custom_roles\`
        `);
        await queryRunner.query(`
            DROP INDEX \`IDX_8ee00f24d918e8ff46d8cb2498\` ON \`custom_role_assignments\`
        `);
        await queryRunner.query(`
            DROP TABLE \`custom_role_assignments\`
        `);
    }

}
