import { MigrationInterface, QueryRunner } from "typeorm";

export class GoogleSignIn1796325220976 implements MigrationInterface {
    name = 'GoogleSignIn1796325220976'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE \`external_identities\` (
                \`id\` varchar(36) NOT NULL,
                \`user_id\` varchar(36) NOT NULL,
                \`provider\` varchar(16) NOT NULL,
                \`subject\` varchar(255) NOT NULL,
                \`email\` varchar(320) NULL,
                \`name\` varchar(255) NULL,
                \`avatar_url\` varchar(2048) NULL,
                \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
                UNIQUE INDEX \`IDX_098780ff321fb921486398851a\` (\`provider\`, \`user_id\`),
                UNIQUE INDEX \`IDX_32f879b07aa49ed6a176257ee1\` (\`provider\`, \`subject\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
        await queryRunner.query(`
            CREATE TABLE \`google_logins\` (
                \`id\` varchar(36) NOT NULL,
                \`state_hash\` varchar(64) NOT NULL,
                \`browser_hash\` varchar(64) NOT NULL,
                \`nonce\` varchar(64) NOT NULL,
                \`code_verifier_sealed\` text NOT NULL,
                \`registration_id\` varchar(36) NULL,
                \`expires_at\` datetime NOT NULL,
                \`used_at\` datetime NULL,
                \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                UNIQUE INDEX \`IDX_1668686a7463df0a46005c23f4\` (\`state_hash\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
        await queryRunner.query(`
            CREATE TABLE \`google_registrations\` (
                \`id\` varchar(36) NOT NULL,
                \`token_hash\` varchar(64) NOT NULL,
                \`email\` varchar(320) NOT NULL,
                \`company_name\` varchar(255) NOT NULL,
                \`expires_at\` datetime NOT NULL,
                \`used_at\` datetime NULL,
                \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                UNIQUE INDEX \`IDX_d76dbba75960652c1ca588dfca\` (\`token_hash\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX \`IDX_d76dbba75960652c1ca588dfca\` ON \`google_registrations\`
        `);
        await queryRunner.query(`
            DROP TABLE \`google_registrations\`
        `);
        await queryRunner.query(`
            DROP INDEX \`IDX_1668686a7463df0a46005c23f4\` ON \`google_logins\`
        `);
        await queryRunner.query(`
            DROP TABLE \`google_logins\`
        `);
        await queryRunner.query(`
            DROP INDEX \`IDX_32f879b07aa49ed6a176257ee1\` ON \`external_identities\`
        `);
        await queryRunner.query(`
            DROP INDEX \`IDX_098780ff321fb921486398851a\` ON \`external_identities\`
        `);
        await queryRunner.query(`
            DROP TABLE \`external_identities\`
        `);
    }

}
