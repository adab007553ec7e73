import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeWechat } from '../../src/wechat/fake/fake-wechat.js';
import { poolSettingsFromEnv, TEST_JWT_SECRET, TEST_WECHAT_APPID, TEST_WECHAT_SECRET } from './app.js';

/**
 * The real server as a separate process (`node dist/main.js`, the build `npm test` makes first),
 * for fault tests that kill it, cut its database or run two of it. Same env contract as
 * miniapp/e2e/run.mjs: a DB_URL, a fake WeChat over HTTP, a fixed port so a restart is found at
 * the same address.
 */
export const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Migrates and seeds the demo district + default categories into `dbUrl` (the seed-demo CLI). */
export function seedDemoDb(dbUrl: string): void {
  const r = spawnSync(process.execPath, [join(SERVER_DIR, 'dist/cli/seed-demo.js')], { cwd: SERVER_DIR, env: { PATH: process.env.PATH ?? '', DB_URL: dbUrl }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`seed-demo failed (${r.status}): ${r.stderr}`);
}

export interface ServerProcess {
  base: string;
  port: number;
  child: ChildProcess;
  /** SIGKILL: no shutdown hooks, in-flight requests die with the process. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** Everything the process wrote to stderr (for failure messages). */
  stderr(): string;
}

export interface ServerOptions {
  dbUrl: string;
  wechatBase: string;
  port?: number;
  env?: Record<string, string>;
  nodeArgs?: string[];
}

/** Spawns `node dist/main.js` and resolves once it prints that the API listens. */
export async function startServer(opts: ServerOptions): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), join(SERVER_DIR, 'dist/main.js')], {
    cwd: SERVER_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      JWT_SECRET: TEST_JWT_SECRET,
      DB_URL: opts.dbUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      WECHAT_API_BASE: opts.wechatBase,
      WECHAT_APPID: TEST_WECHAT_APPID,
      WECHAT_SECRET: TEST_WECHAT_SECRET,
      RATE_LOGIN_PER_MIN: '100000',
      RATE_WRITE_PER_MIN: '100000',
      OUTBOX_WORKER: 'off',
      EVENT_SCAN_MS: '0',
      ...poolSettingsFromEnv(),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s: ${err}`)), 30_000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('API on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited before listening (${code ?? signal}): ${err}`));
    });
  });
  // Keep draining stdout so a chatty server never blocks on a full pipe.
  child.stdout!.resume();
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    child,
    stderr: () => err,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A fake WeChat server for spawned servers (logins are `code: test:<openid>`). */
export async function startFakeWechat(): Promise<{ fake: FakeWechat; base: string }> {
  const fake = new FakeWechat({ appid: TEST_WECHAT_APPID, secret: TEST_WECHAT_SECRET });
  return { fake, base: await fake.start() };
}

/** Logs a resident in through the server's real login; returns the bearer header and user id. */
export async function login(base: string, openid: string): Promise<{ userId: number; auth: string }> {
  const r = await fetch(`${base}/api/v1/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `test:${openid}` }) });
  const body = (await r.json()) as { user: { id: number }; accessToken: string };
  if (r.status !== 200) throw new Error(`login ${openid}: ${r.status} ${JSON.stringify(body)}`);
  return { userId: body.user.id, auth: `Bearer ${body.accessToken}` };
}

/** Points inside the demo district's micro-grids (centres of their boxes: the tiles are rectangles). */
export async function microGridPoints(query: (sql: string) => Promise<{ min_lng: number; min_lat: number; max_lng: number; max_lat: number }[]>, n = 20): Promise<{ lat: number; lng: number }[]> {
  const rows = await query(`SELECT min_lng, min_lat, max_lng, max_lat FROM grid_node WHERE level = 'micro' AND min_lng IS NOT NULL ORDER BY id LIMIT ${n}`);
  return rows.map((r) => ({ lat: (Number(r.min_lat) + Number(r.max_lat)) / 2, lng: (Number(r.min_lng) + Number(r.max_lng)) / 2 }));
}
