import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Patrols1795770146362 implements MigrationInterface {
  name = 'Patrols1795770146362';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "patrol_checkin" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "request_id" varchar(64) NOT NULL, "day" varchar(10) NOT NULL, "at" datetime NOT NULL, "lat" double NOT NULL, "lng" double NOT NULL, "grant_node_id" integer NOT NULL, "grid_id" integer NOT NULL, "micro_id" integer, "node_path" varchar(200) NOT NULL, "outside_m" integer NOT NULL DEFAULT (0), "note" varchar(500), "photos" varchar(400), "finding_category" varchar(32), "finding_description" varchar(500), "finding_self_handled" boolean, "event_id" integer, "created_at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "idx_patrol_checkin_grid_day" ON "patrol_checkin" ("grid_id", "day") `);
    await queryRunner.query(`CREATE INDEX "idx_patrol_checkin_path_day" ON "patrol_checkin" ("node_path", "day") `);
    await queryRunner.query(`CREATE INDEX "idx_patrol_checkin_user_day" ON "patrol_checkin" ("user_id", "day", "at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_patrol_checkin_request" ON "patrol_checkin" ("user_id", "request_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_patrol_checkin_request"`);
    await queryRunner.query(`DROP INDEX "idx_patrol_checkin_user_day"`);
    await queryRunner.query(`DROP INDEX "idx_patrol_checkin_path_day"`);
    await queryRunner.query(`DROP INDEX "idx_patrol_checkin_grid_day"`);
    await queryRunner.query(`DROP TABLE "patrol_checkin"`);
  }
}
