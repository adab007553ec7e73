import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CampaignAnswerHistory1796668902362 implements MigrationInterface {
  name = 'CampaignAnswerHistory1796668902362';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "campaign_answer_history" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "answer_id" integer NOT NULL, "campaign_id" integer NOT NULL, "address" varchar(150) NOT NULL, "answers" text NOT NULL, "needs_help" boolean NOT NULL DEFAULT (0), "event_id" integer, "answered_by" integer NOT NULL, "via" varchar(8) NOT NULL, "answered_at" datetime NOT NULL, "replaced_at" datetime NOT NULL, "replaced_by" integer NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "idx_campaign_answer_history_answer" ON "campaign_answer_history" ("answer_id", "id") `);
    await queryRunner.query(`DROP INDEX "idx_campaign_answer_node_help"`);
    await queryRunner.query(`DROP INDEX "uq_campaign_answer_household"`);
    await queryRunner.query(`CREATE TABLE "temporary_campaign_answer" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "campaign_id" integer NOT NULL, "household_key" varchar(191) NOT NULL, "node_id" integer NOT NULL, "node_path" varchar(200) NOT NULL, "address" varchar(150) NOT NULL, "answers" text NOT NULL, "needs_help" boolean NOT NULL DEFAULT (0), "event_id" integer, "answered_by" integer NOT NULL, "via" varchar(8) NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "household_id" integer)`);
    await queryRunner.query(`INSERT INTO "temporary_campaign_answer"("id", "campaign_id", "household_key", "node_id", "node_path", "address", "answers", "needs_help", "event_id", "answered_by", "via", "created_at", "updated_at") SELECT "id", "campaign_id", "household_key", "node_id", "node_path", "address", "answers", "needs_help", "event_id", "answered_by", "via", "created_at", "updated_at" FROM "campaign_answer"`);
    await queryRunner.query(`DROP TABLE "campaign_answer"`);
    await queryRunner.query(`ALTER TABLE "temporary_campaign_answer" RENAME TO "campaign_answer"`);
    await queryRunner.query(`CREATE INDEX "idx_campaign_answer_node_help" ON "campaign_answer" ("campaign_id", "node_path", "needs_help") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_campaign_answer_household" ON "campaign_answer" ("campaign_id", "household_key") `);
    await queryRunner.query(`CREATE INDEX "idx_campaign_answer_household" ON "campaign_answer" ("household_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_campaign_answer_household"`);
    await queryRunner.query(`DROP INDEX "uq_campaign_answer_household"`);
    await queryRunner.query(`DROP INDEX "idx_campaign_answer_node_help"`);
    await queryRunner.query(`ALTER TABLE "campaign_answer" RENAME TO "temporary_campaign_answer"`);
    await queryRunner.query(`CREATE TABLE "campaign_answer" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "campaign_id" integer NOT NULL, "household_key" varchar(191) NOT NULL, "node_id" integer NOT NULL, "node_path" varchar(200) NOT NULL, "address" varchar(150) NOT NULL, "answers" text NOT NULL, "needs_help" boolean NOT NULL DEFAULT (0), "event_id" integer, "answered_by" integer NOT NULL, "via" varchar(8) NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`);
    await queryRunner.query(`INSERT INTO "campaign_answer"("id", "campaign_id", "household_key", "node_id", "node_path", "address", "answers", "needs_help", "event_id", "answered_by", "via", "created_at", "updated_at") SELECT "id", "campaign_id", "household_key", "node_id", "node_path", "address", "answers", "needs_help", "event_id", "answered_by", "via", "created_at", "updated_at" FROM "temporary_campaign_answer"`);
    await queryRunner.query(`DROP TABLE "temporary_campaign_answer"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_campaign_answer_household" ON "campaign_answer" ("campaign_id", "household_key") `);
    await queryRunner.query(`CREATE INDEX "idx_campaign_answer_node_help" ON "campaign_answer" ("campaign_id", "node_path", "needs_help") `);
    await queryRunner.query(`DROP INDEX "idx_campaign_answer_history_answer"`);
    await queryRunner.query(`DROP TABLE "campaign_answer_history"`);
  }
}
