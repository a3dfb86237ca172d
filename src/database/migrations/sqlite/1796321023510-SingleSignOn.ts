import { MigrationInterface, QueryRunner } from "typeorm";

export class SingleSignOn1796321023510 implements MigrationInterface {
    name = 'SingleSignOn1796321023510'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "login_codes" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "code_hash" varchar(64) NOT NULL,
                "user_id" varchar(36) NOT NULL,
                "acting_company_id" varchar(36) NOT NULL,
                "method" varchar(16) NOT NULL,
                "expires_at" datetime NOT NULL,
                "used_at" datetime,
                "session_id" varchar(36),
                "created_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_7869623b464d15ba8325fae350" ON "login_codes" ("code_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_f86a8c3498b2b887a714953e72" ON "login_codes" ("expires_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "sso_identities" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "provider_id" varchar(36) NOT NULL,
                "subject" varchar(255) NOT NULL,
                "user_id" varchar(36) NOT NULL,
                "company_id" varchar(36) NOT NULL,
                "last_login_at" datetime,
                "created_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_17b0ed9f37917807a7072f71f9" ON "sso_identities" ("user_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_3e1d4366e69aec4737ef5bfd61" ON "sso_identities" ("provider_id", "subject")
        `);
        await queryRunner.query(`
            CREATE TABLE "sso_login_transactions" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "state_hash" varchar(64) NOT NULL,
                "provider_id" varchar(36) NOT NULL,
                "nonce" varchar(64) NOT NULL,
                "code_verifier_sealed" text NOT NULL,
                "binding_hash" varchar(64) NOT NULL,
                "target" varchar(2048),
                "expires_at" datetime NOT NULL,
                "consumed_at" datetime,
                "created_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_a8d84c62b938ea1f7dc8a8c0f0" ON "sso_login_transactions" ("state_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ebdcd92b65c9e14631dca96d28" ON "sso_login_transactions" ("expires_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "sso_provider_domains" (
                "domain" varchar(253) PRIMARY KEY NOT NULL,
                "provider_id" varchar(36) NOT NULL,
                "company_id" varchar(36) NOT NULL
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_36a0a0b6b2b5decec50ab5de9a" ON "sso_provider_domains" ("provider_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "sso_providers" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "company_id" varchar(36) NOT NULL,
                "type" varchar(16) NOT NULL,
                "name" varchar(100) NOT NULL,
                "base_url" varchar(500) NOT NULL,
                "issuer" varchar(500) NOT NULL,
                "client_id" varchar(255),
                "client_secret_sealed" text,
                "enabled" boolean NOT NULL DEFAULT (0),
                "jit_provisioning" boolean NOT NULL DEFAULT (0),
                "default_role" varchar(32) NOT NULL DEFAULT ('user'),
                "enforce_sso" boolean NOT NULL DEFAULT (0),
                "domains" text NOT NULL,
                "version" integer NOT NULL DEFAULT (1),
                "created_at" datetime NOT NULL DEFAULT (datetime('now')),
                "updated_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_683d3d1e6f07ffdee57966d45a" ON "sso_providers" ("company_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "sso_sign_ins" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "handle_hash" varchar(64) NOT NULL,
                "provider_id" varchar(36) NOT NULL,
                "user_id" varchar(36) NOT NULL,
                "login_code_id" varchar(36) NOT NULL,
                "id_token_sealed" text NOT NULL,
                "expires_at" datetime NOT NULL,
                "created_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_2076e28e0da217cc7d75f4034b" ON "sso_sign_ins" ("handle_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_37ad787427d3610bedb085f63f" ON "sso_sign_ins" ("provider_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_275e6a1625985fa3659ab41b75" ON "sso_sign_ins" ("expires_at")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "IDX_275e6a1625985fa3659ab41b75"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_37ad787427d3610bedb085f63f"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_2076e28e0da217cc7d75f4034b"
        `);
        await queryRunner.query(`
            DROP TABLE "sso_sign_ins"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_683d3d1e6f07ffdee57966d45a"
        `);
        await queryRunner.query(`
            DROP TABLE "sso_providers"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_36a0a0b6b2b5decec50ab5de9a"
        `);
        await queryRunner.query(`
            DROP TABLE "sso_provider_domains"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_ebdcd92b65c9e14631dca96d28"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_a8d84c62b938ea1f7dc8a8c0f0"
        `);
        await queryRunner.query(`
            DROP TABLE "sso_login_transactions"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_3e1d4366e69aec4737ef5bfd61"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_17b0ed9f37917807a7072f71f9"
        `);
        await queryRunner.query(`
            DROP TABLE "sso_identities"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_f86a8c3498b2b887a714953e72"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_7869623b464d15ba8325fae350"
        `);
        await queryRunner.query(`
            DROP TABLE "login_codes"
        `);
    }

}
