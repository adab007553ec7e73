import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Campaigns1795761731713 implements MigrationInterface {
  name = 'Campaigns1795761731713';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`campaign\` (\`id\` int NOT NULL AUTO_INCREMENT, \`title\` varchar(100) CHARACTER SET "utf8mb4" NOT NULL, \`template\` varchar(32) NULL, \`node_id\` int NOT NULL, \`node_path\` varchar(200) NOT NULL, \`questions\` text CHARACTER SET "utf8mb4" NOT NULL, \`help_category\` varchar(32) NOT NULL, \`opens_on\` varchar(10) NOT NULL, \`closes_on\` varchar(10) NOT NULL, \`created_by\` int NOT NULL, \`created_at\` datetime NOT NULL, INDEX \`idx_campaign_node\` (\`node_path\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE TABLE \`campaign_answer\` (\`id\` int NOT NULL AUTO_INCREMENT, \`campaign_id\` int NOT NULL, \`household_key\` varchar(191) CHARACTER SET "utf8mb4" NOT NULL, \`node_id\` int NOT NULL, \`node_path\` varchar(200) NOT NULL, \`address\` varchar(150) CHARACTER SET "utf8mb4" NOT NULL, \`answers\` text CHARACTER SET "utf8mb4" NOT NULL, \`needs_help\` tinyint NOT NULL DEFAULT 0, \`event_id\` int NULL, \`answered_by\` int NOT NULL, \`via\` varchar(8) NOT NULL, \`created_at\` datetime NOT NULL, \`updated_at\` datetime NOT NULL, INDEX \`idx_campaign_answer_node\` (\`campaign_id\`, \`node_path\`), UNIQUE INDEX \`uq_campaign_answer_household\` (\`campaign_id\`, \`household_key\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_campaign_answer_household\` ON \`campaign_answer\``);
    await queryRunner.query(`DROP INDEX \`idx_campaign_answer_node\` ON \`campaign_answer\``);
    await queryRunner.query(`DROP TABLE \`campaign_answer\``);
    await queryRunner.query(`DROP INDEX \`idx_campaign_node\` ON \`campaign\``);
    await queryRunner.query(`DROP TABLE \`campaign\``);
  }
}
