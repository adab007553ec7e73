import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import type { Type } from '@nestjs/common';
import { createApp } from '../../src/bootstrap.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { runMigrations } from '../../src/db/migrate.js';
import type { Actor } from '../../src/common/actor.js';
import { User } from '../../src/accounts/user.entity.js';
import { GridNode } from '../../src/grids/grid-node.entity.js';
import { RoleGrantRow } from '../../src/accounts/role-grant.entity.js';
import { createTestDb, type TestDb } from './databases.js';
import { poolSettingsFromEnv, TEST_JWT_SECRET, TEST_WECHAT_APPID, TEST_WECHAT_SECRET } from './app.js';
import type { GrantSpec } from './auth.js';
import { ensureNodes } from './tree.js';

/**
 * "Medium" tests (after immich): services against the real SQLite and MariaDB, without HTTP. The
 * same module graph and configuration as the app (`createApp`), initialised but not listening, on a
 * copy of the migrated template database. A test asks for a service (`t.get(StatsService)`) and
 * calls it with an actor made in one line (`await t.actor([{ role: 'grid_worker', nodeCode }])`);
 * the contract — routes, validation, status codes, the error envelope, the access matrix — stays in
 * the HTTP e2e specs (test/e2e). See docs/contributing.md, "Where tests go".
 */
export interface ServicesApp {
  app: NestFastifyApplication;
  db: TestDb;
  ds: DataSource;
  config: AppConfig;
  /** A provider of the app (a service, a repository, a port). */
  get<T>(cls: Type<T> | (abstract new (...a: never[]) => T)): T;
  /**
   * A user holding `grants` (nodes created with their ancestors when missing), as the actor a
   * service receives — what AuthGuard builds for a request, without a route (so every permission
   * of the policy applies, as for the CLI tools).
   */
  actor(grants?: GrantSpec[], openid?: string): Promise<Actor>;
  close(): Promise<void>;
}

let seq = 0;

/** Boots the services on a fresh (template-copied) database. Background work is off unless `env` turns it on. */
export async function bootServices(kind: 'sqlite' | 'mysql', env: Record<string, string> = {}): Promise<ServicesApp> {
  const db = await createTestDb(kind, { migrated: true });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    DB_URL: db.url,
    PORT: '0',
    RATE_LOGIN_PER_MIN: '100000',
    RATE_WRITE_PER_MIN: '100000',
    WECHAT_APPID: TEST_WECHAT_APPID,
    WECHAT_SECRET: TEST_WECHAT_SECRET,
    // Nothing here talks to WeChat; a call that tried would fail at once rather than reach the internet.
    WECHAT_API_BASE: 'http://127.0.0.1:9',
    WECHAT_TIMEOUT_MS: '2000',
    OUTBOX_WORKER: 'off',
    EVENT_SCAN_MS: '0',
    ...poolSettingsFromEnv(),
    ...env,
  });
  await runMigrations(config.DB_URL);
  const app = await createApp(config);
  await app.init();
  const ds = app.get(DataSource);
  return {
    app,
    db,
    ds,
    config,
    get: (cls) => app.get(cls as Type<unknown>, { strict: false }) as never,
    actor: async (grants = [], openid) => {
      const u = await ds.getRepository(User).insert({ openid: openid ?? `svc${Date.now().toString(36)}${(seq++).toString(36)}`, createdAt: new Date() });
      const userId = Number(u.identifiers[0]!.id);
      await ensureNodes(ds, grants.map((g) => g.nodeCode));
      const out: Actor = { userId, grants: [] };
      for (const g of grants) {
        const node = await ds.getRepository(GridNode).findOneByOrFail({ code: g.nodeCode });
        const r = await ds.getRepository(RoleGrantRow).insert({ userId, role: g.role, nodeId: node.id, departmentId: g.departmentId ?? null, grantedBy: null, createdAt: new Date(), revokedAt: null, revokedBy: null });
        out.grants.push({ grantId: Number(r.identifiers[0]!.id), role: g.role, nodeId: node.id, nodePath: node.path, departmentId: g.departmentId ?? null });
      }
      return out;
    },
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
