import type { DataSource } from 'typeorm';
import { createDataSource } from './create-data-source.js';

/** Opens the database, applies pending migrations, closes. Throws if the database is unreachable. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = createDataSource(url, 2, { logging: false });
  await ds.initialize();
  try {
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
