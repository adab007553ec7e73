import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RateWindow1795783599602 implements MigrationInterface {
  name = 'RateWindow1795783599602';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "rate_window" ("bucket_key" varchar(120) NOT NULL, "win" integer NOT NULL, "n" integer NOT NULL, PRIMARY KEY ("bucket_key", "win"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_window"`);
  }
}
