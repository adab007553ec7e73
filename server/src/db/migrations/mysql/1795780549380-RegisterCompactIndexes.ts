import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * reg_person: `grid_node_id` (the household's micro-grid) replaces `grid_path` in the name index,
 * and the keyed hashes become BINARY(16) instead of 32 hex characters — together they shrink the
 * random-insert indexes so that a district's register fits the default buffer pool. Hand-edited
 * from the generated drop-and-add so that existing rows keep their data: grid_node_id comes from
 * the household, UNHEX() turns each stored hash into the bytes PiiCipher.hash now returns.
 */
export class RegisterCompactIndexes1795780549380 implements MigrationInterface {
  name = 'RegisterCompactIndexes1795780549380';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_reg_person_name\` ON \`reg_person\``);
    await queryRunner.query(`DROP INDEX \`idx_reg_person_phone\` ON \`reg_person\``);
    await queryRunner.query(`DROP INDEX \`idx_reg_person_idno\` ON \`reg_person\``);
    await queryRunner.query(`ALTER TABLE \`reg_person\` ADD \`grid_node_id\` int NOT NULL, ADD \`phone_hash_b\` binary(16) NULL, ADD \`id_hash_b\` binary(16) NULL`);
    await queryRunner.query(`UPDATE \`reg_person\` p JOIN \`reg_household\` h ON h.\`id\` = p.\`household_id\` SET p.\`grid_node_id\` = h.\`grid_node_id\`, p.\`phone_hash_b\` = UNHEX(p.\`phone_hash\`), p.\`id_hash_b\` = UNHEX(p.\`id_hash\`)`);
    await queryRunner.query(`ALTER TABLE \`reg_person\` DROP COLUMN \`phone_hash\`, DROP COLUMN \`id_hash\``);
    await queryRunner.query(`ALTER TABLE \`reg_person\` CHANGE \`phone_hash_b\` \`phone_hash\` binary(16) NULL, CHANGE \`id_hash_b\` \`id_hash\` binary(16) NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX \`idx_reg_person_idno\` ON \`reg_person\` (\`id_hash\`)`);
    await queryRunner.query(`CREATE INDEX \`idx_reg_person_phone\` ON \`reg_person\` (\`phone_hash\`)`);
    await queryRunner.query(`CREATE INDEX \`idx_reg_person_name\` ON \`reg_person\` (\`name\`, \`grid_node_id\`)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_reg_person_name\` ON \`reg_person\``);
    await queryRunner.query(`DROP INDEX \`idx_reg_person_phone\` ON \`reg_person\``);
    await queryRunner.query(`DROP INDEX \`idx_reg_person_idno\` ON \`reg_person\``);
    await queryRunner.query(`ALTER TABLE \`reg_person\` ADD \`phone_hash_h\` varchar(32) NULL, ADD \`id_hash_h\` varchar(32) NULL`);
    await queryRunner.query(`UPDATE \`reg_person\` SET \`phone_hash_h\` = LOWER(HEX(\`phone_hash\`)), \`id_hash_h\` = LOWER(HEX(\`id_hash\`))`);
    await queryRunner.query(`ALTER TABLE \`reg_person\` DROP COLUMN \`phone_hash\`, DROP COLUMN \`id_hash\`, DROP COLUMN \`grid_node_id\``);
    await queryRunner.query(`ALTER TABLE \`reg_person\` CHANGE \`phone_hash_h\` \`phone_hash\` varchar(32) NULL, CHANGE \`id_hash_h\` \`id_hash\` varchar(32) NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX \`idx_reg_person_idno\` ON \`reg_person\` (\`id_hash\`)`);
    await queryRunner.query(`CREATE INDEX \`idx_reg_person_phone\` ON \`reg_person\` (\`phone_hash\`)`);
    await queryRunner.query(`CREATE INDEX \`idx_reg_person_name\` ON \`reg_person\` (\`name\`, \`grid_path\`)`);
  }
}
