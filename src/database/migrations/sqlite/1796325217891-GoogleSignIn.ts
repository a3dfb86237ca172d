import { MigrationInterface, QueryRunner } from "typeorm";

export class GoogleSignIn1796325217891 implements MigrationInterface {
    name = 'GoogleSignIn1796325217891'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "google_logins" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "state_hash" varchar(64) NOT NULL,
                "browser_hash" varchar(64) NOT NULL,
                "nonce" varchar(64) NOT NULL,
                "code_verifier_sealed" text NOT NULL,
                "registration_id" varchar(36),
                "expires_at" datetime NOT NULL,
                "used_at" datetime,
                "created_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_1668686a7463df0a46005c23f4" ON "google_logins" ("state_hash")
        `);
        await queryRunner.query(`
            CREATE TABLE "external_identities" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "user_id" varchar(36) NOT NULL,
                "provider" varchar(16) NOT NULL,
                "subject" varchar(255) NOT NULL,
                "email" varchar(320),
                "name" varchar(255),
                "avatar_url" varchar(2048),
                "created_at" datetime NOT NULL DEFAULT (datetime('now')),
                "updated_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_098780ff321fb921486398851a" ON "external_identities" ("provider", "user_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_32f879b07aa49ed6a176257ee1" ON "external_identities" ("provider", "subject")
        `);
        await queryRunner.query(`
            CREATE TABLE "google_registrations" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "token_hash" varchar(64) NOT NULL,
                "email" varchar(320) NOT NULL,
                "company_name" varchar(255) NOT NULL,
                "expires_at" datetime NOT NULL,
                "used_at" datetime,
                "created_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_d76dbba75960652c1ca588dfca" ON "google_registrations" ("token_hash")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "IDX_d76dbba75960652c1ca588dfca"
        `);
        await queryRunner.query(`
            DROP TABLE "google_registrations"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_32f879b07aa49ed6a176257ee1"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_098780ff321fb921486398851a"
        `);
        await queryRunner.query(`
            DROP TABLE "external_identities"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_1668686a7463df0a46005c23f4"
        `);
        await queryRunner.query(`
            DROP TABLE "google_logins"
        `);
    }

}
