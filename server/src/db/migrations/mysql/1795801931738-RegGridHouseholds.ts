import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RegGridHouseholds1795801931738 implements MigrationInterface {
  name = 'RegGridHouseholds1795801931738';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`reg_grid_households\` (\`grid_path\` varchar(200) NOT NULL, \`households\` int NOT NULL, PRIMARY KEY (\`grid_path\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    // Households registered before this migration; later ones are counted as they are inserted.
    await queryRunner.query(`INSERT INTO \`reg_grid_households\` (\`grid_path\`, \`households\`) SELECT \`grid_path\`, COUNT(*) FROM \`reg_household\` GROUP BY \`grid_path\``);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`reg_grid_households\``);
  }
}
