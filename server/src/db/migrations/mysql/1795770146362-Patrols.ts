import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Patrols1795770146362 implements MigrationInterface {
  name = 'Patrols1795770146362';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`patrol_checkin\` (\`id\` int NOT NULL AUTO_INCREMENT, \`user_id\` int NOT NULL, \`request_id\` varchar(64) NOT NULL, \`day\` varchar(10) NOT NULL, \`at\` datetime NOT NULL, \`lat\` double NOT NULL, \`lng\` double NOT NULL, \`grant_node_id\` int NOT NULL, \`grid_id\` int NOT NULL, \`micro_id\` int NULL, \`node_path\` varchar(200) NOT NULL, \`outside_m\` int NOT NULL DEFAULT '0', \`note\` varchar(500) CHARACTER SET "utf8mb4" NULL, \`photos\` varchar(400) NULL, \`finding_category\` varchar(32) NULL, \`finding_description\` varchar(500) CHARACTER SET "utf8mb4" NULL, \`finding_self_handled\` tinyint NULL, \`event_id\` int NULL, \`created_at\` datetime NOT NULL, INDEX \`idx_patrol_checkin_grid_day\` (\`grid_id\`, \`day\`), INDEX \`idx_patrol_checkin_path_day\` (\`node_path\`, \`day\`), INDEX \`idx_patrol_checkin_user_day\` (\`user_id\`, \`day\`, \`at\`), UNIQUE INDEX \`uq_patrol_checkin_request\` (\`user_id\`, \`request_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_patrol_checkin_request\` ON \`patrol_checkin\``);
    await queryRunner.query(`DROP INDEX \`idx_patrol_checkin_user_day\` ON \`patrol_checkin\``);
    await queryRunner.query(`DROP INDEX \`idx_patrol_checkin_path_day\` ON \`patrol_checkin\``);
    await queryRunner.query(`DROP INDEX \`idx_patrol_checkin_grid_day\` ON \`patrol_checkin\``);
    await queryRunner.query(`DROP TABLE \`patrol_checkin\``);
  }
}
