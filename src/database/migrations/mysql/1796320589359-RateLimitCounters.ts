import { MigrationInterface, QueryRunner } from "typeorm";

export class RateLimitCounters1796320589359 implements MigrationInterface {
    name = 'RateLimitCounters1796320589359'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE \`rate_limit_counters\` (
                \`counter_key\` varchar(128) NOT NULL,
                \`hits\` int NOT NULL,
                \`expires_at\` datetime NOT NULL,
                INDEX \`IDX_7ec50c4c6fb46dae15363f3c1d\` (\`expires_at\`),
                PRIMARY KEY (\`counter_key\`)
            ) ENGINE = InnoDB
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX \`IDX_7ec50c4c6fb46dae15363f3c1d\` ON \`rate_limit_counters\`
        `);
        await queryRunner.query(`
            DROP TABLE \`rate_limit_counters\`
        `);
    }

}
