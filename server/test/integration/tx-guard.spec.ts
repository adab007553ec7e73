import type { DataSource } from 'typeorm';
import { AppError } from '../../src/common/app-error.js';
import { createDataSource, fromOptions } from '../../src/db/create-data-source.js';
import { buildDataSourceOptions } from '../../src/db/options.js';
import { poolStats } from '../../src/db/pool.js';
import { TxGuardError, txGuardViolations } from '../../src/db/tx-guard.js';
import { createTestDb, testDbKinds, type TestDb } from '../helpers/databases.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The pool wedge of issue 16 and its guards: a flow holding a transaction may not ask the pool for
 * another connection (tx-guard.ts), and nobody waits for a connection forever (pool.ts).
 */
describe.each(testDbKinds())('transaction guard and pool wait on %s', (kind) => {
  let db: TestDb;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDb(kind);
    ds = createDataSource(db.url, 3);
    await ds.initialize();
    await ds.query(kind === 'mysql' ? 'CREATE TABLE g (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(40) NOT NULL) ENGINE=InnoDB' : 'CREATE TABLE g (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT NOT NULL)');
  });
  // The refusals below are provoked on purpose (test/setup/tx-guard.ts fails a file on any other).
  afterEach(() => void txGuardViolations.splice(0));
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('names the offending call and where the transaction began, and rolls the transaction back', async () => {
    let caught: unknown;
    await ds
      .transaction(async (m) => {
        await m.query('INSERT INTO g (v) VALUES (?)', ['kept-out']);
        await ds.query('SELECT 1'); // the mistake: the injected DataSource inside a transaction
      })
      .catch((e) => (caught = e));
    expect(caught).toBeInstanceOf(TxGuardError);
    const err = caught as TxGuardError;
    expect(err.message).toMatch(/second connection while this flow holds a transaction \(begun at .*tx-guard\.spec\.ts/);
    expect(err.stack).toContain('tx-guard.spec.ts');
    expect(Number((await ds.query("SELECT COUNT(*) AS n FROM g WHERE v = 'kept-out'"))[0].n)).toBe(0);
  });

  it('catches repositories and query builders on the DataSource, and a nested ds.transaction', async () => {
    const attempts = await ds.transaction(async (m) => {
      const tries = [
        () => ds.manager.query('SELECT 1'),
        () => ds.createQueryBuilder().select('1', 'one').from('g', 'g').getRawMany(),
        () => ds.transaction((m2) => m2.query('SELECT 1')),
      ];
      const out: string[] = [];
      for (const t of tries) out.push(await t().then(() => 'ran', (e: Error) => e.name));
      await m.query('SELECT 1'); // the transaction itself is still usable
      return out;
    });
    expect(attempts).toEqual(['TxGuardError', 'TxGuardError', 'TxGuardError']);
  });

  it('lets the transaction manager, its savepoints and work that outlives the transaction through', async () => {
    let later: Promise<unknown> | undefined;
    await ds.transaction(async (m) => {
      await m.query('INSERT INTO g (v) VALUES (?)', ['inside']);
      await m.transaction((m2) => m2.query('INSERT INTO g (v) VALUES (?)', ['savepoint']));
      // Started here, run after the commit: not holding anything by then.
      later = sleep(30).then(() => ds.query('SELECT COUNT(*) AS n FROM g'));
    });
    const [{ n }] = (await later) as { n: number | string }[];
    expect(Number(n)).toBeGreaterThanOrEqual(2);
    // Two flows at once, each with its own transaction: no false alarm across async contexts.
    await Promise.all([ds.transaction((m) => m.query('SELECT 1')), ds.query('SELECT 1'), ds.transaction((m) => m.query('SELECT 1'))]);
  });

  it('a full pool answers 503 DB_UNAVAILABLE after the acquire timeout instead of hanging, and recovers', async () => {
    if (kind !== 'mysql') return console.log('skipped on SQLite: one embedded connection, no pool to exhaust');
    const small = fromOptions(buildDataSourceOptions(db.url, 2), 300);
    await small.initialize();
    const held = [small.createQueryRunner(), small.createQueryRunner()];
    try {
      for (const qr of held) await qr.connect();
      expect(poolStats(small)).toMatchObject({ size: 2, inUse: 2 });
      const t0 = Date.now();
      const err = await small.query('SELECT 1').catch((e: unknown) => e);
      const waited = Date.now() - t0;
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'DB_UNAVAILABLE', status: 503, details: { reason: 'pool_exhausted', size: 2, inUse: 2 } });
      expect(waited).toBeGreaterThanOrEqual(290);
      expect(waited).toBeLessThan(2000);
    } finally {
      for (const qr of held) await qr.release();
    }
    // The connection the timed-out caller was queued for went back to the pool, not to nobody.
    await sleep(50);
    expect(poolStats(small)).toMatchObject({ inUse: 0, waiting: 0 });
    expect(await small.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await small.destroy();
  });
});
