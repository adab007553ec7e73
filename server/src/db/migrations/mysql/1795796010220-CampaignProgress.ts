import type { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillCampaignProgress } from '../campaign-progress-backfill.js';

export class CampaignProgress1795796010220 implements MigrationInterface {
  name = 'CampaignProgress1795796010220';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`campaign_progress\` (\`campaign_id\` int NOT NULL, \`node_code\` varchar(18) NOT NULL, \`answered\` int NOT NULL, \`needs_help\` int NOT NULL, PRIMARY KEY (\`campaign_id\`, \`node_code\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await backfillCampaignProgress(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`campaign_progress\``);
  }
}
