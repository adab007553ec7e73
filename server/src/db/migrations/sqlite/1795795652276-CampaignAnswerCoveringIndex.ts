import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CampaignAnswerCoveringIndex1795795652276 implements MigrationInterface {
  name = 'CampaignAnswerCoveringIndex1795795652276';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The new index first: the progress queries keep an index while the old one goes.
    await queryRunner.query(`CREATE INDEX "idx_campaign_answer_node_help" ON "campaign_answer" ("campaign_id", "node_path", "needs_help") `);
    await queryRunner.query(`DROP INDEX "idx_campaign_answer_node"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_campaign_answer_node_help"`);
    await queryRunner.query(`CREATE INDEX "idx_campaign_answer_node" ON "campaign_answer" ("campaign_id", "node_path") `);
  }
}
