import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const server = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** scripts/check-architecture.mjs on a fixture tree with known faults (test/fixtures/architecture). */
function check(root: string): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(server, 'scripts/check-architecture.mjs'), `--root=${root}`], { cwd: server }, (e, _out, err) => resolve({ code: e ? (e.code as number) : 0, err }));
  });
}

describe('architecture check (SQL only in repositories, no import cycles)', () => {
  let r: { code: number | null; err: string };
  beforeAll(async () => {
    r = await check(join(server, 'test/fixtures/architecture'));
  }, 120_000);

  it('fails, naming each call on a TypeORM object outside *.repo.ts and db/', () => {
    expect(r.code).toBe(1);
    expect(r.err).toContain('src/shop/shop.service.ts:11: EntityManager.count()');
    expect(r.err).toContain('src/shop/shop.service.ts:12: DataSource.query()');
    // Opening a transaction is the service's job; repositories and db/ may run SQL.
    expect(r.err).not.toMatch(/shop\.service\.ts:10:|shop\.repo\.ts|db\/helpers\.ts/);
  });

  it('skips allowlisted files and rejects allowlist lines that are no longer needed', () => {
    expect(r.err).not.toContain('src/shop/legacy.ts:');
    expect(r.err).toContain('sql-allowlist.txt: src/shop/gone.ts does not exist');
  });

  it('reports runtime import cycles between files and between module folders, not type-only imports', () => {
    expect(r.err).toContain('import cycle between files: src/ledger/ledger.ts ↔ src/orders/orders.ts');
    expect(r.err).toContain('import cycle between modules ledger, orders');
    // shop → ledger is a runtime import, ledger → shop `import type` only (erased): no cycle.
    expect(r.err).not.toMatch(/cycle[^\n]*shop/);
  });
});
