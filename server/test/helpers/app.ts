import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { runMigrations } from '../../src/db/migrate.js';
import { createApp } from '../../src/bootstrap.js';
import { createTestDb, type TestDb } from './databases.js';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123';

export interface TestApp {
  app: NestFastifyApplication;
  /** http://127.0.0.1:PORT — tests talk to a real listening server. */
  base: string;
  db: TestDb;
  ds: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

/** Boots the real app (migrations, Fastify, validation, filters) on a fresh database and a free port. */
export async function bootTestApp(kind: 'sqlite' | 'mysql', env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDb(kind);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: TEST_JWT_SECRET, DB_URL: db.url, PORT: '0', ...env });
  await runMigrations(config.DB_URL);
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const addr = app.getHttpServer().address() as { port: number };
  return {
    app,
    base: `http://127.0.0.1:${addr.port}`,
    db,
    ds: app.get(DataSource),
    config,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
