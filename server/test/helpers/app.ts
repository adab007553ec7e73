import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { runMigrations } from '../../src/db/migrate.js';
import { createApp, type RegisteredRoute } from '../../src/bootstrap.js';
import { createTestDb, type TestDb } from './databases.js';
import { FakeWechat } from '../../src/wechat/fake/fake-wechat.js';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123';
export const TEST_WECHAT_APPID = 'wxtest00000000000a';
export const TEST_WECHAT_SECRET = 'test-wechat-app-secret';

export interface TestApp {
  app: NestFastifyApplication;
  /** http://127.0.0.1:PORT — tests talk to a real listening server. */
  base: string;
  db: TestDb;
  ds: DataSource;
  config: AppConfig;
  /** The fake WeChat server this app talks to (started in-process unless env sets WECHAT_API_BASE). */
  wechat: FakeWechat;
  /** Every route the app registered (HEAD and OPTIONS included), in registration order. */
  routes: RegisteredRoute[];
  /**
   * The route pattern each request matched, by `x-request-id` (`undefined` when no route matched):
   * lets a test check that a request reached the endpoint it meant, not Nest's 404.
   */
  matchedRoute(requestId: string | undefined): string | undefined;
  close(): Promise<void>;
}

/**
 * Pool and outbox settings a test run may impose on every app it boots (.ci/run runs the outbox,
 * event and notice suites once at DB_POOL_SIZE=2, OUTBOX_CONCURRENCY=4, where a flow that needs two
 * connections at once wedges at once).
 */
export function poolSettingsFromEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['DB_POOL_SIZE', 'OUTBOX_CONCURRENCY', 'OUTBOX_LEASE_MS'] as const) {
    const v = process.env[k];
    if (v) out[k] = v;
  }
  return out;
}

/**
 * Boots the real app (migrations, Fastify, validation, filters) on a fresh database and a free port.
 * With `reuse`, on that database instead (a restart); closing then leaves it to its owner.
 */
export async function bootTestApp(kind: 'sqlite' | 'mysql', env: Record<string, string> = {}, reuse?: TestDb): Promise<TestApp> {
  // A copy of the migrated template: runMigrations below finds nothing to do (and applies anything newer).
  const db = reuse ?? (await createTestDb(kind, { migrated: true }));
  const wechat = new FakeWechat({ appid: TEST_WECHAT_APPID, secret: TEST_WECHAT_SECRET });
  const wechatBase = env.WECHAT_API_BASE ? undefined : await wechat.start();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    DB_URL: db.url,
    PORT: '0',
    // Tests log in often from one IP; rate-limit tests lower these explicitly.
    RATE_LOGIN_PER_MIN: '100000',
    RATE_WRITE_PER_MIN: '100000',
    WECHAT_APPID: TEST_WECHAT_APPID,
    WECHAT_SECRET: TEST_WECHAT_SECRET,
    WECHAT_TIMEOUT_MS: '2000',
    ...poolSettingsFromEnv(),
    ...(wechatBase ? { WECHAT_API_BASE: wechatBase } : {}),
    ...env,
  });
  await runMigrations(config.DB_URL);
  const routes: RegisteredRoute[] = [];
  const app = await createApp(config, { onRoute: (r) => routes.push(r) });
  const matched = new Map<string, string | undefined>();
  app.getHttpAdapter().getInstance().addHook('onRequest', (req, _reply, done) => {
    // Only what the route table said; bounded so long-running suites do not grow it without end.
    if (matched.size > 10_000) matched.clear();
    matched.set(req.id, req.routeOptions.url === undefined ? undefined : `${req.method} ${req.routeOptions.url}`);
    done();
  });
  await app.listen(0, '127.0.0.1');
  const addr = app.getHttpServer().address() as { port: number };
  return {
    app,
    base: `http://127.0.0.1:${addr.port}`,
    db,
    ds: app.get(DataSource),
    config,
    wechat,
    routes,
    matchedRoute: (id) => (id === undefined ? undefined : matched.get(id)),
    close: async () => {
      await app.close();
      await wechat.stop();
      if (!reuse) await db.drop();
    },
  };
}
