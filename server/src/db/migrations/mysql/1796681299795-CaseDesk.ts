import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseDesk1796681299795 implements MigrationInterface {
  name = 'CaseDesk1796681299795';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`event_template\` (\`id\` int NOT NULL AUTO_INCREMENT, \`category\` varchar(32) NOT NULL, \`state\` varchar(16) NOT NULL, \`text\` varchar(200) CHARACTER SET "utf8mb4" NOT NULL, \`created_at\` datetime NOT NULL, INDEX \`idx_event_template_cat_state\` (\`category\`, \`state\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`ALTER TABLE \`event\` ADD \`priority\` varchar(8) NOT NULL DEFAULT 'normal'`);
    await queryRunner.query(`ALTER TABLE \`event\` ADD \`check_result\` varchar(8) NULL`);
    await queryRunner.query(`ALTER TABLE \`event\` ADD \`merged_into\` int NULL`);
    await queryRunner.query(`ALTER TABLE \`event\` ADD \`closed_at\` datetime NULL`);
    await queryRunner.query(`ALTER TABLE \`event\` ADD \`warn_at\` datetime NULL`);
    await queryRunner.query(`ALTER TABLE \`event\` ADD \`escalated_at\` datetime NULL`);
    await queryRunner.query(`ALTER TABLE \`event\` ADD \`followup_fixed\` tinyint NULL`);
    await queryRunner.query(`ALTER TABLE \`event\` ADD \`followup_at\` datetime NULL`);
    await queryRunner.query(`ALTER TABLE \`event\` ADD \`caller_name\` varchar(300) NULL`);
    await queryRunner.query(`ALTER TABLE \`event\` ADD \`caller_phone\` varchar(300) NULL`);
    await queryRunner.query(`CREATE INDEX \`idx_event_warn\` ON \`event\` (\`warn_at\`)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_event_warn\` ON \`event\``);
    await queryRunner.query(`ALTER TABLE \`event\` DROP COLUMN \`caller_phone\``);
    await queryRunner.query(`ALTER TABLE \`event\` DROP COLUMN \`caller_name\``);
    await queryRunner.query(`ALTER TABLE \`event\` DROP COLUMN \`followup_at\``);
    await queryRunner.query(`ALTER TABLE \`event\` DROP COLUMN \`followup_fixed\``);
    await queryRunner.query(`ALTER TABLE \`event\` DROP COLUMN \`escalated_at\``);
    await queryRunner.query(`ALTER TABLE \`event\` DROP COLUMN \`warn_at\``);
    await queryRunner.query(`ALTER TABLE \`event\` DROP COLUMN \`closed_at\``);
    await queryRunner.query(`ALTER TABLE \`event\` DROP COLUMN \`merged_into\``);
    await queryRunner.query(`ALTER TABLE \`event\` DROP COLUMN \`check_result\``);
    await queryRunner.query(`ALTER TABLE \`event\` DROP COLUMN \`priority\``);
    await queryRunner.query(`DROP INDEX \`idx_event_template_cat_state\` ON \`event_template\``);
    await queryRunner.query(`DROP TABLE \`event_template\``);
  }
}
