#!/usr/bin/env node
/**
 * Seeds a demo deployment: the default categories and the demo region (成都市 → 锦江区, official
 * division codes). Idempotent: running it again changes nothing.
 *   DB_URL=… node dist/cli/seed-demo.js
 */
import { answerHelp } from './cli-env.js';
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { redactDbUrl } from '../db/options.js';
import { createDataSource } from '../db/create-data-source.js';
import { runMigrations } from '../db/migrate.js';
import { seedDemo } from '../db/seed/demo.js';

answerHelp('usage: seed-demo   seeds the default categories and the demo region (成都市 → 锦江区); running it again changes nothing.\n  database: DB_URL, default npm start\'s server/.data/weigrid.sqlite');

const url = process.env.DB_URL!;
try {
  await runMigrations(url);
  const ds = createDataSource(url, 2);
  await ds.initialize();
  try {
    const r = await seedDemo(ds);
    process.stdout.write(`seed-demo: ${redactDbUrl(url)}: ${r.categories} new categories, ${r.nodes} new grid nodes (${r.updated} updated, ${r.unchanged} unchanged)\n`);
  } finally {
    await ds.destroy();
  }
} catch (e) {
  process.stderr.write(`seed-demo: ${(e as Error).message.split('\n')[0]}\n`);
  process.exit(1);
}
