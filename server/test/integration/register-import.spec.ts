import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/create-data-source.js';
import { runMigrations } from '../../src/db/migrate.js';
import { AppError } from '../../src/common/app-error.js';
import { PiiCipher } from '../../src/register/pii-cipher.js';
import { RegisterImporter } from '../../src/register/import/importer.js';
import { buildTemplate, parseImportXlsx } from '../../src/register/import/xlsx.js';
import { IMPORT_COLUMNS } from '../../src/register/import/columns.js';
import { PersonSearcher } from '../../src/register/search.js';
import { createTestDb, testDbKinds, type TestDb } from '../helpers/databases.js';
import { seedGridFixture, type GridFixture } from '../helpers/register-grid-fixture.js';
import { makeImportXlsx, personRow } from '../helpers/xlsx.js';

const TABLES = ['reg_place', 'reg_household', 'reg_person', 'reg_person_tag'];

describe.each(testDbKinds())('register import on %s', (kind) => {
  let db: TestDb;
  let ds: DataSource;
  let g: GridFixture;
  const cipher = new PiiCipher(randomBytes(32));

  beforeEach(async () => {
    db = await createTestDb(kind);
    await runMigrations(db.url);
    ds = createDataSource(db.url, 2, { logging: false });
    await ds.initialize();
    g = await seedGridFixture(ds);
  });
  afterEach(async () => {
    await ds.destroy();
    await db.drop();
  });

  /** Rows per register table; also checks that reg_grid_households equals the households per micro-grid. */
  const counts = async () => {
    const direct: { grid_path: string; n: number }[] = await ds.query('SELECT grid_path, COUNT(*) AS n FROM reg_household GROUP BY grid_path ORDER BY grid_path');
    const kept: { grid_path: string; households: number }[] = await ds.query('SELECT grid_path, households FROM reg_grid_households ORDER BY grid_path');
    expect(kept.map((r) => [r.grid_path, Number(r.households)])).toEqual(direct.map((r) => [r.grid_path, Number(r.n)]));
    return Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, Number((await ds.query(`SELECT COUNT(*) AS n FROM ${t}`))[0].n)])));
  };
  const importFile = async (buf: Buffer, scope: string[] | null = null) => new RegisterImporter(ds, cipher).importRows(await parseImportXlsx(buf), scope);
  const expectInvalid = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('IMPORT_INVALID');
    return (e as AppError).details as { errors: { row: number; column: string | null; problem: string }[]; total: number };
  };

  it('the downloadable template reads back as a valid one-row import', async () => {
    const tpl = await buildTemplate();
    const rows = await parseImportXlsx(tpl);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.values.idNumber).toBe('11010519491231002X');
    expect(rows[0]!.values.gridCode).toBe('510104017001001001');
  });

  it('imports households and stores ID and phone numbers only encrypted (raw table read)', async () => {
    const buf = await makeImportXlsx([
      personRow(),
      personRow({ name: '李芳', relation: '配偶', phone: '139 0013 9000', idNumber: '510104198001010014', birthYear: '', tags: '' }),
      personRow({ householdCode: 'H2', room: '502', name: '张三', relation: '户主', phone: '', idNumber: '', birthYear: '1990', tags: '残疾人、低保' }),
    ]);
    const res = await importFile(buf);
    expect(res).toEqual({ people: 3, households: 2, placesCreated: 2, placesReused: 0 });
    expect(await counts()).toEqual({ reg_place: 2, reg_household: 2, reg_person: 3, reg_person_tag: 3 });

    const raw: Record<string, unknown>[] = await ds.query('SELECT * FROM reg_person ORDER BY id');
    const dump = JSON.stringify(raw);
    for (const secret of ['11010519491231002X', '510104198001010014', '13800138000', '13900139000', '0013', '19491231']) expect(dump).not.toContain(secret);
    expect(raw[0]!.id_enc).toMatch(new RegExp(`^v2\.${cipher.keyId}\.`));
    expect(raw[0]!.phone_hash).toEqual(cipher.hash('person.phone', '13800138000'));
    expect(cipher.decrypt('person.id_number', raw[0]!.id_enc as string)).toBe('11010519491231002X');
    expect(cipher.decrypt('person.phone', raw[1]!.phone_enc as string)).toBe('13900139000');
    // Birth year and gender come from the ID number when the column is empty.
    expect(raw[1]).toMatchObject({ birth_year: 1980, gender: 'male' });
    expect(raw[2]).toMatchObject({ id_enc: null, id_hash: null, phone_enc: null, tags: '残疾人,低保' });

    const s = new PersonSearcher(ds, cipher);
    const byPhone = await s.search({ scope: [g.streetA.path], phone: '+86 139-0013-9000', limit: 10 });
    expect(byPhone.items.map((p) => p.name)).toEqual(['李芳']);
    expect((await s.search({ scope: [g.streetB.path], phone: '13900139000', limit: 10 })).items).toEqual([]);
    expect((await s.search({ scope: [g.district.path], idNumber: '11010519491231002x', limit: 10 })).items.map((p) => p.name)).toEqual(['王小明']);
    expect((await s.search({ scope: [g.district.path], tag: '低保', limit: 10 })).items.map((p) => p.name)).toEqual(['张三']);
    expect((await s.search({ scope: [g.district.path], name: '王', limit: 10 })).items.map((p) => p.name)).toEqual(['王小明']);
  });

  it('a second file joins an existing household by place and 户编号, and refuses a person already registered', async () => {
    await importFile(await makeImportXlsx([personRow()]));
    const again = await importFile(await makeImportXlsx([personRow({ name: '王小红', relation: '子女', phone: '', idNumber: '', birthYear: '1980', tags: '' })]));
    expect(again).toEqual({ people: 1, households: 0, placesCreated: 0, placesReused: 1 });
    const hh: { household_id: number }[] = await ds.query('SELECT DISTINCT household_id FROM reg_person');
    expect(hh).toHaveLength(1);
    const d = await expectInvalid(importFile(await makeImportXlsx([personRow({ householdCode: 'H9', relation: '户主' })])));
    expect(d.errors).toEqual([expect.objectContaining({ row: 2, column: 'idNumber', problem: 'already_registered' })]);
    expect(await counts()).toMatchObject({ reg_person: 2 });
  });

  it('bad rows → every problem listed by row, nothing written', async () => {
    const buf = await makeImportXlsx([
      personRow(),
      personRow({ name: '坏号码', relation: '子女', idNumber: '110105194912310021', phone: '', birthYear: '', tags: '' }),
      personRow({ name: '未来人', relation: '子女', idNumber: '', phone: '', birthYear: '2999', tags: '' }),
      personRow({ name: '王小明', relation: '子女', phone: '' }),
      personRow({ name: '李四', relation: '老板', idNumber: '', phone: '12345', birthYear: '1970', tags: '富豪' }),
      personRow({ gridCode: '', name: '' }),
    ]);
    const d = await expectInvalid(importFile(buf));
    const got = d.errors.map((e) => `${e.row}:${e.column}:${e.problem}`);
    expect(got).toEqual(
      expect.arrayContaining(['3:idNumber:id_checksum', '4:birthYear:impossible', '5:idNumber:duplicate_in_household', '6:relation:unknown', '6:phone:format', '6:tags:unknown', '7:gridCode:required', '7:name:required']),
    );
    expect(d.errors.every((e) => e.row !== 2)).toBe(true);
    expect(await counts()).toEqual({ reg_place: 0, reg_household: 0, reg_person: 0, reg_person_tag: 0 });
  });

  it('wrong columns, not a workbook, unknown or non-micro grids, out of scope → 422, nothing written', async () => {
    const wrong: string[] = IMPORT_COLUMNS.map((c) => c.header);
    wrong[6] = '名字';
    const d1 = await expectInvalid(importFile(await makeImportXlsx([personRow()], wrong)));
    expect(d1.errors[0]).toMatchObject({ row: 1, problem: 'wrong_columns' });
    await expectInvalid(parseImportXlsx(Buffer.from('name,phone\n张三,138')));
    // The streaming reader must answer, not wait forever, for an empty or cut-off upload.
    const good = await makeImportXlsx([personRow()]);
    for (const bad of [Buffer.alloc(0), good.subarray(0, 30), good.subarray(0, 200), Buffer.concat([good.subarray(0, 4), Buffer.alloc(4000)])]) {
      expect((await expectInvalid(parseImportXlsx(bad))).errors[0]!.problem).toMatch(/^(not_xlsx|no_sheet)$/);
    }
    const d2 = await expectInvalid(importFile(await makeImportXlsx([personRow({ gridCode: '510104009009009009' })])));
    expect(d2.errors[0]).toMatchObject({ row: 2, problem: 'unknown_grid' });
    const d3 = await expectInvalid(importFile(await makeImportXlsx([personRow({ gridCode: g.microB.code })]), [g.streetA.path]));
    expect(d3.errors[0]).toMatchObject({ row: 2, problem: 'out_of_scope' });
    expect(await counts()).toEqual({ reg_place: 0, reg_household: 0, reg_person: 0, reg_person_tag: 0 });
  });

  it('a failure half way through the writes rolls everything back (no partial writes)', async () => {
    // A trigger makes the database refuse the tag rows, which are written after places,
    // households and people — so the failure comes after several batches were already inserted.
    await ds.query(
      kind === 'sqlite'
        ? `CREATE TRIGGER boom BEFORE INSERT ON reg_person_tag BEGIN SELECT RAISE(ABORT, 'boom'); END`
        : `CREATE TRIGGER boom BEFORE INSERT ON reg_person_tag FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'boom'`,
    );
    const rows = Array.from({ length: 30 }, (_, i) => personRow({ householdCode: `H${i}`, room: `${100 + i}`, name: `人${i}`, idNumber: '', phone: '', birthYear: '1970', tags: i === 29 ? '低保' : '' }));
    const importer = new RegisterImporter(ds, cipher, 7);
    await expect(importer.importRows(await parseImportXlsx(await makeImportXlsx(rows)), null)).rejects.toThrow(/boom/);
    expect(await counts()).toEqual({ reg_place: 0, reg_household: 0, reg_person: 0, reg_person_tag: 0 });
  });

  it('two files with the same ID number imported at the same moment: one is refused whole, the register holds the ID once', async () => {
    const shared = '510104198001010014';
    // Each file a few batches long (batch size 7 below), with the shared ID in the middle.
    const file = async (tag: string, at: number) =>
      parseImportXlsx(await makeImportXlsx(Array.from({ length: 20 }, (_, i) => personRow({ householdCode: `${tag}${i}`, room: `${tag}${i}`, name: `${tag}${i}`, phone: '', idNumber: i === at ? shared : '', birthYear: i === at ? '' : '1970', tags: '' }))));
    const [a, b] = [await file('甲', 5), await file('乙', 12)];
    const results = await Promise.allSettled([new RegisterImporter(ds, cipher, 7).importRows(a, null), new RegisterImporter(ds, cipher, 7).importRows(b, null)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(AppError);
    expect(['IMPORT_INVALID', 'CONFLICT']).toContain((refused.reason as AppError).code);
    expect(await counts()).toEqual({ reg_place: 20, reg_household: 20, reg_person: 20, reg_person_tag: 0 });
    const withId: { n: number }[] = await ds.query('SELECT COUNT(*) AS n FROM reg_person WHERE id_hash = ?', [cipher.hash('person.id_number', shared)]);
    expect(Number(withId[0]!.n)).toBe(1);
  });

  it('name-prefix search pages through every match once, in name order, across micro-grids and within a scope', async () => {
    // Same names in two streets and two micro-grids, so the page boundaries fall inside runs of one name.
    const names = ['王伟', '王芳', '王伟', '王伟', '李伟', '王芳', '王磊', '王伟', '王'];
    const grids = [g.microA.code, '510104001001001002', g.microB.code];
    await importFile(
      await makeImportXlsx(names.map((name, i) => personRow({ gridCode: grids[i % 3], householdCode: `H${i}`, room: `${i}`, name, idNumber: '', phone: '', birthYear: String(1950 + i), tags: '' }))),
    );
    const s = new PersonSearcher(ds, cipher);
    const all = async (scope: string[], name: string) => {
      const seen: { id: number; name: string }[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const r = await s.search({ scope, name, limit: 2, cursor });
        seen.push(...r.items.map((p) => ({ id: p.id, name: p.name })));
        if (!r.nextCursor) return seen;
        cursor = r.nextCursor;
      }
      throw new Error('did not end');
    };
    const district = await all([g.district.path], '王');
    expect(district).toHaveLength(8);
    expect(new Set(district.map((p) => p.id)).size).toBe(8);
    expect(district.map((p) => p.name).sort()).toEqual(names.filter((n) => n.startsWith('王')).sort());
    // Runs of one name stay together (the order is name first).
    const runs = district.map((p) => p.name).filter((n, i, xs) => i === 0 || xs[i - 1] !== n);
    expect(new Set(runs).size).toBe(runs.length);
    expect((await all([g.streetA.path], '王伟')).map((p) => p.name)).toEqual(['王伟', '王伟', '王伟']);
    expect((await counts()).reg_household).toBe(9);
    expect((await all([g.streetA.path], '李')).map((p) => p.name)).toEqual(['李伟']);
    expect(await all([g.streetB.path], '李')).toEqual([]);
  });

  it('a person batch refused while the next one is being built writes nothing, and the next file imports', async () => {
    // People batches are double-buffered (batch k+1 built while batch k runs): batch 2 of 5 fails.
    await ds.query(
      kind === 'sqlite'
        ? `CREATE TRIGGER boom BEFORE INSERT ON reg_person WHEN NEW.name = '人10' BEGIN SELECT RAISE(ABORT, 'boom'); END`
        : `CREATE TRIGGER boom BEFORE INSERT ON reg_person FOR EACH ROW BEGIN IF NEW.name = '人10' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'boom'; END IF; END`,
    );
    const rows = (from: number) => Array.from({ length: 33 }, (_, i) => personRow({ householdCode: `H${from + i}`, room: `${from + i}`, name: `人${from + i}`, idNumber: '', phone: `1390000${String(from + i).padStart(4, '0')}`, birthYear: '1970', tags: '低保' }));
    const importer = new RegisterImporter(ds, cipher, 7);
    await expect(importer.importRows(await parseImportXlsx(await makeImportXlsx(rows(0))), null)).rejects.toThrow(/boom/);
    expect(await counts()).toEqual({ reg_place: 0, reg_household: 0, reg_person: 0, reg_person_tag: 0 });

    expect(await importer.importRows(await parseImportXlsx(await makeImportXlsx(rows(100))), null)).toMatchObject({ people: 33, households: 33 });
    expect(await counts()).toEqual({ reg_place: 33, reg_household: 33, reg_person: 33, reg_person_tag: 33 });
    // Ids came from the multi-row inserts (first id + i): every person sits in its own household and carries its own tag row.
    const joined: { n: number }[] = await ds.query(
      `SELECT COUNT(*) AS n FROM reg_person p JOIN reg_household h ON h.id = p.household_id JOIN reg_place pl ON pl.id = h.place_id JOIN reg_person_tag t ON t.person_id = p.id WHERE pl.room = SUBSTR(p.name, 2)`,
    );
    expect(Number(joined[0]!.n)).toBe(33);
  });
});
