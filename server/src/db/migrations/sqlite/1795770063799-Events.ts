import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Events1795770063799 implements MigrationInterface {
  name = 'Events1795770063799';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "request_key" varchar(100) NOT NULL, "source" varchar(10) NOT NULL, "category" varchar(32) NOT NULL, "description" varchar(1000) NOT NULL, "address" varchar(200), "lat" double, "lng" double, "node_id" integer NOT NULL, "node_path" varchar(200) NOT NULL, "owner_node_id" integer NOT NULL, "owner_path" varchar(200) NOT NULL, "state" varchar(16) NOT NULL, "prev_state" varchar(16), "version" integer NOT NULL DEFAULT (1), "reporter_id" integer, "anonymous" boolean NOT NULL DEFAULT (0), "handler_id" integer, "assignee_id" integer, "department_id" integer, "photos" varchar(400) NOT NULL DEFAULT ('[]'), "stage" varchar(8), "deadline_at" datetime, "sla_left_ms" integer, "overdue_at" datetime, "supporters" integer NOT NULL DEFAULT (0), "rating" tinyint, "rating_comment" varchar(500), "held" boolean NOT NULL DEFAULT (0), "needs_grid_confirm" boolean NOT NULL DEFAULT (0), "confidence" double, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_event_request_key" ON "event" ("request_key") `);
    await queryRunner.query(`CREATE INDEX "idx_event_category_created" ON "event" ("category", "created_at") `);
    await queryRunner.query(`CREATE INDEX "idx_event_deadline" ON "event" ("state", "deadline_at") `);
    await queryRunner.query(`CREATE INDEX "idx_event_reporter" ON "event" ("reporter_id", "id") `);
    await queryRunner.query(`CREATE INDEX "idx_event_owner_state" ON "event" ("owner_path", "state") `);
    await queryRunner.query(`CREATE INDEX "idx_event_node_created" ON "event" ("node_path", "created_at") `);
    await queryRunner.query(`CREATE TABLE "event_audit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "event_id" integer NOT NULL, "action" varchar(24) NOT NULL, "from_state" varchar(16), "to_state" varchar(16) NOT NULL, "actor_id" integer, "note" varchar(1000), "photos" varchar(400) NOT NULL DEFAULT ('[]'), "data" varchar(400), "at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "idx_event_audit_at" ON "event_audit" ("at") `);
    await queryRunner.query(`CREATE INDEX "idx_event_audit_event" ON "event_audit" ("event_id", "id") `);
    await queryRunner.query(`CREATE TABLE "event_supporter" ("event_id" integer NOT NULL, "user_id" integer NOT NULL, "at" datetime NOT NULL, PRIMARY KEY ("event_id", "user_id"))`);
    await queryRunner.query(`CREATE TABLE "sla_policy" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "category" varchar(32) NOT NULL, "stage" varchar(8) NOT NULL, "hours" double NOT NULL, "mode" varchar(8) NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sla_policy" ON "sla_policy" ("category", "stage") `);
    await queryRunner.query(`CREATE TABLE "event_setting" ("key" varchar(32) PRIMARY KEY NOT NULL, "value" text NOT NULL)`);
    await queryRunner.query(`CREATE TABLE "responsibility" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "node_id" integer NOT NULL, "category" varchar(32) NOT NULL, "department_id" integer NOT NULL, "matter" varchar(200) NOT NULL DEFAULT (''))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_responsibility" ON "responsibility" ("node_id", "category") `);
    await queryRunner.query(`CREATE TABLE "webhook_source" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(50) NOT NULL, "secret" varchar(128) NOT NULL, "min_confidence" double NOT NULL DEFAULT (0.8), "active" boolean NOT NULL DEFAULT (1), "created_at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_webhook_source_name" ON "webhook_source" ("name") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_webhook_source_name"`);
    await queryRunner.query(`DROP TABLE "webhook_source"`);
    await queryRunner.query(`DROP INDEX "uq_responsibility"`);
    await queryRunner.query(`DROP TABLE "responsibility"`);
    await queryRunner.query(`DROP TABLE "event_setting"`);
    await queryRunner.query(`DROP INDEX "uq_sla_policy"`);
    await queryRunner.query(`DROP TABLE "sla_policy"`);
    await queryRunner.query(`DROP TABLE "event_supporter"`);
    await queryRunner.query(`DROP INDEX "idx_event_audit_event"`);
    await queryRunner.query(`DROP INDEX "idx_event_audit_at"`);
    await queryRunner.query(`DROP TABLE "event_audit"`);
    await queryRunner.query(`DROP INDEX "idx_event_node_created"`);
    await queryRunner.query(`DROP INDEX "idx_event_owner_state"`);
    await queryRunner.query(`DROP INDEX "idx_event_reporter"`);
    await queryRunner.query(`DROP INDEX "idx_event_deadline"`);
    await queryRunner.query(`DROP INDEX "idx_event_category_created"`);
    await queryRunner.query(`DROP INDEX "uq_event_request_key"`);
    await queryRunner.query(`DROP TABLE "event"`);
  }
}
