import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Stats1795772686292 implements MigrationInterface {
  name = 'Stats1795772686292';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "event_fact" ("event_id" integer PRIMARY KEY NOT NULL, "node_path" varchar(200) NOT NULL, "day" varchar(10) NOT NULL, "category" varchar(32) NOT NULL, "accepted" boolean NOT NULL, "rejected" boolean NOT NULL, "closed" boolean NOT NULL, "on_time" boolean NOT NULL, "resolved_ever" boolean NOT NULL, "reworked" boolean NOT NULL, "extended" boolean NOT NULL, "response_min" integer, "handling_min" integer, "rating" integer)`);
    await queryRunner.query(`CREATE INDEX "idx_event_fact_path_day" ON "event_fact" ("node_path", "day") `);
    await queryRunner.query(`CREATE TABLE "stats_rollup" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "node_code" varchar(18) NOT NULL, "parent_code" varchar(18), "span" varchar(1) NOT NULL, "day" varchar(10) NOT NULL, "reported" integer NOT NULL DEFAULT (0), "accepted" integer NOT NULL DEFAULT (0), "rejected" integer NOT NULL DEFAULT (0), "closed" integer NOT NULL DEFAULT (0), "on_time" integer NOT NULL DEFAULT (0), "resolved" integer NOT NULL DEFAULT (0), "reworked" integer NOT NULL DEFAULT (0), "extended" integer NOT NULL DEFAULT (0), "resp_n" integer NOT NULL DEFAULT (0), "resp_sum" bigint NOT NULL DEFAULT (0), "hand_n" integer NOT NULL DEFAULT (0), "hand_sum" bigint NOT NULL DEFAULT (0), "rated" integer NOT NULL DEFAULT (0), "rating_sum" integer NOT NULL DEFAULT (0), "good" integer NOT NULL DEFAULT (0), "resp_hist" text, "hand_hist" text, "categories" text)`);
    await queryRunner.query(`CREATE INDEX "idx_stats_rollup_parent_day" ON "stats_rollup" ("parent_code", "span", "day") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_stats_rollup_node_day" ON "stats_rollup" ("node_code", "span", "day") `);
    await queryRunner.query(`CREATE TABLE "stats_state" ("id" integer PRIMARY KEY NOT NULL, "watermark" integer NOT NULL, "version" integer NOT NULL, "refreshed_at" datetime)`);
    await queryRunner.query(`CREATE INDEX "idx_event_overdue" ON "event" ("state", "overdue_at", "owner_path") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_event_overdue"`);
    await queryRunner.query(`DROP TABLE "stats_state"`);
    await queryRunner.query(`DROP INDEX "uq_stats_rollup_node_day"`);
    await queryRunner.query(`DROP INDEX "idx_stats_rollup_parent_day"`);
    await queryRunner.query(`DROP TABLE "stats_rollup"`);
    await queryRunner.query(`DROP INDEX "idx_event_fact_path_day"`);
    await queryRunner.query(`DROP TABLE "event_fact"`);
  }
}
