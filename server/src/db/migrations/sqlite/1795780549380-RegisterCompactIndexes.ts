import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * reg_person: `grid_node_id` (the household's micro-grid) replaces `grid_path` in the name index,
 * and the keyed hashes become 16 bytes instead of 32 hex characters. Hand-edited from the
 * generated table rebuild so that existing rows keep their data: grid_node_id comes from the
 * household, unhex() turns each stored hash into the same bytes PiiCipher.hash now returns.
 */
/** reg_person's indexes after the table rebuild; the name index's second column is what changes. */
async function createIndexes(queryRunner: QueryRunner, nameScope: 'grid_node_id' | 'grid_path'): Promise<void> {
  await queryRunner.query(`CREATE UNIQUE INDEX "idx_reg_person_idno" ON "reg_person" ("id_hash") `);
  for (const [name, col] of [['household', 'household_id'], ['path', 'grid_path'], ['phone', 'phone_hash'], ['user', 'user_id']]) await queryRunner.query(`CREATE INDEX "idx_reg_person_${name}" ON "reg_person" ("${col}") `);
  await queryRunner.query(`CREATE INDEX "idx_reg_person_name" ON "reg_person" ("name", "${nameScope}") `);
}

export class RegisterCompactIndexes1795780549380 implements MigrationInterface {
  name = 'RegisterCompactIndexes1795780549380';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const i of ['name', 'idno', 'household', 'path', 'phone', 'user']) await queryRunner.query(`DROP INDEX "idx_reg_person_${i}"`);
    await queryRunner.query(`CREATE TABLE "temporary_reg_person" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "household_id" integer NOT NULL, "grid_path" varchar(200) NOT NULL, "name" varchar(50) NOT NULL, "relation" varchar(10) NOT NULL DEFAULT ('其他'), "phone_enc" varchar(120), "phone_hash" binary(16), "id_enc" varchar(120), "id_hash" binary(16), "birth_year" integer, "gender" varchar(6), "tags" varchar(200) NOT NULL DEFAULT (''), "user_id" integer, "version" integer NOT NULL DEFAULT (1), "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "grid_node_id" integer NOT NULL)`);
    await queryRunner.query(`INSERT INTO "temporary_reg_person"("id", "household_id", "grid_path", "name", "relation", "phone_enc", "phone_hash", "id_enc", "id_hash", "birth_year", "gender", "tags", "user_id", "version", "created_at", "updated_at", "grid_node_id") SELECT p."id", p."household_id", p."grid_path", p."name", p."relation", p."phone_enc", unhex(p."phone_hash"), p."id_enc", unhex(p."id_hash"), p."birth_year", p."gender", p."tags", p."user_id", p."version", p."created_at", p."updated_at", h."grid_node_id" FROM "reg_person" p JOIN "reg_household" h ON h."id" = p."household_id"`);
    await queryRunner.query(`DROP TABLE "reg_person"`);
    await queryRunner.query(`ALTER TABLE "temporary_reg_person" RENAME TO "reg_person"`);
    await createIndexes(queryRunner, 'grid_node_id');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const i of ['name', 'idno', 'household', 'path', 'phone', 'user']) await queryRunner.query(`DROP INDEX "idx_reg_person_${i}"`);
    await queryRunner.query(`CREATE TABLE "temporary_reg_person" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "household_id" integer NOT NULL, "grid_path" varchar(200) NOT NULL, "name" varchar(50) NOT NULL, "relation" varchar(10) NOT NULL DEFAULT ('其他'), "phone_enc" varchar(120), "phone_hash" varchar(32), "id_enc" varchar(120), "id_hash" varchar(32), "birth_year" integer, "gender" varchar(6), "tags" varchar(200) NOT NULL DEFAULT (''), "user_id" integer, "version" integer NOT NULL DEFAULT (1), "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`);
    await queryRunner.query(`INSERT INTO "temporary_reg_person"("id", "household_id", "grid_path", "name", "relation", "phone_enc", "phone_hash", "id_enc", "id_hash", "birth_year", "gender", "tags", "user_id", "version", "created_at", "updated_at") SELECT "id", "household_id", "grid_path", "name", "relation", "phone_enc", lower(hex("phone_hash")), "id_enc", lower(hex("id_hash")), "birth_year", "gender", "tags", "user_id", "version", "created_at", "updated_at" FROM "reg_person"`);
    await queryRunner.query(`DROP TABLE "reg_person"`);
    await queryRunner.query(`ALTER TABLE "temporary_reg_person" RENAME TO "reg_person"`);
    // hex(NULL) is '', not NULL.
    await queryRunner.query(`UPDATE "reg_person" SET "phone_hash" = NULLIF("phone_hash", ''), "id_hash" = NULLIF("id_hash", '')`);
    await createIndexes(queryRunner, 'grid_path');
  }
}
