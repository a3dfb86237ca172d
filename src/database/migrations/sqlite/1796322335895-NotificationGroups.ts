import { MigrationInterface, QueryRunner } from "typeorm";

export class NotificationGroups1796322335895 implements MigrationInterface {
    name = 'NotificationGroups1796322335895'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "notification_group_recipients" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "group_id" varchar(36) NOT NULL,
                "user_id" varchar(36),
                "email" varchar(320),
                "created_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_9cd646b1f1a1a8e8ed974c72eb" ON "notification_group_recipients" ("group_id", "email")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_a51800acd8d873417d59143881" ON "notification_group_recipients" ("group_id", "user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "notification_groups" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "company_id" varchar(36) NOT NULL,
                "name" varchar(100) NOT NULL,
                "name_key" varchar(100) NOT NULL,
                "created_at" datetime NOT NULL DEFAULT (datetime('now')),
                "updated_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_34e345a8ebfb2b87e72fbf1f20" ON "notification_groups" ("company_id", "name_key")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "IDX_34e345a8ebfb2b87e72fbf1f20"
        `);
        await queryRunner.query(`
            DROP TABLE "notification_groups"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_a51800acd8d873417d59143881"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_9cd646b1f1a1a8e8ed974c72eb"
        `);
        await queryRunner.query(`
            DROP TABLE "notification_group_recipients"
        `);
    }

}
