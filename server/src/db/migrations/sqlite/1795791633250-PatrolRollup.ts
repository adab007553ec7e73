import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PatrolRollup1795791633250 implements MigrationInterface {
  name = 'PatrolRollup1795791633250';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "patrol_day" ("grid_path" varchar(200) NOT NULL, "day" varchar(10) NOT NULL, "grid_id" integer NOT NULL, "checkins" integer NOT NULL, PRIMARY KEY ("grid_path", "day", "grid_id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_patrol_day_grid" ON "patrol_day" ("grid_id", "day") `);
    await queryRunner.query(`CREATE TABLE "patrol_rollup" ("node_code" varchar(18) NOT NULL, "day" varchar(10) NOT NULL, "grids" integer NOT NULL, "checkins" integer NOT NULL, PRIMARY KEY ("node_code", "day"))`);
    await queryRunner.query(`CREATE TABLE "temporary_stats_state" ("id" integer PRIMARY KEY NOT NULL, "watermark" integer NOT NULL, "version" integer NOT NULL, "refreshed_at" datetime, "patrol_watermark" integer NOT NULL DEFAULT (0))`);
    await queryRunner.query(`INSERT INTO "temporary_stats_state"("id", "watermark", "version", "refreshed_at") SELECT "id", "watermark", "version", "refreshed_at" FROM "stats_state"`);
    await queryRunner.query(`DROP TABLE "stats_state"`);
    await queryRunner.query(`ALTER TABLE "temporary_stats_state" RENAME TO "stats_state"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "stats_state" RENAME TO "temporary_stats_state"`);
    await queryRunner.query(`CREATE TABLE "stats_state" ("id" integer PRIMARY KEY NOT NULL, "watermark" integer NOT NULL, "version" integer NOT NULL, "refreshed_at" datetime)`);
    await queryRunner.query(`INSERT INTO "stats_state"("id", "watermark", "version", "refreshed_at") SELECT "id", "watermark", "version", "refreshed_at" FROM "temporary_stats_state"`);
    await queryRunner.query(`DROP TABLE "temporary_stats_state"`);
    await queryRunner.query(`DROP TABLE "patrol_rollup"`);
    await queryRunner.query(`DROP INDEX "uq_patrol_day_grid"`);
    await queryRunner.query(`DROP TABLE "patrol_day"`);
  }
}
