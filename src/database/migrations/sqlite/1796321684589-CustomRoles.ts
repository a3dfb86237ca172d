import { MigrationInterface, QueryRunner } from "typeorm";

export class CustomRoles1796321684589 implements MigrationInterface {
    name = 'CustomRoles1796321684589'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "custom_role_assignments" (
                "user_id" varchar(36) PRIMARY KEY NOT NULL,
                "role_id" varchar(36) NOT NULL,
                "created_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_8ee00f24d918e8ff46d8cb2498" ON "custom_role_assignments" ("role_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "custom_roles" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "company_id" varchar(36) NOT NULL,
                "name" varchar(100) NOT NULL,
                "description" varchar(500),
                "grants" text NOT NULL,
                "created_at" datetime NOT NULL DEFAULT (datetime('now')),
                "updated_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_5898b1c05cfe8cf8de6cfc0d69" ON "custom_roles" ("company_id", "name")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "IDX_5898b1c05cfe8cf8de6cfc0d69"
        `);
        await queryRunner.query(`
            DROP TABLE "custom_roles"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_8ee00f24d918e8ff46d8cb2498"
        `);
        await queryRunner.query(`
            DROP TABLE "custom_role_assignments"
        `);
    }

}
