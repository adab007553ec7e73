// The real API (fresh SQLite file, demo seed) and the fake WeChat server as child processes, for the
// H5 e2e specs (e2e/run.mjs) and the weapp simulator's journeys (weapp-sim/run.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../server');

/**
 * Seeds a fresh database and starts both servers; resolves once both listen. `extraEnv` is passed to
 * the API (e.g. H5_DIR). Returns { base, fakeBase, env, stop }.
 */
export async function startStack(tag, extraEnv = {}) {
  if (!existsSync(join(SERVER_DIR, 'dist/main.js'))) throw new Error('the server is not built — run `pnpm --filter @weigrid/server build` first');
  const dir = mkdtempSync(join(tmpdir(), `weigrid-${tag}-`));
  const port = String(21000 + Math.floor(Math.random() * 20000));
  const fakePort = String(Number(port) + 1);
  const fakeBase = `http://127.0.0.1:${fakePort}`;
  const env = {
    ...process.env,
    PORT: port,
    DB_URL: `sqlite:${join(dir, `${tag}.sqlite`)}`,
    JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-0',
    LOG_LEVEL: 'warn',
    // logins go through our fake WeChat server (no machine here reaches WeChat)
    WECHAT_API_BASE: fakeBase,
    WECHAT_APPID: 'wx0000000000000000',
    WECHAT_SECRET: 'e2e-fake-secret',
    FAKE_WECHAT_PORT: fakePort,
    ...extraEnv,
  };
  const seed = spawnSync(process.execPath, ['dist/cli/seed-demo.js'], { cwd: SERVER_DIR, env, stdio: 'inherit' });
  if (seed.status !== 0) throw new Error(`seed-demo exited with ${seed.status}`);

  const startAndWait = (name, args, readyText) => {
    const child = spawn(process.execPath, args, { cwd: SERVER_DIR, env, stdio: ['ignore', 'pipe', 'inherit'] });
    const ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start in 30 s`)), 30000);
      child.stdout.on('data', (d) => {
        if (String(d).includes(readyText)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
    });
    return { child, ready };
  };
  const fake = startAndWait('fake WeChat', ['dist/cli/fake-wechat.js'], 'listening on');
  const api = startAndWait('API', ['dist/main.js'], 'API on');
  const stop = () => {
    api.child.kill('SIGTERM');
    fake.child.kill('SIGTERM');
  };
  try {
    await Promise.all([fake.ready, api.ready]);
  } catch (e) {
    stop();
    throw e;
  }
  return { base: `http://127.0.0.1:${port}`, fakeBase, env, stop };
}
