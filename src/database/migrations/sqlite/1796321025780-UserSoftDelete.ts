import { MigrationInterface, QueryRunner } from "typeorm";

export class UserSoftDelete1796321025780 implements MigrationInterface {
    name = 'UserSoftDelete1796321025780'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "IDX_97672ac88f789774dd47f7c8be"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_7ae6334059289559722437bcc1"
        `);
        await queryRunner.query(`
            CREATE TABLE "temporary_users" (
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
                "updated_at" datetime NOT NULL DEFAULT (datetime('now')),
                "deleted_at" datetime
            )
        `);
        await queryRunner.query(`
            INSERT INTO "temporary_users"(
                    "id",
                    "company_id",
                    "email",
                    "first_name",
                    "last_name",
                    "password_hash",
                    "role",
                    "status",
                    "is_support",
                    "mfa_enabled",
                    "sso_provider_id",
                    "token_version",
                    "last_login_at",
                    "created_at",
                    "updated_at"
                )
            SELECT "id",
                "company_id",
                "email",
                "first_name",
                "last_name",
                "password_hash",
                "role",
                "status",
                "is_support",
                "mfa_enabled",
                "sso_provider_id",
                "token_version",
                "last_login_at",
                "created_at",
                "updated_at"
            FROM "users"
        `);
        await queryRunner.query(`
            DROP TABLE "users"
        `);
        await queryRunner.query(`
            ALTER TABLE "temporary_users"
                RENAME TO "users"
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_97672ac88f789774dd47f7c8be" ON "users" ("email")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_7ae6334059289559722437bcc1" ON "users" ("company_id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "IDX_7ae6334059289559722437bcc1"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_97672ac88f789774dd47f7c8be"
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
                RENAME TO "temporary_users"
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
            INSERT INTO "users"(
                    "id",
                    "company_id",
                    "email",
                    "first_name",
                    "last_name",
                    "password_hash",
                    "role",
                    "status",
                    "is_support",
                    "mfa_enabled",
                    "sso_provider_id",
                    "token_version",
                    "last_login_at",
                    "created_at",
                    "updated_at"
                )
            SELECT "id",
                "company_id",
                "email",
                "first_name",
                "last_name",
                "password_hash",
                "role",
                "status",
                "is_support",
                "mfa_enabled",
                "sso_provider_id",
                "token_version",
                "last_login_at",
                "created_at",
                "updated_at"
            FROM "temporary_users"
        `);
        await queryRunner.query(`
            DROP TABLE "temporary_users"
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_7ae6334059289559722437bcc1" ON "users" ("company_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_97672ac88f789774dd47f7c8be" ON "users" ("email")
        `);
    }

}
