import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RegClaim1796668868205 implements MigrationInterface {
  name = 'RegClaim1796668868205';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "reg_claim" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "person_id" integer NOT NULL, "household_id" integer NOT NULL, "grid_node_id" integer NOT NULL, "grid_path" varchar(200) NOT NULL, "user_id" integer NOT NULL, "state" varchar(12) NOT NULL, "method" varchar(8) NOT NULL, "live" tinyint, "created_at" datetime NOT NULL, "decided_at" datetime, "decided_by" integer, "reason" varchar(200) NOT NULL DEFAULT (''))`);
    await queryRunner.query(`CREATE INDEX "idx_reg_claim_user" ON "reg_claim" ("user_id") `);
    await queryRunner.query(`CREATE INDEX "idx_reg_claim_path" ON "reg_claim" ("grid_path", "state") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_reg_claim_live" ON "reg_claim" ("person_id", "live") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_reg_claim_live"`);
    await queryRunner.query(`DROP INDEX "idx_reg_claim_path"`);
    await queryRunner.query(`DROP INDEX "idx_reg_claim_user"`);
    await queryRunner.query(`DROP TABLE "reg_claim"`);
  }
}
