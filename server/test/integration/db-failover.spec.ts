import { createServer } from 'node:net';
import { createDataSource } from '../../src/db/create-data-source.js';
import { splitHosts } from '../../src/db/options.js';
import { createTestDb, testDbKinds } from '../helpers/databases.js';

/** DB_URL with several hosts (the nodes of a Galera cluster): a dead node is passed over. */
describe('a DB_URL naming several cluster nodes', () => {
  it('is split into the nodes, the first one as the driver URL', () => {
    expect(splitHosts('mysql://root:pw@10.0.0.1:3311,10.0.0.2:3312,10.0.0.3/wg?x=1')).toEqual({
      first: 'mysql://root:pw@10.0.0.1:3311/wg?x=1',
      hosts: [{ host: '10.0.0.1', port: 3311 }, { host: '10.0.0.2', port: 3312 }, { host: '10.0.0.3', port: 3306 }],
    });
    expect(splitHosts('mysql://root@127.0.0.1:3306/wg').hosts).toEqual([]);
  });

  const mysqlOnly = testDbKinds().includes('mysql') ? it : it.skip;
  if (!testDbKinds().includes('mysql')) console.log('db failover: SKIPPED — needs DB_URL=mysql://…');
  mysqlOnly('connects through the next node when the first refuses, and keeps working', async () => {
    const db = await createTestDb('mysql');
    // A port that refuses: bind one, close it.
    const dead = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const u = new URL(db.url);
    const url = `${u.protocol}//${u.username}@127.0.0.1:${dead},${u.host}${u.pathname}`;
    const ds = createDataSource(url, 2, { logging: false });
    try {
      // The first connection is refused; initialize moves on to the live node by itself.
      await ds.initialize();
      const rows: { one: number }[] = await ds.query('SELECT 1 AS one');
      expect(Number(rows[0]!.one)).toBe(1);
      for (let i = 0; i < 5; i++) await ds.transaction((m) => m.query('SELECT 1'));
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await db.drop();
    }
  });
});
