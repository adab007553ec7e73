import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/create-data-source.js';
import { TxGuardError, txGuardViolations } from '../../src/db/tx-guard.js';
import { createTestDb, testDbKinds, type TestDb } from '../helpers/databases.js';

/**
 * Concurrent transactions and plain queries on one DataSource behave as on a pooled server
 * database, including SQLite's single connection (src/db/sqlite-serialize.ts).
 */
describe.each(testDbKinds())('concurrent transactions on %s', (kind) => {
  let db: TestDb;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDb(kind);
    ds = createDataSource(db.url, 4);
    await ds.initialize();
    await ds.query(kind === 'mysql' ? 'CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(40) NOT NULL) ENGINE=InnoDB' : 'CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT NOT NULL)');
  });
  // The refusals below are provoked on purpose (test/setup/tx-guard.ts fails a file on any other).
  afterEach(() => void txGuardViolations.splice(0));
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });
  beforeEach(() => ds.query('DELETE FROM t'));

  const values = async (): Promise<string[]> => (await ds.query('SELECT v FROM t ORDER BY v')).map((r: { v: string }) => r.v);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const gate = () => {
    let open!: () => void;
    const p = new Promise<void>((r) => (open = r));
    return { p, open };
  };

  it('runs 50 overlapping transactions, each with awaits between its statements, without losing any', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        ds.transaction(async (m) => {
          await m.query('INSERT INTO t (v) VALUES (?)', [`a${String(i).padStart(2, '0')}`]);
          await sleep(i % 3);
          await m.query('INSERT INTO t (v) VALUES (?)', [`b${String(i).padStart(2, '0')}`]);
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await values()).toHaveLength(100);
  });

  it('a rolled-back transaction keeps the writes other callers made while it was open', async () => {
    const g = gate();
    const failing = ds.transaction(async (m) => {
      await m.query('INSERT INTO t (v) VALUES (?)', ['rolled-back']);
      await g.p;
      throw new Error('boom');
    });
    // Let the failing transaction start and hold the connection before the others arrive.
    await sleep(20);
    const plain = ds.query('INSERT INTO t (v) VALUES (?)', ['plain']);
    const other = ds.transaction((m) => m.query('INSERT INTO t (v) VALUES (?)', ['other-tx']));
    const save = ds.manager.insert('t', { v: 'insert-builder' });
    await sleep(20);
    g.open();
    await expect(failing).rejects.toThrow('boom');
    await Promise.all([plain, other, save]);
    expect(await values()).toEqual(['insert-builder', 'other-tx', 'plain']);
  });

  it('never shows another caller an uncommitted row', async () => {
    const g = gate();
    const failing = ds.transaction(async (m) => {
      await m.query('INSERT INTO t (v) VALUES (?)', ['uncommitted']);
      await g.p;
      throw new Error('boom');
    });
    await sleep(20);
    const read = values();
    await sleep(20);
    g.open();
    await expect(failing).rejects.toThrow('boom');
    expect(await read).toEqual([]);
  });

  it('inside a transaction, the guard refuses queries through the unbound DataSource and nested transactions; savepoints work', async () => {
    await ds.transaction(async (m) => {
      await m.query('INSERT INTO t (v) VALUES (?)', ['outer']);
      // Each would take a second pooled connection while this flow holds one (src/db/tx-guard.ts).
      await expect(ds.query('SELECT COUNT(*) AS n FROM t')).rejects.toThrow(TxGuardError);
      await expect(ds.transaction((m2) => m2.query('INSERT INTO t (v) VALUES (?)', ['nested']))).rejects.toThrow(TxGuardError);
      await m.transaction(async (m3) => {
        await m3.query('INSERT INTO t (v) VALUES (?)', ['savepoint-rolled-back']);
        throw new Error('inner');
      }).catch(() => undefined);
    });
    expect(await values()).toEqual(['outer']);
  });

  it('with the guard off (production), the SQLite lock lets such queries through instead of deadlocking', async () => {
    if (kind !== 'sqlite') return console.log('skipped on MariaDB: without the guard these calls take a second pooled connection (the wedge the guard exists for)');
    const prev = process.env.WEIGRID_TX_GUARD;
    process.env.WEIGRID_TX_GUARD = 'off';
    const raw = createDataSource(db.url, 4);
    if (prev === undefined) delete process.env.WEIGRID_TX_GUARD;
    else process.env.WEIGRID_TX_GUARD = prev;
    await raw.initialize();
    try {
      await raw.transaction(async (m) => {
        await m.query('INSERT INTO t (v) VALUES (?)', ['outer']);
        expect((await raw.query('SELECT COUNT(*) AS n FROM t'))[0].n).toBe(1);
        await raw.transaction((m2) => m2.query('INSERT INTO t (v) VALUES (?)', ['nested']));
      });
      expect(await values()).toEqual(['nested', 'outer']);
    } finally {
      await raw.destroy();
    }
  });

  it('a hand-started transaction (query runner) queues behind and ahead of others instead of colliding', async () => {
    const manual = async (v: string) => {
      const qr = ds.createQueryRunner();
      try {
        await qr.startTransaction();
        await qr.query('INSERT INTO t (v) VALUES (?)', [v]);
        await sleep(5);
        await qr.commitTransaction();
      } catch (e) {
        await qr.rollbackTransaction();
        throw e;
      } finally {
        await qr.release();
      }
    };
    await Promise.all([manual('m1'), ds.transaction((m) => m.query('INSERT INTO t (v) VALUES (?)', ['t1'])), manual('m2'), ds.transaction((m) => m.query('INSERT INTO t (v) VALUES (?)', ['t2']))]);
    expect(await values()).toEqual(['m1', 'm2', 't1', 't2']);
    // And the connection is free again afterwards.
    await ds.transaction((m) => m.query('INSERT INTO t (v) VALUES (?)', ['after']));
    expect(await values()).toContain('after');
  });
});
