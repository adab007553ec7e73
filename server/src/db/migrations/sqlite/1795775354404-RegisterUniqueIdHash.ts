import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RegisterUniqueIdHash1795775354404 implements MigrationInterface {
  name = 'RegisterUniqueIdHash1795775354404';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_reg_person_idno"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "idx_reg_person_idno" ON "reg_person" ("id_hash") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_reg_person_idno"`);
    await queryRunner.query(`CREATE INDEX "idx_reg_person_idno" ON "reg_person" ("id_hash") `);
  }
}
