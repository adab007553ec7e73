import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClusterEventFact1795780347108 implements MigrationInterface {
  name = 'ClusterEventFact1795780347108';

  // event_fact clustered by (node_path, day, event_id): a subtree's facts become one contiguous
  // range (the street dashboard read ~7,000 facts by random primary-key lookups before).
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_event_fact_path_day\` ON \`event_fact\``);
    await queryRunner.query(`ALTER TABLE \`event_fact\` DROP PRIMARY KEY`);
    await queryRunner.query(`ALTER TABLE \`event_fact\` ADD PRIMARY KEY (\`node_path\`, \`day\`, \`event_id\`)`);
    await queryRunner.query(`CREATE UNIQUE INDEX \`uq_event_fact_event\` ON \`event_fact\` (\`event_id\`)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_event_fact_event\` ON \`event_fact\``);
    await queryRunner.query(`ALTER TABLE \`event_fact\` DROP PRIMARY KEY`);
    await queryRunner.query(`ALTER TABLE \`event_fact\` ADD PRIMARY KEY (\`event_id\`)`);
    await queryRunner.query(`CREATE INDEX \`idx_event_fact_path_day\` ON \`event_fact\` (\`node_path\`, \`day\`)`);
  }
}
