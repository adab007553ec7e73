import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GridVersion1795760324710 implements MigrationInterface {
  name = 'GridVersion1795760324710';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "grid_tree_state" ("id" integer PRIMARY KEY NOT NULL, "version" integer NOT NULL DEFAULT (0), "updated_at" datetime)`);
    await queryRunner.query(`DROP INDEX "idx_grid_node_path"`);
    await queryRunner.query(`DROP INDEX "idx_grid_node_parent"`);
    await queryRunner.query(`DROP INDEX "uq_grid_node_code"`);
    await queryRunner.query(`CREATE TABLE "temporary_grid_node" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(18) NOT NULL, "name" varchar(100) NOT NULL, "level" varchar(12) NOT NULL, "parent_id" integer, "path" varchar(200) NOT NULL, "depth" integer NOT NULL DEFAULT (0), "is_virtual" boolean NOT NULL DEFAULT (0), "boundary" text, "crs" varchar(8) NOT NULL DEFAULT ('gcj02'), "min_lng" double, "min_lat" double, "max_lng" double, "max_lat" double, "synthetic" boolean NOT NULL DEFAULT (0), "version" integer NOT NULL DEFAULT (1), "updated_at" datetime)`);
    await queryRunner.query(`INSERT INTO "temporary_grid_node"("id", "code", "name", "level", "parent_id", "path", "depth", "is_virtual", "boundary", "crs", "min_lng", "min_lat", "max_lng", "max_lat", "synthetic") SELECT "id", "code", "name", "level", "parent_id", "path", "depth", "is_virtual", "boundary", "crs", "min_lng", "min_lat", "max_lng", "max_lat", "synthetic" FROM "grid_node"`);
    await queryRunner.query(`DROP TABLE "grid_node"`);
    await queryRunner.query(`ALTER TABLE "temporary_grid_node" RENAME TO "grid_node"`);
    await queryRunner.query(`CREATE INDEX "idx_grid_node_path" ON "grid_node" ("path") `);
    await queryRunner.query(`CREATE INDEX "idx_grid_node_parent" ON "grid_node" ("parent_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_grid_node_code" ON "grid_node" ("code") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_grid_node_code"`);
    await queryRunner.query(`DROP INDEX "idx_grid_node_parent"`);
    await queryRunner.query(`DROP INDEX "idx_grid_node_path"`);
    await queryRunner.query(`ALTER TABLE "grid_node" RENAME TO "temporary_grid_node"`);
    await queryRunner.query(`CREATE TABLE "grid_node" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(18) NOT NULL, "name" varchar(100) NOT NULL, "level" varchar(12) NOT NULL, "parent_id" integer, "path" varchar(200) NOT NULL, "depth" integer NOT NULL DEFAULT (0), "is_virtual" boolean NOT NULL DEFAULT (0), "boundary" text, "crs" varchar(8) NOT NULL DEFAULT ('gcj02'), "min_lng" double, "min_lat" double, "max_lng" double, "max_lat" double, "synthetic" boolean NOT NULL DEFAULT (0))`);
    await queryRunner.query(`INSERT INTO "grid_node"("id", "code", "name", "level", "parent_id", "path", "depth", "is_virtual", "boundary", "crs", "min_lng", "min_lat", "max_lng", "max_lat", "synthetic") SELECT "id", "code", "name", "level", "parent_id", "path", "depth", "is_virtual", "boundary", "crs", "min_lng", "min_lat", "max_lng", "max_lat", "synthetic" FROM "temporary_grid_node"`);
    await queryRunner.query(`DROP TABLE "temporary_grid_node"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_grid_node_code" ON "grid_node" ("code") `);
    await queryRunner.query(`CREATE INDEX "idx_grid_node_parent" ON "grid_node" ("parent_id") `);
    await queryRunner.query(`CREATE INDEX "idx_grid_node_path" ON "grid_node" ("path") `);
    await queryRunner.query(`DROP TABLE "grid_tree_state"`);
  }
}
