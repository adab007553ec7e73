import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

export interface TestDb {
  kind: 'sqlite' | 'mysql';
  url: string;
  drop(): Promise<void>;
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

export async function createTestDb(kind: 'sqlite' | 'mysql'): Promise<TestDb> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'weigrid-test-'));
    return { kind, url: `sqlite:${join(dir, 'test.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = new URL(process.env.DB_URL!.replace(/^mariadb:/, 'mysql:'));
  const name = `wg_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const server = `${base.protocol}//${base.username ? `${base.username}${base.password ? `:${base.password}` : ''}@` : ''}${base.host}`;
  const admin = await mysql.createConnection(server);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
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
