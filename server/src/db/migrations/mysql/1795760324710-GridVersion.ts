import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GridVersion1795760324710 implements MigrationInterface {
  name = 'GridVersion1795760324710';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`grid_tree_state\` (\`id\` int NOT NULL, \`version\` int NOT NULL DEFAULT '0', \`updated_at\` datetime NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`ALTER TABLE \`grid_node\` ADD \`version\` int NOT NULL DEFAULT '1'`);
    await queryRunner.query(`ALTER TABLE \`grid_node\` ADD \`updated_at\` datetime NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`grid_node\` DROP COLUMN \`updated_at\``);
    await queryRunner.query(`ALTER TABLE \`grid_node\` DROP COLUMN \`version\``);
    await queryRunner.query(`DROP TABLE \`grid_tree_state\``);
  }
}
