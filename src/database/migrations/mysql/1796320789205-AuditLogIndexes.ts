import { MigrationInterface, QueryRunner } from "typeorm";

export class AuditLogIndexes1796320789205 implements MigrationInterface {
    name = 'AuditLogIndexes1796320789205'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX \`IDX_2cd10fda8276bb995288acfbfb\` ON \`audit_logs\` (\`created_at\`)
        `);
        await queryRunner.query(`
            CREATE INDEX \`IDX_33567f2bcd476eb3955b8a5303\` ON \`audit_logs\` (\`company_id\`, \`id\`)
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX \`IDX_33567f2bcd476eb3955b8a5303\` ON \`audit_logs\`
        `);
        await queryRunner.query(`
            DROP INDEX \`IDX_2cd10fda8276bb995288acfbfb\` ON \`audit_logs\`
        `);
    }

}
