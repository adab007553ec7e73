import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Open3111796680693313 implements MigrationInterface {
  name = 'Open3111796680693313';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "api_client" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(50) NOT NULL, "label" varchar(100) NOT NULL DEFAULT (''), "kind" varchar(10) NOT NULL, "key_hash" varchar(64) NOT NULL, "key_prefix" varchar(12) NOT NULL, "secret" varchar(128) NOT NULL, "node_id" integer NOT NULL, "node_path" varchar(200) NOT NULL, "rate_per_min" integer NOT NULL DEFAULT (60), "callback_url" varchar(300), "callback_scope" varchar(8) NOT NULL DEFAULT ('own'), "fallback_grid_code" varchar(24), "default_category" varchar(32), "created_by" integer, "created_at" datetime NOT NULL, "revoked_at" datetime)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_client_name" ON "api_client" ("name") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_client_key" ON "api_client" ("key_hash") `);
    await queryRunner.query(`CREATE TABLE "api_client_audit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "client_id" integer NOT NULL, "action" varchar(24) NOT NULL, "actor_id" integer, "data" varchar(1000), "at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "idx_api_client_audit_client" ON "api_client_audit" ("client_id", "id") `);
    await queryRunner.query(`CREATE TABLE "open311_request" ("event_id" integer PRIMARY KEY NOT NULL, "client_id" integer NOT NULL, "external_id" varchar(64) NOT NULL, "attributes" varchar(2000), "media_url" varchar(500), "contact" varchar(1000), "due_at" datetime, "created_at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "idx_open311_request_external" ON "open311_request" ("external_id") `);
    await queryRunner.query(`CREATE INDEX "idx_open311_request_client" ON "open311_request" ("client_id", "event_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_open311_request_client_ext" ON "open311_request" ("client_id", "external_id") `);
    await queryRunner.query(`CREATE TABLE "open311_attribute" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "service_code" varchar(32) NOT NULL, "code" varchar(32) NOT NULL, "datatype" varchar(16) NOT NULL, "required" boolean NOT NULL DEFAULT (0), "variable" boolean NOT NULL DEFAULT (1), "description" varchar(300) NOT NULL, "datatype_description" varchar(300), "sort" integer NOT NULL DEFAULT (0), "value_list" varchar(2000))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_open311_attribute" ON "open311_attribute" ("service_code", "code") `);
    await queryRunner.query(`CREATE TABLE "open311_callback" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "client_id" integer NOT NULL, "audit_id" integer NOT NULL, "event_id" integer NOT NULL, "created_at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_open311_callback" ON "open311_callback" ("client_id", "audit_id") `);
    await queryRunner.query(`CREATE TABLE "open311_relay_state" ("id" integer PRIMARY KEY NOT NULL, "watermark" integer NOT NULL DEFAULT (0))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "open311_relay_state"`);
    await queryRunner.query(`DROP INDEX "uq_open311_callback"`);
    await queryRunner.query(`DROP TABLE "open311_callback"`);
    await queryRunner.query(`DROP INDEX "uq_open311_attribute"`);
    await queryRunner.query(`DROP TABLE "open311_attribute"`);
    await queryRunner.query(`DROP INDEX "uq_open311_request_client_ext"`);
    await queryRunner.query(`DROP INDEX "idx_open311_request_client"`);
    await queryRunner.query(`DROP INDEX "idx_open311_request_external"`);
    await queryRunner.query(`DROP TABLE "open311_request"`);
    await queryRunner.query(`DROP INDEX "idx_api_client_audit_client"`);
    await queryRunner.query(`DROP TABLE "api_client_audit"`);
    await queryRunner.query(`DROP INDEX "uq_api_client_key"`);
    await queryRunner.query(`DROP INDEX "uq_api_client_name"`);
    await queryRunner.query(`DROP TABLE "api_client"`);
  }
}
