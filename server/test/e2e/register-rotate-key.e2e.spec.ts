import request from 'supertest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PiiCipher } from '../../src/register/pii-cipher.js';
import { bootTestApp, TEST_JWT_SECRET, type TestApp } from '../helpers/app.js';
import { createTestDb, testDbKinds } from '../helpers/databases.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { ensureNodes } from '../helpers/tree.js';

const api = '/api/v1';
const MICRO = '510104001001001001';
const cli = join(dirname(fileURLToPath(import.meta.url)), '../../dist/cli/register-rotate-key.js');
const rotate = (env: Record<string, string>) =>
  spawnSync(process.execPath, [cli, '--batch', '2'], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', JWT_SECRET: TEST_JWT_SECRET, ...env }, encoding: 'utf8', timeout: 60_000 });

const PEOPLE = [
  { name: '陈老', relation: '户主', phone: '13500135000', idNumber: '510104195503010037' },
  { name: '王小明', relation: '配偶', phone: '13800138000', idNumber: '11010519491231002X' },
  { name: '李芳', relation: '子女', phone: '13900139000', idNumber: '510104198001010014' },
];

describe('register:rotate-key CLI', () => {
  it('refuses a previous key without a new one, and one equal to it, in one line', () => {
    const a = randomBytes(32).toString('hex');
    const noNew = rotate({ DB_URL: 'sqlite::memory:', PII_KEY_PREVIOUS: a });
    expect(noNew.status).toBe(1);
    expect(noNew.stderr).toMatch(/^register:rotate-key: invalid configuration: PII_KEY_PREVIOUS: needs PII_KEY/);
    const same = rotate({ DB_URL: 'sqlite::memory:', PII_KEY: a, PII_KEY_PREVIOUS: a });
    expect(same.status).toBe(1);
    expect(same.stderr).toMatch(/PII_KEY_PREVIOUS: is the same key as PII_KEY/);
    expect(same.stderr).not.toContain(a);
  });
});

describe.each(testDbKinds())('PII key rotation on %s', (kind) => {
  it('old data stays readable and findable under new key + previous, the CLI rewrites it, then the new key alone reads everything', async () => {
    const db = await createTestDb(kind);
    const A = randomBytes(32).toString('hex');
    const B = randomBytes(32).toString('base64');
    const onlyA = new PiiCipher(Buffer.from(A, 'hex'));
    const onlyB = new PiiCipher(Buffer.from(B, 'base64'));
    let t: TestApp | null = null;
    const boot = async (env: Record<string, string>) => {
      await t?.close();
      t = await bootTestApp(kind, env, db);
      return { t, worker: await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: '510104001001001' }] }) };
    };
    const rawPeople = async () => (await t!.ds.query('SELECT id, phone_enc, phone_hash, id_enc, id_hash FROM reg_person ORDER BY id')) as { id: number; phone_enc: string; phone_hash: Buffer; id_enc: string; id_hash: Buffer }[];
    /** Every person found by phone and by ID number, and their full numbers as a worker sees them. */
    const expectAllReadable = async (app: TestApp, worker: LoggedIn, people: typeof PEOPLE) => {
      for (const p of people) {
        const byPhone = await request(app.base).get(`${api}/register/people`).query({ phone: p.phone }).set('authorization', worker.auth).expect(200);
        expect(byPhone.body.items.map((x: { name: string }) => x.name)).toEqual([p.name]);
        const byId = await request(app.base).get(`${api}/register/people`).query({ idNumber: p.idNumber }).set('authorization', worker.auth).expect(200);
        expect(byId.body.items.map((x: { name: string }) => x.name)).toEqual([p.name]);
        const full = await request(app.base).get(`${api}/register/people/${byId.body.items[0].id}`).query({ reveal: true }).set('authorization', worker.auth).expect(200);
        expect(full.body).toMatchObject({ phone: p.phone, idNumber: p.idNumber, revealed: true });
      }
    };
    try {
      // 1. Written under key A.
      let s = await boot({ PII_KEY: A });
      await ensureNodes(s.t.ds, [MICRO]);
      const place = await request(s.t.base).post(`${api}/register/places`).set('authorization', s.worker.auth).send({ gridCode: MICRO, address: '书院街8号' }).expect(201);
      const hh = await request(s.t.base).post(`${api}/register/households`).set('authorization', s.worker.auth).send({ placeId: place.body.id }).expect(201);
      for (const p of PEOPLE.slice(0, 2)) await request(s.t.base).post(`${api}/register/households/${hh.body.id}/people`).set('authorization', s.worker.auth).send(p).expect(201);
      const underA = await rawPeople();
      expect(underA.every((r) => onlyA.isCurrent(r.phone_enc) && onlyA.isCurrent(r.id_enc))).toBe(true);

      // 2. Restarted with B and A as previous: A's rows are read and found; new rows are written under B.
      s = await boot({ PII_KEY: B, PII_KEY_PREVIOUS: A });
      await expectAllReadable(s.t, s.worker, PEOPLE.slice(0, 2));
      await request(s.t.base).post(`${api}/register/households/${hh.body.id}/people`).set('authorization', s.worker.auth).send(PEOPLE[2]).expect(201);
      // One person, one record, across keys: A's hash of this ID number is still recognised.
      await request(s.t.base).post(`${api}/register/households/${hh.body.id}/people`).set('authorization', s.worker.auth).send({ ...PEOPLE[0], name: '陈老二', relation: '子女' }).expect(409);
      expect((await rawPeople()).map((r) => onlyB.isCurrent(r.id_enc))).toEqual([false, false, true]);

      // 3. The CLI rewrites A's rows (in batches of 2), while the app keeps running; a second run has nothing to do.
      const env = { DB_URL: db.url, PII_KEY: B, PII_KEY_PREVIOUS: A };
      const first = rotate(env);
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/: 3 people, 2 rewritten, 1 already current\n$/);
      const again = rotate(env);
      expect(again.status).toBe(0);
      expect(again.stdout).toMatch(/: 3 people, 0 rewritten, 3 already current\n$/);
      const rows = await rawPeople();
      for (const [i, r] of rows.entries()) {
        expect(onlyB.isCurrent(r.phone_enc) && onlyB.isCurrent(r.id_enc)).toBe(true);
        expect(() => onlyA.decrypt('person.id_number', r.id_enc)).toThrow();
        expect(onlyB.decrypt('person.id_number', r.id_enc)).toBe(PEOPLE[i]!.idNumber);
        expect(Buffer.from(r.id_hash)).toEqual(onlyB.hash('person.id_number', PEOPLE[i]!.idNumber));
        expect(Buffer.from(r.phone_hash)).toEqual(onlyB.hash('person.phone', PEOPLE[i]!.phone));
      }

      // 4. B alone reads and finds everyone.
      s = await boot({ PII_KEY: B });
      await expectAllReadable(s.t, s.worker, PEOPLE);
    } finally {
      await (t as TestApp | null)?.close();
      await db.drop();
    }
  }, 120_000);
});
