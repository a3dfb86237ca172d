import { MigrationInterface, QueryRunner } from "typeorm";

export class RateLimitCounters1796320586475 implements MigrationInterface {
    name = 'RateLimitCounters1796320586475'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "rate_limit_counters" (
                "counter_key" varchar(128) PRIMARY KEY NOT NULL,
                "hits" integer NOT NULL,
                "expires_at" datetime NOT NULL
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_7ec50c4c6fb46dae15363f3c1d" ON "rate_limit_counters" ("expires_at")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "IDX_7ec50c4c6fb46dae15363f3c1d"
        `);
        await queryRunner.query(`
            DROP TABLE "rate_limit_counters"
        `);
    }

}
