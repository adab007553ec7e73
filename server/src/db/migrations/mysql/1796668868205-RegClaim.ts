import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RegClaim1796668868205 implements MigrationInterface {
  name = 'RegClaim1796668868205';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`reg_claim\` (\`id\` int NOT NULL AUTO_INCREMENT, \`person_id\` int NOT NULL, \`household_id\` int NOT NULL, \`grid_node_id\` int NOT NULL, \`grid_path\` varchar(200) NOT NULL, \`user_id\` int NOT NULL, \`state\` varchar(12) NOT NULL, \`method\` varchar(8) NOT NULL, \`live\` tinyint NULL, \`created_at\` datetime NOT NULL, \`decided_at\` datetime NULL, \`decided_by\` int NULL, \`reason\` varchar(200) CHARACTER SET "utf8mb4" NOT NULL DEFAULT '', INDEX \`idx_reg_claim_user\` (\`user_id\`), INDEX \`idx_reg_claim_path\` (\`grid_path\`, \`state\`), UNIQUE INDEX \`uq_reg_claim_live\` (\`person_id\`, \`live\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_reg_claim_live\` ON \`reg_claim\``);
    await queryRunner.query(`DROP INDEX \`idx_reg_claim_path\` ON \`reg_claim\``);
    await queryRunner.query(`DROP INDEX \`idx_reg_claim_user\` ON \`reg_claim\``);
    await queryRunner.query(`DROP TABLE \`reg_claim\``);
  }
}
