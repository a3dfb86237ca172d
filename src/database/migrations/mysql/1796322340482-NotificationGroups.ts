import { MigrationInterface, QueryRunner } from "typeorm";

export class NotificationGroups1796322340482 implements MigrationInterface {
    name = 'NotificationGroups1796322340482'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE \`notification_group_recipients\` (
                \`id\` varchar(36) NOT NULL,
                \`group_id\` varchar(36) NOT NULL,
                \`user_id\` varchar(36) NULL,
                \`email\` varchar(320) NULL,
                \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                UNIQUE INDEX \`IDX_9cd646b1f1a1a8e8ed974c72eb\` (\`group_id\`, \`email\`),
                UNIQUE INDEX \`IDX_a51800acd8d873417d59143881\` (\`group_id\`, \`user_id\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
        await queryRunner.query(`
            CREATE TABLE \`notification_groups\` (
                \`id\` varchar(36) NOT NULL,
                \`company_id\` varchar(36) NOT NULL,
                \`name\` varchar(100) NOT NULL,
                \`name_key\` varchar(100) NOT NULL,
                \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
                UNIQUE INDEX \`IDX_34e345a8ebfb2b87e72fbf1f20\` (\`company_id\`, \`name_key\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX \`IDX_34e345a8ebfb2b87e72fbf1f20\` ON \`notification_groups\`
        `);
        await queryRunner.query(`
            DROP TABLE \`notification_groups\`
        `);
        await queryRunner.query(`
            DROP INDEX \`IDX_a51800acd8d873417d59143881\` ON \`notification_group_recipients\`
        `);
        await queryRunner.query(`
            DROP INDEX \`IDX_9cd646b1f1a1a8e8ed974c72eb\` ON \`notification_group_recipients\`
        `);
        await queryRunner.query(`
            DROP TABLE \`notification_group_recipients\`
        `);
    }

}
