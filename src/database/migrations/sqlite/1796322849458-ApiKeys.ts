import { MigrationInterface, QueryRunner } from "typeorm";

export class ApiKeys1796322849458 implements MigrationInterface {
    name = 'ApiKeys1796322849458'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "api_keys" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "company_id" varchar(36) NOT NULL,
                "name" varchar(100) NOT NULL,
                "key_hash" varchar(64) NOT NULL,
                "key_hint" varchar(4) NOT NULL,
                "last_used_at" datetime,
                "revoked_at" datetime,
                "created_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_8396859f08e7ad26726c9b3860" ON "api_keys" ("company_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_57384430aa1959f4578046c9b8" ON "api_keys" ("key_hash")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "IDX_57384430aa1959f4578046c9b8"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_8396859f08e7ad26726c9b3860"
        `);
        await queryRunner.query(`
            DROP TABLE "api_keys"
        `);
    }

}
