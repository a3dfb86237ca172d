import { MigrationInterface, QueryRunner } from "typeorm";

export class UserSoftDelete1796321030344 implements MigrationInterface {
    name = 'UserSoftDelete1796321030344'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE \`users\`
            ADD \`deleted_at\` datetime NULL
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE \`users\` DROP COLUMN \`deleted_at\`
        `);
    }

}
