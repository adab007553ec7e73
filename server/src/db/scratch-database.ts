import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

/**
 * A fresh, empty MariaDB/MySQL database next to the one `serverUrl` names (same server and
 * credentials), for tools that must not touch real data (sql:generate). `drop` removes it.
 */
export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const base = new URL(serverUrl.replace(/^mariadb:/, 'mysql:'));
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const server = `${base.protocol}//${base.username ? `${base.username}${base.password ? `:${base.password}` : ''}@` : ''}${base.host}`;
  const admin = await mysql.createConnection(server);
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  return {
    url: `${server}/${name}`,
    name,
    drop: async () => {
      const c = await mysql.createConnection(server);
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await c.end();
      }
    },
  };
}
