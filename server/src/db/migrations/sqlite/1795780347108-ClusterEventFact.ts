import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClusterEventFact1795780347108 implements MigrationInterface {
  name = 'ClusterEventFact1795780347108';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_event_fact_path_day"`);
    await queryRunner.query(`CREATE TABLE "temporary_event_fact" ("event_id" integer NOT NULL, "node_path" varchar(200) NOT NULL, "day" varchar(10) NOT NULL, "category" varchar(32) NOT NULL, "accepted" boolean NOT NULL, "rejected" boolean NOT NULL, "closed" boolean NOT NULL, "on_time" boolean NOT NULL, "resolved_ever" boolean NOT NULL, "reworked" boolean NOT NULL, "extended" boolean NOT NULL, "response_min" integer, "handling_min" integer, "rating" integer, PRIMARY KEY ("node_path", "day", "event_id"))`);
    await queryRunner.query(`INSERT INTO "temporary_event_fact"("event_id", "node_path", "day", "category", "accepted", "rejected", "closed", "on_time", "resolved_ever", "reworked", "extended", "response_min", "handling_min", "rating") SELECT "event_id", "node_path", "day", "category", "accepted", "rejected", "closed", "on_time", "resolved_ever", "reworked", "extended", "response_min", "handling_min", "rating" FROM "event_fact"`);
    await queryRunner.query(`DROP TABLE "event_fact"`);
    await queryRunner.query(`ALTER TABLE "temporary_event_fact" RENAME TO "event_fact"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_event_fact_event" ON "event_fact" ("event_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_event_fact_event"`);
    await queryRunner.query(`ALTER TABLE "event_fact" RENAME TO "temporary_event_fact"`);
    await queryRunner.query(`CREATE TABLE "event_fact" ("event_id" integer PRIMARY KEY NOT NULL, "node_path" varchar(200) NOT NULL, "day" varchar(10) NOT NULL, "category" varchar(32) NOT NULL, "accepted" boolean NOT NULL, "rejected" boolean NOT NULL, "closed" boolean NOT NULL, "on_time" boolean NOT NULL, "resolved_ever" boolean NOT NULL, "reworked" boolean NOT NULL, "extended" boolean NOT NULL, "response_min" integer, "handling_min" integer, "rating" integer)`);
    await queryRunner.query(`INSERT INTO "event_fact"("event_id", "node_path", "day", "category", "accepted", "rejected", "closed", "on_time", "resolved_ever", "reworked", "extended", "response_min", "handling_min", "rating") SELECT "event_id", "node_path", "day", "category", "accepted", "rejected", "closed", "on_time", "resolved_ever", "reworked", "extended", "response_min", "handling_min", "rating" FROM "temporary_event_fact"`);
    await queryRunner.query(`DROP TABLE "temporary_event_fact"`);
    await queryRunner.query(`CREATE INDEX "idx_event_fact_path_day" ON "event_fact" ("node_path", "day") `);
  }
}
