import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1796320036215 implements MigrationInterface {
    name = 'Initial1796320036215'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "audit_logs" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "company_id" varchar(36),
                "actor_type" varchar(16) NOT NULL,
                "actor_id" varchar(36),
                "actor_name" varchar(255),
                "actor_company_id" varchar(36),
                "event" varchar(64) NOT NULL,
                "action" varchar(32) NOT NULL,
                "target_type" varchar(32),
                "target_id" varchar(36),
                "changes" text,
                "ip" varchar(64),
                "user_agent" varchar(512),
                "created_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_13a9f0496bbdaa2275f38d8aa6" ON "audit_logs" ("company_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "sessions" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "user_id" varchar(36) NOT NULL,
                "acting_company_id" varchar(36) NOT NULL,
                "method" varchar(16) NOT NULL,
                "token_version" integer NOT NULL,
                "expires_at" datetime NOT NULL,
                "revoked_at" datetime,
                "created_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_085d540d9f418cfbdc7bd55bb1" ON "sessions" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "companies" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "name" varchar(255) NOT NULL,
                "website" varchar(255),
                "telephone" varchar(64),
                "email" varchar(320),
                "banner" text,
                "parent_company_id" varchar(36),
                "tier" varchar(32) NOT NULL DEFAULT ('trial'),
                "add_ons" text NOT NULL,
                "created_at" datetime NOT NULL DEFAULT (datetime('now')),
                "updated_at" datetime NOT NULL DEFAULT (datetime('now')),
                "deleted_at" datetime
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_0bf6cd4fc9efe17c5ea0406157" ON "companies" ("parent_company_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "password_tokens" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "user_id" varchar(36) NOT NULL,
                "token_hash" varchar(64) NOT NULL,
                "purpose" varchar(16) NOT NULL,
                "expires_at" datetime NOT NULL,
                "used_at" datetime,
                "created_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_5ac1fd8593c46bf145b2b88619" ON "password_tokens" ("user_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_d32f54ae25a41e7a96c2a3a4ce" ON "password_tokens" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE TABLE "users" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "company_id" varchar(36) NOT NULL,
                "email" varchar(320) NOT NULL,
                "first_name" varchar(100) NOT NULL,
                "last_name" varchar(100) NOT NULL,
                "password_hash" varchar(255),
                "role" varchar(32) NOT NULL,
                "status" varchar(16) NOT NULL DEFAULT ('active'),
                "is_support" boolean NOT NULL DEFAULT (0),
                "mfa_enabled" boolean NOT NULL DEFAULT (0),
                "sso_provider_id" varchar(36),
                "token_version" integer NOT NULL DEFAULT (0),
                "last_login_at" datetime,
                "created_at" datetime NOT NULL DEFAULT (datetime('now')),
                "updated_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_7ae6334059289559722437bcc1" ON "users" ("company_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_97672ac88f789774dd47f7c8be" ON "users" ("email")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "IDX_97672ac88f789774dd47f7c8be"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_7ae6334059289559722437bcc1"
        `);
        await queryRunner.query(`
            DROP TABLE "users"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_d32f54ae25a41e7a96c2a3a4ce"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_5ac1fd8593c46bf145b2b88619"
        `);
        await queryRunner.query(`
            DROP TABLE "password_tokens"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_0bf6cd4fc9efe17c5ea0406157"
        `);
        await queryRunner.query(`
            DROP TABLE "companies"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_085d540d9f418cfbdc7bd55bb1"
        `);
        await queryRunner.query(`
            DROP TABLE "sessions"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_13a9f0496bbdaa2275f38d8aa6"
        `);
        await queryRunner.query(`
            DROP TABLE "audit_logs"
        `);
    }

}
