import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/cli.js';
import { REPOSITORIES, repositoryFiles, unlistedRepositories } from '../../src/cli/sql-repositories.js';

/**
 * src/queries/*.sql is the SQL of every repository query marked with @GenerateSql, as MariaDB runs
 * it (src/cli/generate-sql.ts). Regenerated here into a temporary directory: a query changed
 * without regenerating the files fails, so every query change shows in review.
 */
const src = join(dirname(fileURLToPath(import.meta.url)), '../../src');
const queries = join(src, 'queries');
const mysqlUrl = /^(mysql|mariadb):\/\//.test(process.env.DB_URL ?? '') ? process.env.DB_URL! : null;
if (!mysqlUrl) console.warn('generated-sql.spec: the drift check is skipped — it needs a MariaDB server in DB_URL (e.g. mysql://root@127.0.0.1:3306/test); src/queries is written as MariaDB runs the queries');

const sqlFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();

describe('generated SQL (src/queries)', () => {
  (mysqlUrl ? it : it.skip)(
    'matches what the repositories run now (stale: run `pnpm --filter @weigrid/server sql:generate`)',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'weigrid-sql-'));
      try {
        const r = await runCli('generate-sql.js', ['--out', out], { DB_URL: mysqlUrl! });
        expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
        expect(sqlFiles(out)).toEqual(sqlFiles(queries));
        // One file at a time, so a failure names the repository whose queries changed.
        for (const f of sqlFiles(out)) expect([f, readFileSync(join(out, f), 'utf8')]).toEqual([f, readFileSync(join(queries, f), 'utf8')]);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
    300_000,
  );

  it('lists every *.repo.ts of the server in REPOSITORIES (src/cli/sql-repositories.ts), and nothing else', () => {
    expect(unlistedRepositories(src)).toEqual([]);
    expect([...REPOSITORIES].sort()).toEqual(repositoryFiles(src));
  });

  it('names a repository file that is not listed (sql:generate fails on it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weigrid-repos-'));
    try {
      mkdirSync(join(dir, 'grids'));
      mkdirSync(join(dir, 'maps/tiles'), { recursive: true });
      writeFileSync(join(dir, 'grids/grid-tree.repo.ts'), '');
      writeFileSync(join(dir, 'maps/tiles/tiles.repo.ts'), '');
      writeFileSync(join(dir, 'maps/tiles/tiles.service.ts'), '');
      expect(unlistedRepositories(dir)).toEqual(['maps/tiles/tiles.repo']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a database that is not MariaDB/MySQL, and writes nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'weigrid-sql-'));
    try {
      const r = await runCli('generate-sql.js', ['--out', out], { DB_URL: `sqlite:${join(out, 'x.sqlite')}` });
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/DB_URL must name a MariaDB\/MySQL server/);
      expect(readdirSync(out)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
