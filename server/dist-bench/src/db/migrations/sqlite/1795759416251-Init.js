export class Init1795759416251 {
    name = 'Init1795759416251';
    async up(queryRunner) {
        await queryRunner.query(`CREATE TABLE "category" ("code" varchar(32) PRIMARY KEY NOT NULL, "name" varchar(50) NOT NULL, "icon" varchar(32) NOT NULL DEFAULT (''), "sort" integer NOT NULL DEFAULT (0), "active" boolean NOT NULL DEFAULT (1))`);
        await queryRunner.query(`CREATE TABLE "grid_node" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(18) NOT NULL, "name" varchar(100) NOT NULL, "level" varchar(12) NOT NULL, "parent_id" integer, "path" varchar(200) NOT NULL, "depth" integer NOT NULL DEFAULT (0), "is_virtual" boolean NOT NULL DEFAULT (0), "boundary" text, "crs" varchar(8) NOT NULL DEFAULT ('gcj02'), "min_lng" double, "min_lat" double, "max_lng" double, "max_lat" double, "synthetic" boolean NOT NULL DEFAULT (0))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_grid_node_code" ON "grid_node" ("code") `);
        await queryRunner.query(`CREATE INDEX "idx_grid_node_parent" ON "grid_node" ("parent_id") `);
        await queryRunner.query(`CREATE INDEX "idx_grid_node_path" ON "grid_node" ("path") `);
    }
    async down(queryRunner) {
        await queryRunner.query(`DROP INDEX "idx_grid_node_path"`);
        await queryRunner.query(`DROP INDEX "idx_grid_node_parent"`);
        await queryRunner.query(`DROP INDEX "uq_grid_node_code"`);
        await queryRunner.query(`DROP TABLE "grid_node"`);
        await queryRunner.query(`DROP TABLE "category"`);
    }
}
//# sourceMappingURL=1795759416251-Init.js.map