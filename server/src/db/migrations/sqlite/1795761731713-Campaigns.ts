import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Campaigns1795761731713 implements MigrationInterface {
  name = 'Campaigns1795761731713';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "campaign" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(100) NOT NULL, "template" varchar(32), "node_id" integer NOT NULL, "node_path" varchar(200) NOT NULL, "questions" text NOT NULL, "help_category" varchar(32) NOT NULL, "opens_on" varchar(10) NOT NULL, "closes_on" varchar(10) NOT NULL, "created_by" integer NOT NULL, "created_at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "idx_campaign_node" ON "campaign" ("node_path", "id") `);
    await queryRunner.query(`CREATE TABLE "campaign_answer" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "campaign_id" integer NOT NULL, "household_key" varchar(191) NOT NULL, "node_id" integer NOT NULL, "node_path" varchar(200) NOT NULL, "address" varchar(150) NOT NULL, "answers" text NOT NULL, "needs_help" boolean NOT NULL DEFAULT (0), "event_id" integer, "answered_by" integer NOT NULL, "via" varchar(8) NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "idx_campaign_answer_node" ON "campaign_answer" ("campaign_id", "node_path") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_campaign_answer_household" ON "campaign_answer" ("campaign_id", "household_key") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_campaign_answer_household"`);
    await queryRunner.query(`DROP INDEX "idx_campaign_answer_node"`);
    await queryRunner.query(`DROP TABLE "campaign_answer"`);
    await queryRunner.query(`DROP INDEX "idx_campaign_node"`);
    await queryRunner.query(`DROP TABLE "campaign"`);
  }
}
