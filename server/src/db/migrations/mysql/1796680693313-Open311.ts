import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Open3111796680693313 implements MigrationInterface {
  name = 'Open3111796680693313';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`api_client\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(50) NOT NULL, \`label\` varchar(100) CHARACTER SET "utf8mb4" NOT NULL DEFAULT '', \`kind\` varchar(10) NOT NULL, \`key_hash\` varchar(64) NOT NULL, \`key_prefix\` varchar(12) NOT NULL, \`secret\` varchar(128) NOT NULL, \`node_id\` int NOT NULL, \`node_path\` varchar(200) NOT NULL, \`rate_per_min\` int NOT NULL DEFAULT '60', \`callback_url\` varchar(300) NULL, \`callback_scope\` varchar(8) NOT NULL DEFAULT 'own', \`fallback_grid_code\` varchar(24) NULL, \`default_category\` varchar(32) NULL, \`created_by\` int NULL, \`created_at\` datetime NOT NULL, \`revoked_at\` datetime NULL, UNIQUE INDEX \`uq_api_client_name\` (\`name\`), UNIQUE INDEX \`uq_api_client_key\` (\`key_hash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE TABLE \`api_client_audit\` (\`id\` int NOT NULL AUTO_INCREMENT, \`client_id\` int NOT NULL, \`action\` varchar(24) NOT NULL, \`actor_id\` int NULL, \`data\` varchar(1000) CHARACTER SET "utf8mb4" NULL, \`at\` datetime NOT NULL, INDEX \`idx_api_client_audit_client\` (\`client_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE TABLE \`open311_request\` (\`event_id\` int NOT NULL, \`client_id\` int NOT NULL, \`external_id\` varchar(64) NOT NULL, \`attributes\` varchar(2000) CHARACTER SET "utf8mb4" NULL, \`media_url\` varchar(500) NULL, \`contact\` varchar(1000) NULL, \`due_at\` datetime NULL, \`created_at\` datetime NOT NULL, INDEX \`idx_open311_request_external\` (\`external_id\`), INDEX \`idx_open311_request_client\` (\`client_id\`, \`event_id\`), UNIQUE INDEX \`uq_open311_request_client_ext\` (\`client_id\`, \`external_id\`), PRIMARY KEY (\`event_id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE TABLE \`open311_attribute\` (\`id\` int NOT NULL AUTO_INCREMENT, \`service_code\` varchar(32) NOT NULL, \`code\` varchar(32) NOT NULL, \`datatype\` varchar(16) NOT NULL, \`required\` tinyint NOT NULL DEFAULT 0, \`variable\` tinyint NOT NULL DEFAULT 1, \`description\` varchar(300) CHARACTER SET "utf8mb4" NOT NULL, \`datatype_description\` varchar(300) CHARACTER SET "utf8mb4" NULL, \`sort\` int NOT NULL DEFAULT '0', \`value_list\` varchar(2000) CHARACTER SET "utf8mb4" NULL, UNIQUE INDEX \`uq_open311_attribute\` (\`service_code\`, \`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE TABLE \`open311_callback\` (\`id\` int NOT NULL AUTO_INCREMENT, \`client_id\` int NOT NULL, \`audit_id\` int NOT NULL, \`event_id\` int NOT NULL, \`created_at\` datetime NOT NULL, UNIQUE INDEX \`uq_open311_callback\` (\`client_id\`, \`audit_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE TABLE \`open311_relay_state\` (\`id\` int NOT NULL, \`watermark\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`open311_relay_state\``);
    await queryRunner.query(`DROP INDEX \`uq_open311_callback\` ON \`open311_callback\``);
    await queryRunner.query(`DROP TABLE \`open311_callback\``);
    await queryRunner.query(`DROP INDEX \`uq_open311_attribute\` ON \`open311_attribute\``);
    await queryRunner.query(`DROP TABLE \`open311_attribute\``);
    await queryRunner.query(`DROP INDEX \`uq_open311_request_client_ext\` ON \`open311_request\``);
    await queryRunner.query(`DROP INDEX \`idx_open311_request_client\` ON \`open311_request\``);
    await queryRunner.query(`DROP INDEX \`idx_open311_request_external\` ON \`open311_request\``);
    await queryRunner.query(`DROP TABLE \`open311_request\``);
    await queryRunner.query(`DROP INDEX \`idx_api_client_audit_client\` ON \`api_client_audit\``);
    await queryRunner.query(`DROP TABLE \`api_client_audit\``);
    await queryRunner.query(`DROP INDEX \`uq_api_client_key\` ON \`api_client\``);
    await queryRunner.query(`DROP INDEX \`uq_api_client_name\` ON \`api_client\``);
    await queryRunner.query(`DROP TABLE \`api_client\``);
  }
}
