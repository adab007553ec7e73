import type { DataSourceOptions } from 'typeorm';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { connect, type Socket } from 'node:net';
import { ENTITIES } from './entities.js';
import { sqliteMigrations } from './migrations/sqlite/index.js';
import { mysqlMigrations } from './migrations/mysql/index.js';

export type DbKind = 'sqlite' | 'mysql';

export function dbKind(url: string): DbKind {
  return /^(mysql|mariadb):\/\//.test(url) ? 'mysql' : 'sqlite';
}

/** The URL with its password replaced, safe to print. */
export function redactDbUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/**
 * One URL picks the driver: `mysql://…` → MariaDB/MySQL through mysql2 (utf8mb4 so Chinese and
 * emoji survive), anything `sqlite:` → an embedded better-sqlite3 file (WAL + synchronous=NORMAL:
 * about 7× the write rate of the defaults, still crash-safe for committed transactions).
 */
export function buildDataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  const common = { entities: ENTITIES, migrationsTableName: 'migrations', synchronize: false } as const;
  if (dbKind(url) === 'mysql') {
    const { first, hosts } = splitHosts(url.replace(/^mariadb:/, 'mysql:'));
    return {
      ...common,
      // TypeORM's 'mariadb' flavour reads MariaDB's quoted NULL defaults correctly (with 'mysql' it
      // sees drift on every nullable column); the SQL it emits is plain MySQL 8 as well.
      type: 'mariadb',
      url: first,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      poolSize,
      // A database on the LAN connects in milliseconds; waiting longer only makes requests hang
      // while it is unreachable (see breaker.ts).
      connectTimeout: 2000,
      // Keep the pool from handing out a dead socket after the database comes back.
      extra: { enableKeepAlive: true, keepAliveInitialDelay: 10000, maxIdle: poolSize, idleTimeout: 60000, ...(hosts.length > 1 ? { stream: failoverStream(hosts) } : {}) },
      migrations: mysqlMigrations,
    };
  }
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: file,
    enableWAL: file !== ':memory:',
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
    migrations: sqliteMigrations,
  };
}

/**
 * `mysql://u:p@h1:3311,h2:3312,h3:3313/db`: several nodes of one cluster (Galera). Answers the URL
 * with the first host only (what the driver parses) and the list of all of them.
 */
export function splitHosts(url: string): { first: string; hosts: { host: string; port: number }[] } {
  const m = /^(mysql:\/\/(?:[^@/]*@)?)([^/?#]+)(.*)$/.exec(url);
  if (!m || !m[2]!.includes(',')) return { first: url, hosts: [] };
  const hosts = m[2]!.split(',').map((h) => {
    const [host, port] = h.split(':');
    return { host: host!, port: Number(port ?? 3306) };
  });
  return { first: `${m[1]}${m[2]!.split(',')[0]}${m[3]}`, hosts };
}

/**
 * The socket factory mysql2 calls for each new pooled connection: it connects to the node that
 * last worked and moves to the next one when a connection to it fails (refused, reset, timed out),
 * so an API instance keeps serving when its database node is killed — the connections it held to
 * that node fail once, new ones go to a live node.
 */
function failoverStream(hosts: { host: string; port: number }[]): (() => Socket) & { nodes: number } {
  let current = 0;
  const open = () => {
    const i = current;
    const { host, port } = hosts[i]!;
    const socket = connect({ host, port });
    socket.setNoDelay(true);
    socket.once('error', () => {
      if (current === i) current = (i + 1) % hosts.length;
    });
    return socket;
  };
  return Object.assign(open, { nodes: hosts.length });
}
