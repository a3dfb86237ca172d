import { MigrationInterface, QueryRunner } from "typeorm";

export class TwoFactor1796321599538 implements MigrationInterface {
    name = 'TwoFactor1796321599538'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "mfa_challenges" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "token_hash" varchar(64) NOT NULL,
                "user_id" varchar(36) NOT NULL,
                "token_version" integer NOT NULL,
                "expires_at" datetime NOT NULL,
                "used_at" datetime,
                "created_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_cf5f2cdf8d418c02661b06a931" ON "mfa_challenges" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_1715663f6483821e6af6132b35" ON "mfa_challenges" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "mfa_factors" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "user_id" varchar(36) NOT NULL,
                "secret_sealed" text NOT NULL,
                "confirmed_at" datetime,
                "last_used_step" integer NOT NULL DEFAULT (0),
                "created_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_120abae8e4a6232bfe2c75b59d" ON "mfa_factors" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "recovery_codes" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "user_id" varchar(36) NOT NULL,
                "code_hash" varchar(64) NOT NULL,
                "used_at" datetime,
                "created_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_d07c335ded337e58c4f36f234d" ON "recovery_codes" ("user_id", "code_hash")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "IDX_d07c335ded337e58c4f36f234d"
        `);
        await queryRunner.query(`
            DROP TABLE "recovery_codes"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_120abae8e4a6232bfe2c75b59d"
        `);
        await queryRunner.query(`
            DROP TABLE "mfa_factors"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_1715663f6483821e6af6132b35"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_cf5f2cdf8d418c02661b06a931"
        `);
        await queryRunner.query(`
            DROP TABLE "mfa_challenges"
        `);
    }

}
