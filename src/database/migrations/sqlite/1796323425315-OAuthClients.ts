import { MigrationInterface, QueryRunner } from "typeorm";

export class OAuthClients1796323425315 implements MigrationInterface {
    name = 'OAuthClients1796323425315'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "oauth_clients" (
                "id" varchar(36) PRIMARY KEY NOT NULL,
                "company_id" varchar(36) NOT NULL,
                "name" varchar(100) NOT NULL,
                "client_id" varchar(64) NOT NULL,
                "secret_hash" varchar(64) NOT NULL,
                "created_at" datetime NOT NULL DEFAULT (datetime('now'))
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_14e664e45b7c212e3ac223e8e9" ON "oauth_clients" ("company_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_c5c4af500cc8bfc05500fff7f9" ON "oauth_clients" ("client_id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "IDX_c5c4af500cc8bfc05500fff7f9"
        `);
        await queryRunner.query(`
            DROP INDEX "IDX_14e664e45b7c212e3ac223e8e9"
        `);
        await queryRunner.query(`
            DROP TABLE "oauth_clients"
        `);
    }

}
