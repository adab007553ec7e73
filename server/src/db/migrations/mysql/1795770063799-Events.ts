import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Events1795770063799 implements MigrationInterface {
  name = 'Events1795770063799';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`request_key\` varchar(100) NOT NULL, \`source\` varchar(10) NOT NULL, \`category\` varchar(32) NOT NULL, \`description\` varchar(1000) CHARACTER SET "utf8mb4" NOT NULL, \`address\` varchar(200) CHARACTER SET "utf8mb4" NULL, \`lat\` double NULL, \`lng\` double NULL, \`node_id\` int NOT NULL, \`node_path\` varchar(200) NOT NULL, \`owner_node_id\` int NOT NULL, \`owner_path\` varchar(200) NOT NULL, \`state\` varchar(16) NOT NULL, \`prev_state\` varchar(16) NULL, \`version\` int NOT NULL DEFAULT '1', \`reporter_id\` int NULL, \`anonymous\` tinyint NOT NULL DEFAULT 0, \`handler_id\` int NULL, \`assignee_id\` int NULL, \`department_id\` int NULL, \`photos\` varchar(400) NOT NULL DEFAULT '[]', \`stage\` varchar(8) NULL, \`deadline_at\` datetime NULL, \`sla_left_ms\` int NULL, \`overdue_at\` datetime NULL, \`supporters\` int NOT NULL DEFAULT '0', \`rating\` tinyint NULL, \`rating_comment\` varchar(500) CHARACTER SET "utf8mb4" NULL, \`held\` tinyint NOT NULL DEFAULT 0, \`needs_grid_confirm\` tinyint NOT NULL DEFAULT 0, \`confidence\` double NULL, \`created_at\` datetime NOT NULL, \`updated_at\` datetime NOT NULL, UNIQUE INDEX \`uq_event_request_key\` (\`request_key\`), INDEX \`idx_event_category_created\` (\`category\`, \`created_at\`), INDEX \`idx_event_deadline\` (\`state\`, \`deadline_at\`), INDEX \`idx_event_reporter\` (\`reporter_id\`, \`id\`), INDEX \`idx_event_owner_state\` (\`owner_path\`, \`state\`), INDEX \`idx_event_node_created\` (\`node_path\`, \`created_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE TABLE \`event_audit\` (\`id\` int NOT NULL AUTO_INCREMENT, \`event_id\` int NOT NULL, \`action\` varchar(24) NOT NULL, \`from_state\` varchar(16) NULL, \`to_state\` varchar(16) NOT NULL, \`actor_id\` int NULL, \`note\` varchar(1000) CHARACTER SET "utf8mb4" NULL, \`photos\` varchar(400) NOT NULL DEFAULT '[]', \`data\` varchar(400) NULL, \`at\` datetime NOT NULL, INDEX \`idx_event_audit_at\` (\`at\`), INDEX \`idx_event_audit_event\` (\`event_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE TABLE \`event_supporter\` (\`event_id\` int NOT NULL, \`user_id\` int NOT NULL, \`at\` datetime NOT NULL, PRIMARY KEY (\`event_id\`, \`user_id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE TABLE \`sla_policy\` (\`id\` int NOT NULL AUTO_INCREMENT, \`category\` varchar(32) NOT NULL, \`stage\` varchar(8) NOT NULL, \`hours\` double NOT NULL, \`mode\` varchar(8) NOT NULL, UNIQUE INDEX \`uq_sla_policy\` (\`category\`, \`stage\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE TABLE \`event_setting\` (\`key\` varchar(32) NOT NULL, \`value\` text NOT NULL, PRIMARY KEY (\`key\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE TABLE \`responsibility\` (\`id\` int NOT NULL AUTO_INCREMENT, \`node_id\` int NOT NULL, \`category\` varchar(32) NOT NULL, \`department_id\` int NOT NULL, \`matter\` varchar(200) CHARACTER SET "utf8mb4" NOT NULL DEFAULT '', UNIQUE INDEX \`uq_responsibility\` (\`node_id\`, \`category\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE TABLE \`webhook_source\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(50) NOT NULL, \`secret\` varchar(128) NOT NULL, \`min_confidence\` double NOT NULL DEFAULT '1', \`active\` tinyint NOT NULL DEFAULT 1, \`created_at\` datetime NOT NULL, UNIQUE INDEX \`uq_webhook_source_name\` (\`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_webhook_source_name\` ON \`webhook_source\``);
    await queryRunner.query(`DROP TABLE \`webhook_source\``);
    await queryRunner.query(`DROP INDEX \`uq_responsibility\` ON \`responsibility\``);
    await queryRunner.query(`DROP TABLE \`responsibility\``);
    await queryRunner.query(`DROP TABLE \`event_setting\``);
    await queryRunner.query(`DROP INDEX \`uq_sla_policy\` ON \`sla_policy\``);
    await queryRunner.query(`DROP TABLE \`sla_policy\``);
    await queryRunner.query(`DROP TABLE \`event_supporter\``);
    await queryRunner.query(`DROP INDEX \`idx_event_audit_event\` ON \`event_audit\``);
    await queryRunner.query(`DROP INDEX \`idx_event_audit_at\` ON \`event_audit\``);
    await queryRunner.query(`DROP TABLE \`event_audit\``);
    await queryRunner.query(`DROP INDEX \`idx_event_node_created\` ON \`event\``);
    await queryRunner.query(`DROP INDEX \`idx_event_owner_state\` ON \`event\``);
    await queryRunner.query(`DROP INDEX \`idx_event_reporter\` ON \`event\``);
    await queryRunner.query(`DROP INDEX \`idx_event_deadline\` ON \`event\``);
    await queryRunner.query(`DROP INDEX \`idx_event_category_created\` ON \`event\``);
    await queryRunner.query(`DROP INDEX \`uq_event_request_key\` ON \`event\``);
    await queryRunner.query(`DROP TABLE \`event\``);
  }
}
