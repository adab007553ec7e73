import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Stats1795772686292 implements MigrationInterface {
  name = 'Stats1795772686292';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`event_fact\` (\`event_id\` int NOT NULL, \`node_path\` varchar(200) NOT NULL, \`day\` varchar(10) NOT NULL, \`category\` varchar(32) NOT NULL, \`accepted\` tinyint NOT NULL, \`rejected\` tinyint NOT NULL, \`closed\` tinyint NOT NULL, \`on_time\` tinyint NOT NULL, \`resolved_ever\` tinyint NOT NULL, \`reworked\` tinyint NOT NULL, \`extended\` tinyint NOT NULL, \`response_min\` int NULL, \`handling_min\` int NULL, \`rating\` int NULL, INDEX \`idx_event_fact_path_day\` (\`node_path\`, \`day\`), PRIMARY KEY (\`event_id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE TABLE \`stats_rollup\` (\`id\` int NOT NULL AUTO_INCREMENT, \`node_code\` varchar(18) NOT NULL, \`parent_code\` varchar(18) NULL, \`span\` varchar(1) NOT NULL, \`day\` varchar(10) NOT NULL, \`reported\` int NOT NULL DEFAULT '0', \`accepted\` int NOT NULL DEFAULT '0', \`rejected\` int NOT NULL DEFAULT '0', \`closed\` int NOT NULL DEFAULT '0', \`on_time\` int NOT NULL DEFAULT '0', \`resolved\` int NOT NULL DEFAULT '0', \`reworked\` int NOT NULL DEFAULT '0', \`extended\` int NOT NULL DEFAULT '0', \`resp_n\` int NOT NULL DEFAULT '0', \`resp_sum\` bigint NOT NULL DEFAULT '0', \`hand_n\` int NOT NULL DEFAULT '0', \`hand_sum\` bigint NOT NULL DEFAULT '0', \`rated\` int NOT NULL DEFAULT '0', \`rating_sum\` int NOT NULL DEFAULT '0', \`good\` int NOT NULL DEFAULT '0', \`resp_hist\` text NULL, \`hand_hist\` text NULL, \`categories\` text NULL, INDEX \`idx_stats_rollup_parent_day\` (\`parent_code\`, \`span\`, \`day\`), UNIQUE INDEX \`uq_stats_rollup_node_day\` (\`node_code\`, \`span\`, \`day\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE TABLE \`stats_state\` (\`id\` int NOT NULL, \`watermark\` int NOT NULL, \`version\` int NOT NULL, \`refreshed_at\` datetime NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE INDEX \`idx_event_overdue\` ON \`event\` (\`state\`, \`overdue_at\`, \`owner_path\`)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_event_overdue\` ON \`event\``);
    await queryRunner.query(`DROP TABLE \`stats_state\``);
    await queryRunner.query(`DROP INDEX \`uq_stats_rollup_node_day\` ON \`stats_rollup\``);
    await queryRunner.query(`DROP INDEX \`idx_stats_rollup_parent_day\` ON \`stats_rollup\``);
    await queryRunner.query(`DROP TABLE \`stats_rollup\``);
    await queryRunner.query(`DROP INDEX \`idx_event_fact_path_day\` ON \`event_fact\``);
    await queryRunner.query(`DROP TABLE \`event_fact\``);
  }
}
