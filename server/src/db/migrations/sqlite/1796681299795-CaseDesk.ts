import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseDesk1796681299795 implements MigrationInterface {
  name = 'CaseDesk1796681299795';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "event_template" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "category" varchar(32) NOT NULL, "state" varchar(16) NOT NULL, "text" varchar(200) NOT NULL, "created_at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "idx_event_template_cat_state" ON "event_template" ("category", "state") `);
    await queryRunner.query(`DROP INDEX "idx_event_overdue"`);
    await queryRunner.query(`DROP INDEX "idx_event_node_created"`);
    await queryRunner.query(`DROP INDEX "idx_event_owner_state"`);
    await queryRunner.query(`DROP INDEX "idx_event_reporter"`);
    await queryRunner.query(`DROP INDEX "idx_event_deadline"`);
    await queryRunner.query(`DROP INDEX "idx_event_category_created"`);
    await queryRunner.query(`DROP INDEX "uq_event_request_key"`);
    await queryRunner.query(`CREATE TABLE "temporary_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "request_key" varchar(100) NOT NULL, "source" varchar(10) NOT NULL, "category" varchar(32) NOT NULL, "description" varchar(1000) NOT NULL, "address" varchar(200), "lat" double, "lng" double, "node_id" integer NOT NULL, "node_path" varchar(200) NOT NULL, "owner_node_id" integer NOT NULL, "owner_path" varchar(200) NOT NULL, "state" varchar(16) NOT NULL, "prev_state" varchar(16), "version" integer NOT NULL DEFAULT (1), "reporter_id" integer, "anonymous" boolean NOT NULL DEFAULT (0), "handler_id" integer, "assignee_id" integer, "department_id" integer, "photos" varchar(400) NOT NULL DEFAULT ('[]'), "stage" varchar(8), "deadline_at" datetime, "sla_left_ms" integer, "overdue_at" datetime, "supporters" integer NOT NULL DEFAULT (0), "rating" tinyint, "rating_comment" varchar(500), "held" boolean NOT NULL DEFAULT (0), "needs_grid_confirm" boolean NOT NULL DEFAULT (0), "confidence" double, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "priority" varchar(8) NOT NULL DEFAULT ('normal'), "check_result" varchar(8), "merged_into" integer, "closed_at" datetime, "warn_at" datetime, "escalated_at" datetime, "followup_fixed" boolean, "followup_at" datetime, "caller_name" varchar(300), "caller_phone" varchar(300))`);
    await queryRunner.query(`INSERT INTO "temporary_event"("id", "request_key", "source", "category", "description", "address", "lat", "lng", "node_id", "node_path", "owner_node_id", "owner_path", "state", "prev_state", "version", "reporter_id", "anonymous", "handler_id", "assignee_id", "department_id", "photos", "stage", "deadline_at", "sla_left_ms", "overdue_at", "supporters", "rating", "rating_comment", "held", "needs_grid_confirm", "confidence", "created_at", "updated_at") SELECT "id", "request_key", "source", "category", "description", "address", "lat", "lng", "node_id", "node_path", "owner_node_id", "owner_path", "state", "prev_state", "version", "reporter_id", "anonymous", "handler_id", "assignee_id", "department_id", "photos", "stage", "deadline_at", "sla_left_ms", "overdue_at", "supporters", "rating", "rating_comment", "held", "needs_grid_confirm", "confidence", "created_at", "updated_at" FROM "event"`);
    await queryRunner.query(`DROP TABLE "event"`);
    await queryRunner.query(`ALTER TABLE "temporary_event" RENAME TO "event"`);
    await queryRunner.query(`CREATE INDEX "idx_event_overdue" ON "event" ("state", "overdue_at", "owner_path") `);
    await queryRunner.query(`CREATE INDEX "idx_event_node_created" ON "event" ("node_path", "created_at") `);
    await queryRunner.query(`CREATE INDEX "idx_event_owner_state" ON "event" ("owner_path", "state") `);
    await queryRunner.query(`CREATE INDEX "idx_event_reporter" ON "event" ("reporter_id", "id") `);
    await queryRunner.query(`CREATE INDEX "idx_event_deadline" ON "event" ("state", "deadline_at") `);
    await queryRunner.query(`CREATE INDEX "idx_event_category_created" ON "event" ("category", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_event_request_key" ON "event" ("request_key") `);
    await queryRunner.query(`CREATE INDEX "idx_event_warn" ON "event" ("warn_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_event_warn"`);
    await queryRunner.query(`DROP INDEX "uq_event_request_key"`);
    await queryRunner.query(`DROP INDEX "idx_event_category_created"`);
    await queryRunner.query(`DROP INDEX "idx_event_deadline"`);
    await queryRunner.query(`DROP INDEX "idx_event_reporter"`);
    await queryRunner.query(`DROP INDEX "idx_event_owner_state"`);
    await queryRunner.query(`DROP INDEX "idx_event_node_created"`);
    await queryRunner.query(`DROP INDEX "idx_event_overdue"`);
    await queryRunner.query(`ALTER TABLE "event" RENAME TO "temporary_event"`);
    await queryRunner.query(`CREATE TABLE "event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "request_key" varchar(100) NOT NULL, "source" varchar(10) NOT NULL, "category" varchar(32) NOT NULL, "description" varchar(1000) NOT NULL, "address" varchar(200), "lat" double, "lng" double, "node_id" integer NOT NULL, "node_path" varchar(200) NOT NULL, "owner_node_id" integer NOT NULL, "owner_path" varchar(200) NOT NULL, "state" varchar(16) NOT NULL, "prev_state" varchar(16), "version" integer NOT NULL DEFAULT (1), "reporter_id" integer, "anonymous" boolean NOT NULL DEFAULT (0), "handler_id" integer, "assignee_id" integer, "department_id" integer, "photos" varchar(400) NOT NULL DEFAULT ('[]'), "stage" varchar(8), "deadline_at" datetime, "sla_left_ms" integer, "overdue_at" datetime, "supporters" integer NOT NULL DEFAULT (0), "rating" tinyint, "rating_comment" varchar(500), "held" boolean NOT NULL DEFAULT (0), "needs_grid_confirm" boolean NOT NULL DEFAULT (0), "confidence" double, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`);
    await queryRunner.query(`INSERT INTO "event"("id", "request_key", "source", "category", "description", "address", "lat", "lng", "node_id", "node_path", "owner_node_id", "owner_path", "state", "prev_state", "version", "reporter_id", "anonymous", "handler_id", "assignee_id", "department_id", "photos", "stage", "deadline_at", "sla_left_ms", "overdue_at", "supporters", "rating", "rating_comment", "held", "needs_grid_confirm", "confidence", "created_at", "updated_at") SELECT "id", "request_key", "source", "category", "description", "address", "lat", "lng", "node_id", "node_path", "owner_node_id", "owner_path", "state", "prev_state", "version", "reporter_id", "anonymous", "handler_id", "assignee_id", "department_id", "photos", "stage", "deadline_at", "sla_left_ms", "overdue_at", "supporters", "rating", "rating_comment", "held", "needs_grid_confirm", "confidence", "created_at", "updated_at" FROM "temporary_event"`);
    await queryRunner.query(`DROP TABLE "temporary_event"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_event_request_key" ON "event" ("request_key") `);
    await queryRunner.query(`CREATE INDEX "idx_event_category_created" ON "event" ("category", "created_at") `);
    await queryRunner.query(`CREATE INDEX "idx_event_deadline" ON "event" ("state", "deadline_at") `);
    await queryRunner.query(`CREATE INDEX "idx_event_reporter" ON "event" ("reporter_id", "id") `);
    await queryRunner.query(`CREATE INDEX "idx_event_owner_state" ON "event" ("owner_path", "state") `);
    await queryRunner.query(`CREATE INDEX "idx_event_node_created" ON "event" ("node_path", "created_at") `);
    await queryRunner.query(`CREATE INDEX "idx_event_overdue" ON "event" ("state", "overdue_at", "owner_path") `);
    await queryRunner.query(`DROP INDEX "idx_event_template_cat_state"`);
    await queryRunner.query(`DROP TABLE "event_template"`);
  }
}
