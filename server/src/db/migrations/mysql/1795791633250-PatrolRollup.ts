import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PatrolRollup1795791633250 implements MigrationInterface {
  name = 'PatrolRollup1795791633250';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`patrol_day\` (\`grid_path\` varchar(200) NOT NULL, \`day\` varchar(10) NOT NULL, \`grid_id\` int NOT NULL, \`checkins\` int NOT NULL, UNIQUE INDEX \`uq_patrol_day_grid\` (\`grid_id\`, \`day\`), PRIMARY KEY (\`grid_path\`, \`day\`, \`grid_id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE TABLE \`patrol_rollup\` (\`node_code\` varchar(18) NOT NULL, \`day\` varchar(10) NOT NULL, \`grids\` int NOT NULL, \`checkins\` int NOT NULL, PRIMARY KEY (\`node_code\`, \`day\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`ALTER TABLE \`stats_state\` ADD \`patrol_watermark\` int NOT NULL DEFAULT '0'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`stats_state\` DROP COLUMN \`patrol_watermark\``);
    await queryRunner.query(`DROP TABLE \`patrol_rollup\``);
    await queryRunner.query(`DROP INDEX \`uq_patrol_day_grid\` ON \`patrol_day\``);
    await queryRunner.query(`DROP TABLE \`patrol_day\``);
  }
}
