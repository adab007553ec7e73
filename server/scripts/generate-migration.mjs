#!/usr/bin/env node
// Generates one migration per driver from the difference between the entities and a fresh
// database migrated to the current head: `pnpm --filter @weigrid/server migration:generate Name`.
// SQLite uses a temp file; MySQL uses a throwaway database on MIGRATION_DB_URL (default: the
// local MariaDB, root with an empty password), dropped afterwards.
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const name = (process.argv[2] ?? '').replace(/[^A-Za-z0-9]/g, '');
if (!name) {
  console.error('usage: migration:generate <Name>');
  process.exit(2);
}
const { buildDataSourceOptions } = await import(join(root, 'dist/db/options.js'));
const { fromOptions } = await import(join(root, 'dist/db/create-data-source.js'));
const serverUrl = process.env.MIGRATION_DB_URL ?? 'mysql://root@127.0.0.1:3306';
const ts = Date.now();

function render(className, up, down) {
  const q = (s) => '`' + s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up.map((s) => `    await queryRunner.query(${q(s)});`).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down.map((s) => `    await queryRunner.query(${q(s)});`).join('\n')}
  }
}
`;
}

async function generate(driver, url, cleanup) {
  const ds = fromOptions({ ...buildDataSourceOptions(url, 1), logging: false });
  await ds.initialize();
  try {
    await ds.runMigrations();
    const log = await ds.driver.createSchemaBuilder().log();
    if (log.upQueries.length === 0) {
      console.log(`${driver}: no changes in database schema`);
      return;
    }
    const className = `${name}${ts}`;
    const dir = join(root, 'src/db/migrations', driver);
    writeFileSync(
      join(dir, `${ts}-${name}.ts`),
      render(
        className,
        // Tables default to utf8mb4 whatever the server's default is (latin1 breaks Chinese text).
        log.upQueries.map((q) => (driver === 'mysql' ? q.query.replace(/ENGINE=InnoDB$/, 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci') : q.query)),
        log.downQueries.reverse().map((q) => q.query),
      ),
    );
    const files = readdirSync(dir).filter((f) => /^\d+-\w+\.ts$/.test(f)).sort();
    const imports = files.map((f) => {
      const base = f.replace(/\.ts$/, '');
      const [t, n] = base.split('-');
      return { cls: `${n}${t}`, base };
    });
    writeFileSync(
      join(dir, 'index.ts'),
      imports.map((i) => `import { ${i.cls} } from './${i.base}.js';`).join('\n') +
        `\n\nexport const ${driver}Migrations: Function[] = [${imports.map((i) => i.cls).join(', ')}];\n`,
    );
    console.log(`${driver}: wrote ${log.upQueries.length} statements to src/db/migrations/${driver}/${ts}-${name}.ts`);
  } finally {
    await ds.destroy();
    await cleanup?.();
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'weigrid-mig-'));
await generate('sqlite', `sqlite:${join(tmp, 'gen.sqlite')}`);
const db = `weigrid_gen_${ts}`;
const admin = await mysql.createConnection(serverUrl);
await admin.query(`CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
try {
  await generate('mysql', `${serverUrl.replace(/\/$/, '')}/${db}`);
} finally {
  await admin.query(`DROP DATABASE \`${db}\``);
  await admin.end();
}
