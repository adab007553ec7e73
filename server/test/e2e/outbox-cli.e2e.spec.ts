import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OutboxWorkerService } from '../../src/outbox/outbox-worker.service.js';
import { bootTestApp, TEST_JWT_SECRET } from '../helpers/app.js';
import { testDbKinds } from '../helpers/databases.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), '../../dist/cli/outbox-worker.js');
const run = (env: Record<string, string>, args: string[] = []) =>
  spawnSync(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', JWT_SECRET: TEST_JWT_SECRET, ...env }, encoding: 'utf8', timeout: 30_000 });

describe('outbox-worker CLI', () => {
  it('stops with one clear line on bad configuration', () => {
    const r = run({ OUTBOX_LEASE_MS: '1000', DB_URL: 'sqlite::memory:' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^outbox-worker: invalid configuration: OUTBOX_LEASE_MS/)]);
  });

  it.each(testDbKinds())('drains a migrated %s database and exits 0', async (kind) => {
    const t = await bootTestApp(kind); // migrates
    try {
      const r = run({ DB_URL: t.db.url }, ['--drain']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/outbox-worker: .+ \(drain\)\noutbox-worker: drained: 0 sent, 0 skipped, 0 to retry, 0 dead\n$/);
    } finally {
      await t.close();
    }
  });
});

describe('in-process outbox worker', () => {
  it('runs inside the API by default and not with OUTBOX_WORKER=off', async () => {
    const on = await bootTestApp('sqlite');
    const off = await bootTestApp('sqlite', { OUTBOX_WORKER: 'off' });
    try {
      expect(on.app.get(OutboxWorkerService).worker.isRunning).toBe(true);
      expect(off.app.get(OutboxWorkerService).worker.isRunning).toBe(false);
    } finally {
      await on.close();
      await off.close();
    }
    expect(on.app.get(OutboxWorkerService).worker.isRunning).toBe(false);
  });
});
