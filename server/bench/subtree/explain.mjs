// How each way of writing "node is in the subtree under path P" is planned on SQLite and MariaDB
// (issue 17: one subtree predicate). Fills grid_node with a synthetic tree (~N nodes) through the
// real migrations, then prints EXPLAIN for: range (path >= P AND path < P'), LIKE 'P%', SUBSTR.
// Usage (after `pnpm build`): node bench/subtree/explain.mjs [sqlite|mysql] [nodes]
// mysql needs DB_URL=mysql://root@127.0.0.1:3306/test (a scratch database is created and dropped).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { runMigrations } from '../../dist/db/migrate.js';
import { createDataSource } from '../../dist/db/create-data-source.js';

const kind = process.argv[2] ?? 'sqlite';
const total = Number(process.argv[3] ?? 20000);
let url;
let drop;
if (kind === 'sqlite') {
  const dir = mkdtempSync(join(tmpdir(), 'wg-explain-'));
  url = `sqlite:${join(dir, 'x.sqlite')}`;
  drop = async () => rmSync(dir, { recursive: true, force: true });
} else {
  const base = new URL(process.env.DB_URL.replace(/^mariadb:/, 'mysql:'));
  const server = `${base.protocol}//${base.username}@${base.host}`;
  const name = `wg_explain_${Date.now().toString(36)}`;
  const c = await mysql.createConnection(server);
  await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await c.end();
  url = `${server}/${name}`;
  drop = async () => {
    const d = await mysql.createConnection(server);
    await d.query(`DROP DATABASE \`${name}\``);
    await d.end();
  };
}
try {
  await runMigrations(url);
  const ds = createDataSource(url, 2);
  await ds.initialize();
  // city 5101 → 20 districts → 10 streets → 10 communities → grids (≈ total nodes).
  const rows = [];
  const push = (code, level, parent, path, depth) => rows.push([code, `n${code}`, level, parent, path, depth]);
  push('5101', 'city', null, '5101/', 0);
  outer: for (let d = 1; d <= 20; d++) {
    const dc = `5101${String(d).padStart(2, '0')}`;
    push(dc, 'district', null, `5101/${dc}/`, 1);
    for (let s = 1; s <= 10; s++) {
      const sc = `${dc}${String(s).padStart(3, '0')}`;
      push(sc, 'street', null, `5101/${dc}/${sc}/`, 2);
      for (let c = 1; c <= 10; c++) {
        const cc = `${sc}${String(c).padStart(3, '0')}`;
        push(cc, 'community', null, `5101/${dc}/${sc}/${cc}/`, 3);
        for (let g = 1; g <= 8; g++) {
          const gc = `${cc}${String(g).padStart(3, '0')}`;
          push(gc, 'grid', null, `5101/${dc}/${sc}/${cc}/${gc}/`, 4);
          if (rows.length >= total) break outer;
        }
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500) {
    const b = rows.slice(i, i + 500);
    await ds.query(`INSERT INTO grid_node (code, name, level, parent_id, path, depth) VALUES ${b.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`, b.flat());
  }
  await ds.query(kind === 'sqlite' ? 'ANALYZE' : 'ANALYZE TABLE grid_node');
  const p = '5101/510103/510103004/';
  const to = `${p.slice(0, -1)}0`;
  const preds = {
    range: ['g.path >= ? AND g.path < ?', [p, to]],
    like: ['g.path LIKE ?', [`${p}%`]],
    substr: ['SUBSTR(g.path, 1, ?) = ?', [p.length, p]],
  };
  console.log(`${kind}: ${rows.length} grid_node rows; subtree of ${p}`);
  for (const [name, [where, params]] of Object.entries(preds)) {
    const sql = `SELECT g.id FROM grid_node g WHERE ${where}`;
    const plan = await ds.query(`${kind === 'sqlite' ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN'} ${sql}`, params);
    const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM grid_node g WHERE ${where}`, params);
    const t = process.hrtime.bigint();
    for (let i = 0; i < 200; i++) await ds.query(sql, params);
    const us = Number(process.hrtime.bigint() - t) / 200 / 1000;
    const text = kind === 'sqlite' ? plan.map((r) => r.detail).join(' | ') : plan.map((r) => `type=${r.type} key=${r.key} rows=${r.rows} Extra=${r.Extra}`).join(' | ');
    console.log(`  ${name.padEnd(6)} ${String(n).padStart(5)} rows  ${us.toFixed(0).padStart(6)} µs/query  plan: ${text}`);
  }
  await ds.destroy();
} finally {
  await drop();
}
