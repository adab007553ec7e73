import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { TEST_JWT_SECRET } from '../helpers/app.js';

const main = join(dirname(fileURLToPath(import.meta.url)), '../../dist/main.js');

/** Runs the built server as users do (`node dist/main.js`) and collects its output. */
function runServer(env: Record<string, string>) {
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', JWT_SECRET: TEST_JWT_SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function waitFor(pred: () => boolean, ms = 20000) {
  const until = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('boot', () => {
  it.each([
    [{ DB_URL: 'oracle://x' }, /^weigrid: invalid configuration: DB_URL/],
    [{ PORT: '-1' }, /^weigrid: invalid configuration: PORT/],
    [{ JWT_SECRET: '' }, /^weigrid: invalid configuration: JWT_SECRET/],
    [{ DB_URL: 'mysql://root@127.0.0.1:1/nodb' }, /^weigrid: cannot open database mysql:\/\/root@127\.0\.0\.1:1\/nodb: /],
    [{ DB_URL: 'mysql://root:s3cret@127.0.0.1:1/nodb' }, /^weigrid: cannot open database mysql:\/\/root:\*\*\*@127\.0\.0\.1:1\/nodb/],
  ])('stops with one clear line for %j', async (env, re) => {
    const s = runServer({ PORT: '0', ...env });
    expect(await s.exited).toBe(1);
    const lines = s.err().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(re);
    expect(s.err()).not.toContain('s3cret');
  });

  it('starts on a fresh SQLite file, serves, and shuts down gracefully on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weigrid-boot-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    const s = runServer({ PORT: String(port), DB_URL: `sqlite:${join(dir, 'db.sqlite')}`, LOG_LEVEL: 'info' });
    await waitFor(() => s.out().includes('API on'));
    expect(s.out()).toMatch(/applied \d+ migration/);
    await request(`http://127.0.0.1:${port}`).get('/api/v1/health/ready').expect(200);
    await request(`http://127.0.0.1:${port}`).get('/api/v1/overview?token=s3cret').set('x-request-id', 'trace-me-1').expect(200);
    // Structured logs: one JSON line per request carrying the request id, query secrets redacted.
    await waitFor(() => s.out().includes('trace-me-1'));
    const line = s.out().split('\n').find((l) => l.includes('trace-me-1'))!;
    const log = JSON.parse(line);
    expect(log.req.id).toBe('trace-me-1');
    expect(log.res.statusCode).toBe(200);
    expect(typeof log.responseTime).toBe('number');
    expect(s.out()).not.toContain('s3cret');
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });
});
