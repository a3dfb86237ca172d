import { MigrationInterface, QueryRunner } from "typeorm";

export class TeamMemberGrants1796322981006 implements MigrationInterface {
    name = 'TeamMemberGrants1796322981006'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "team_member_grants" (
                "user_id" varchar(36) NOT NULL,
                "company_id" varchar(36) NOT NULL,
                "granted_by" varchar(36),
                "created_at" datetime NOT NULL DEFAULT (datetime('now')),
                PRIMARY KEY ("user_id", "company_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_868b1b70462ec9505394295216" ON "team_member_grants" ("company_id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "IDX_868b1b70462ec9505394295216"
        `);
        await queryRunner.query(`
            DROP TABLE "team_member_grants"
        `);
    }

}
