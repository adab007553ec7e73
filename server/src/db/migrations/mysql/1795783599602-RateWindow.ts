import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RateWindow1795783599602 implements MigrationInterface {
  name = 'RateWindow1795783599602';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`rate_window\` (\`bucket_key\` varchar(120) NOT NULL, \`win\` int NOT NULL, \`n\` int NOT NULL, PRIMARY KEY (\`bucket_key\`, \`win\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`rate_window\``);
  }
}
