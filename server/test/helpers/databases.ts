import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash, randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { runMigrations } from '../../src/db/migrate.js';

export interface TestDb {
  kind: 'sqlite' | 'mysql';
  url: string;
  drop(): Promise<void>;
}

export interface TestDbOptions {
  /**
   * A copy of a database on which every migration has run (a template made once per migration set
   * and kept — a SQLite file in the temp directory, a `wg_tpl_<hash>` database on the MariaDB
   * server — then copied: a file copy, or CREATE TABLE … LIKE per table). The same schema and rows
   * as a fresh database after `runMigrations`, in a fraction of the time; `runMigrations` on it is
   * a no-op. Default: an empty database (what the migration tests need).
   */
  migrated?: boolean;
}

/**
 * The databases every DB test runs on: SQLite always, MariaDB/MySQL too when DB_URL is a mysql URL
 * (CI sets it). Each call makes a fresh, empty database, so tests never share state.
 */
export function testDbKinds(): ('sqlite' | 'mysql')[] {
  const all: ('sqlite' | 'mysql')[] = /^(mysql|mariadb):\/\//.test(process.env.DB_URL ?? '') ? ['sqlite', 'mysql'] : ['sqlite'];
  // TEST_DB_KINDS=mysql: one driver only (.ci/run's small-pool MariaDB pass).
  const only = process.env.TEST_DB_KINDS?.split(',');
  return only ? all.filter((k) => only.includes(k)) : all;
}

/** The MariaDB server of DB_URL, without a database: mysql://user:pass@host:port */
function mysqlServer(): string {
  const base = new URL(process.env.DB_URL!.replace(/^mariadb:/, 'mysql:'));
  return `${base.protocol}//${base.username ? `${base.username}${base.password ? `:${base.password}` : ''}@` : ''}${base.host}`;
}

/** A fresh database: empty, or (`migrated`) a copy of the migrated template. */
export async function createTestDb(kind: 'sqlite' | 'mysql', opts: TestDbOptions = {}): Promise<TestDb> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'weigrid-test-'));
    const file = join(dir, 'test.sqlite');
    if (opts.migrated) copyFileSync(await sqliteTemplate(), file);
    return { kind, url: `sqlite:${file}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `wg_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const server = mysqlServer();
  const template = opts.migrated ? await mysqlTemplate(server) : null;
  const admin = await mysql.createConnection(server);
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    if (template) {
      for (const t of template.tables) await admin.query(`CREATE TABLE \`${name}\`.\`${t}\` LIKE \`${template.name}\`.\`${t}\``);
      for (const t of template.withRows) await admin.query(`INSERT INTO \`${name}\`.\`${t}\` SELECT * FROM \`${template.name}\`.\`${t}\``);
    }
  } finally {
    await admin.end();
  }
  return {
    kind,
    url: `${server}/${name}`,
    drop: async () => {
      const c = await mysql.createConnection(server);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

// ── templates ──

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '../../src/db/migrations');

/**
 * A short hash of one driver's migration files (names and contents) and of the runner
 * (src/db/migrate.ts, which also makes its own lock table): a new or changed migration makes a new template.
 */
function migrationsHash(kind: 'sqlite' | 'mysql'): string {
  const h = createHash('sha256').update(readFileSync(join(migrationsDir, '../migrate.ts')));
  const dir = join(migrationsDir, kind);
  for (const f of readdirSync(dir).sort()) h.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
  return h.digest('hex').slice(0, 16);
}

/**
 * The migrated SQLite template, made on first use (by whichever test file asks first) and kept in
 * the temp directory under a name that carries the migrations' hash. Written under a temporary
 * name and renamed, so a concurrent reader never copies a half-migrated file; runMigrations closes
 * the database, which checkpoints the WAL into the file.
 */
async function sqliteTemplate(): Promise<string> {
  const path = join(tmpdir(), `weigrid-test-template-${migrationsHash('sqlite')}.sqlite`);
  if (existsSync(path)) return path;
  const dir = mkdtempSync(join(tmpdir(), 'weigrid-template-'));
  try {
    const file = join(dir, 't.sqlite');
    await runMigrations(`sqlite:${file}`);
    for (const f of readdirSync(dir)) if (f !== 't.sqlite') throw new Error(`SQLite template: ${f} left beside the file after closing`);
    renameSync(file, path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return path;
}

/**
 * The migrated MariaDB template `wg_tpl_<hash>` on the test server, made once per migration set
 * under a server lock (test files and other runs may ask at once). Complete when its `_template`
 * table exists; it names the tables that hold rows after migrating (the migrations table), which a
 * copy gets too. Templates of older migration sets are dropped after a day.
 */
async function mysqlTemplate(server: string): Promise<{ name: string; tables: string[]; withRows: string[] }> {
  const name = `wg_tpl_${migrationsHash('mysql')}`;
  const c = await mysql.createConnection(server);
  try {
    const read = async () => {
      const [tables] = (await c.query('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name', [name])) as unknown as [{ t: string }[]];
      if (!tables.some((r) => r.t === '_template')) return null;
      const [rows] = (await c.query(`SELECT tbl FROM \`${name}\`._template`)) as unknown as [{ tbl: string }[]];
      return { name, tables: tables.map((r) => r.t).filter((t) => t !== '_template'), withRows: rows.map((r) => r.tbl) };
    };
    const ready = await read();
    if (ready) return ready;
    const [[lock]] = (await c.query('SELECT GET_LOCK(?, 300) AS ok', [name])) as unknown as [{ ok: number | null }[]];
    if (lock?.ok !== 1) throw new Error(`MariaDB test template ${name}: could not take the lock in 300 s`);
    try {
      const again = await read();
      if (again) return again;
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await runMigrations(`${server}/${name}`);
      const [tables] = (await c.query('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ?', [name])) as unknown as [{ t: string }[]];
      const withRows: string[] = [];
      for (const { t } of tables) {
        const [[r]] = (await c.query(`SELECT EXISTS (SELECT 1 FROM \`${name}\`.\`${t}\`) AS n`)) as unknown as [{ n: number }[]];
        if (Number(r!.n)) withRows.push(t);
      }
      await c.query(`CREATE TABLE \`${name}\`._template (tbl VARCHAR(64) NOT NULL)`);
      if (withRows.length) await c.query(`INSERT INTO \`${name}\`._template (tbl) VALUES ${withRows.map(() => '(?)').join(', ')}`, withRows);
      // Templates of other migration sets, untouched for a day, are no one's any more.
      const [old] = (await c.query(
        "SELECT table_schema AS s FROM information_schema.tables WHERE table_schema LIKE 'wg\\_tpl\\_%' AND table_name = '_template' AND table_schema <> ? AND create_time < NOW() - INTERVAL 1 DAY",
        [name],
      )) as unknown as [{ s: string }[]];
      for (const { s } of old) await c.query(`DROP DATABASE IF EXISTS \`${s}\``);
    } finally {
      await c.query('SELECT RELEASE_LOCK(?)', [name]);
    }
    return (await read())!;
  } finally {
    await c.end();
  }
}
