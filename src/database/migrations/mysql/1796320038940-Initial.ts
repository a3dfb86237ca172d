import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1796320038940 implements MigrationInterface {
    name = 'Initial1796320038940'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE \`sessions\` (
                \`id\` varchar(36) NOT NULL,
                \`user_id\` varchar(36) NOT NULL,
                \`acting_company_id\` varchar(36) NOT NULL,
                \`method\` varchar(16) NOT NULL,
                \`token_version\` int NOT NULL,
                \`expires_at\` datetime NOT NULL,
                \`revoked_at\` datetime NULL,
                \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                INDEX \`IDX_085d540d9f418cfbdc7bd55bb1\` (\`user_id\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
        await queryRunner.query(`
            CREATE TABLE \`companies\` (
                \`id\` varchar(36) NOT NULL,
                \`name\` varchar(255) NOT NULL,
                \`website\` varchar(255) NULL,
                \`telephone\` varchar(64) NULL,
                \`email\` varchar(320) NULL,
                \`banner\` text NULL,
                \`parent_company_id\` varchar(36) NULL,
                \`tier\` varchar(32) NOT NULL DEFAULT 'trial',
                \`add_ons\` text NOT NULL,
                \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
                \`deleted_at\` datetime NULL,
                INDEX \`IDX_0bf6cd4fc9efe17c5ea0406157\` (\`parent_company_id\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
        await queryRunner.query(`
            CREATE TABLE \`audit_logs\` (
                \`id\` varchar(36) NOT NULL,
                \`company_id\` varchar(36) NULL,
                \`actor_type\` varchar(16) NOT NULL,
                \`actor_id\` varchar(36) NULL,
                \`actor_name\` varchar(255) NULL,
                \`actor_company_id\` varchar(36) NULL,
                \`event\` varchar(64) NOT NULL,
                \`action\` varchar(32) NOT NULL,
                \`target_type\` varchar(32) NULL,
                \`target_id\` varchar(36) NULL,
                \`changes\` text NULL,
                \`ip\` varchar(64) NULL,
                \`user_agent\` varchar(512) NULL,
                \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                INDEX \`IDX_13a9f0496bbdaa2275f38d8aa6\` (\`company_id\`, \`created_at\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
        await queryRunner.query(`
            CREATE TABLE \`password_tokens\` (
                \`id\` varchar(36) NOT NULL,
                \`user_id\` varchar(36) NOT NULL,
                \`token_hash\` varchar(64) NOT NULL,
                \`purpose\` varchar(16) NOT NULL,
                \`expires_at\` datetime NOT NULL,
                \`used_at\` datetime NULL,
                \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                INDEX \`IDX_5ac1fd8593c46bf145b2b88619\` (\`user_id\`),
                UNIQUE INDEX \`IDX_d32f54ae25a41e7a96c2a3a4ce\` (\`token_hash\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
        await queryRunner.query(`
            CREATE TABLE \`users\` (
                \`id\` varchar(36) NOT NULL,
                \`company_id\` varchar(36) NOT NULL,
                \`email\` varchar(320) NOT NULL,
                \`first_name\` varchar(100) NOT NULL,
                \`last_name\` varchar(100) NOT NULL,
                \`password_hash\` varchar(255) NULL,
                \`role\` varchar(32) NOT NULL,
                \`status\` varchar(16) NOT NULL DEFAULT 'active',
                \`is_support\` tinyint NOT NULL DEFAULT 0,
                \`mfa_enabled\` tinyint NOT NULL DEFAULT 0,
                \`sso_provider_id\` varchar(36) NULL,
                \`token_version\` int NOT NULL DEFAULT '0',
                \`last_login_at\` datetime NULL,
                \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
                INDEX \`IDX_7ae6334059289559722437bcc1\` (\`company_id\`),
                UNIQUE INDEX \`IDX_97672ac88f789774dd47f7c8be\` (\`email\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX \`IDX_97672ac88f789774dd47f7c8be\` ON \`users\`
        `);
        await queryRunner.query(`
            DROP INDEX \`IDX_7ae6334059289559722437bcc1\` ON \`users\`
        `);
        await queryRunner.query(`
            DROP TABLE \`users\`
        `);
        await queryRunner.query(`
            DROP INDEX \`IDX_d32f54ae25a41e7a96c2a3a4ce\` ON \`password_tokens\`
        `);
        await queryRunner.query(`
            DROP INDEX \`IDX_5ac1fd8593c46bf145b2b88619\` ON \`password_tokens\`
        `);
        await queryRunner.query(`
            DROP TABLE \`password_tokens\`
        `);
        await queryRunner.query(`
            DROP INDEX \`IDX_13a9f0496bbdaa2275f38d8aa6\` ON \`audit_logs\`
        `);
        await queryRunner.query(`
            DROP TABLE \`audit_logs\`
        `);
        await queryRunner.query(`
            DROP INDEX \`IDX_0bf6cd4fc9efe17c5ea0406157\` ON \`companies\`
        `);
        await queryRunner.query(`
            DROP TABLE \`companies\`
        `);
        await queryRunner.query(`
            DROP INDEX \`IDX_085d540d9f418cfbdc7bd55bb1\` ON \`sessions\`
        `);
        await queryRunner.query(`
            DROP TABLE \`sessions\`
        `);
    }

}
