import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CampaignAnswerHistory1796668902362 implements MigrationInterface {
  name = 'CampaignAnswerHistory1796668902362';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`campaign_answer_history\` (\`id\` int NOT NULL AUTO_INCREMENT, \`answer_id\` int NOT NULL, \`campaign_id\` int NOT NULL, \`address\` varchar(150) CHARACTER SET "utf8mb4" NOT NULL, \`answers\` text CHARACTER SET "utf8mb4" NOT NULL, \`needs_help\` tinyint NOT NULL DEFAULT 0, \`event_id\` int NULL, \`answered_by\` int NOT NULL, \`via\` varchar(8) NOT NULL, \`answered_at\` datetime NOT NULL, \`replaced_at\` datetime NOT NULL, \`replaced_by\` int NOT NULL, INDEX \`idx_campaign_answer_history_answer\` (\`answer_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`ALTER TABLE \`campaign_answer\` ADD \`household_id\` int NULL`);
    await queryRunner.query(`CREATE INDEX \`idx_campaign_answer_household\` ON \`campaign_answer\` (\`household_id\`)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_campaign_answer_household\` ON \`campaign_answer\``);
    await queryRunner.query(`ALTER TABLE \`campaign_answer\` DROP COLUMN \`household_id\``);
    await queryRunner.query(`DROP INDEX \`idx_campaign_answer_history_answer\` ON \`campaign_answer_history\``);
    await queryRunner.query(`DROP TABLE \`campaign_answer_history\``);
  }
}
