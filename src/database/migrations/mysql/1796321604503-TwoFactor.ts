import { MigrationInterface, QueryRunner } from "typeorm";

export class TwoFactor1796321604503 implements MigrationInterface {
    name = 'TwoFactor1796321604503'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE \`mfa_factors\` (
                \`id\` varchar(36) NOT NULL,
                \`user_id\` varchar(36) NOT NULL,
                \`secret_sealed\` text NOT NULL,
                \`confirmed_at\` datetime NULL,
                \`last_used_step\` int NOT NULL DEFAULT '0',
                \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                UNIQUE INDEX \`IDX_120abae8e4a6232bfe2c75b59d\` (\`user_id\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
        await queryRunner.query(`
            CREATE TABLE \`mfa_challenges\` (
                \`id\` varchar(36) NOT NULL,
                \`token_hash\` varchar(64) NOT NULL,
                \`user_id\` varchar(36) NOT NULL,
                \`token_version\` int NOT NULL,
                \`expires_at\` datetime NOT NULL,
                \`used_at\` datetime NULL,
                \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                UNIQUE INDEX \`IDX_cf5f2cdf8d418c02661b06a931\` (\`token_hash\`),
                INDEX \`IDX_1715663f6483821e6af6132b35\` (\`user_id\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
        await queryRunner.query(`
            CREATE TABLE \`recovery_codes\` (
                \`id\` varchar(36) NOT NULL,
                \`user_id\` varchar(36) NOT NULL,
                \`code_hash\` varchar(64) NOT NULL,
                \`used_at\` datetime NULL,
                \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                UNIQUE INDEX \`IDX_d07c335ded337e58c4f36f234d\` (\`user_id\`, \`code_hash\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX \`IDX_d07c335ded337e58c4f36f234d\` ON \`recovery_codes\`
        `);
        await queryRunner.query(`
            DROP TABLE \`recovery_codes\`
        `);
        await queryRunner.query(`
            DROP INDEX \`IDX_1715663f6483821e6af6132b35\` ON \`mfa_challenges\`
        `);
        await queryRunner.query(`
            DROP INDEX \`IDX_cf5f2cdf8d418c02661b06a931\` ON \`mfa_challenges\`
        `);
        await queryRunner.query(`
            DROP TABLE \`mfa_challenges\`
        `);
        await queryRunner.query(`
            DROP INDEX \`IDX_120abae8e4a6232bfe2c75b59d\` ON \`mfa_factors\`
        `);
        await queryRunner.query(`
            DROP TABLE \`mfa_factors\`
        `);
    }

}
