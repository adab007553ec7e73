import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { Category } from '../../src/catalog/category.entity.js';
import { DEFAULT_CATEGORIES } from '../../src/catalog/default-categories.js';
import { importGrids } from '../../src/grids/import.js';
import { RoutingService } from '../../src/routing/routing.service.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { testDbKinds } from '../helpers/databases.js';
import { FIXTURE, fixtureCollection } from '../helpers/grid-fixture.js';

const IN_A = { lat: 30.605, lng: 104.005 };

/**
 * Intake writes concurrent reports together (group commit) and the auth guard loads the actors of
 * concurrent requests together. These bursts check that batching never mixes reports or people
 * up: a retry inside or across batches stays one event, a stored retry answers the stored event,
 * each report keeps its audit and outbox row, and each request is judged by its own session.
 */
describe.each(testDbKinds())('batched intake and actor loads on %s', (kind) => {
  let t: TestApp;
  let residents: LoggedIn[];
  let worker: LoggedIn;
  const api = () => request(t.base);
  const report = (who: LoggedIn, body: Record<string, unknown>) => api().post('/api/v1/events').set('authorization', who.auth).send({ category: 'road', description: '路面塌陷', location: IN_A, ...body });
  const count = async (sql: string, params: unknown[] = []) => Number((await t.ds.query(sql, params))[0].n);

  beforeAll(async () => {
    t = await bootTestApp(kind, { GRID_ROUTING_POLL_MS: '0', EVENT_SCAN_MS: '0', OUTBOX_WORKER: 'off' });
    await importGrids(t.ds, fixtureCollection());
    await t.app.get(RoutingService).reload();
    await t.ds.getRepository(Category).insert(DEFAULT_CATEGORIES.map((c) => ({ ...c, active: true })));
    residents = await Promise.all([0, 1, 2, 3].map(() => loginAs(t)));
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: FIXTURE.GRID }] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps one event per request key in a burst with retries inside it and of stored reports', async () => {
    const stored = await Promise.all([0, 1, 2, 3, 4, 5].map(async (i) => {
      const requestId = randomUUID();
      const r = await report(residents[i % 4]!, { requestId }).expect(201);
      return { who: residents[i % 4]!, requestId, id: r.body.id as number };
    }));
    const before = await count('SELECT COUNT(*) AS n FROM event');
    const fresh = Array.from({ length: 40 }, (_, i) => ({ who: residents[i % 4]!, requestId: randomUUID(), i }));
    const sends = [
      ...fresh.map((f) => report(f.who, { requestId: f.requestId, description: `新上报 ${f.i}` })),
      ...fresh.slice(0, 8).map((f) => report(f.who, { requestId: f.requestId, description: `新上报 ${f.i}` })), // retried mid-burst
      ...stored.map((s) => report(s.who, { requestId: s.requestId })), // retries of stored reports
    ];
    const answers = await Promise.all(sends);
    expect(answers.map((a) => a.status)).toEqual(sends.map(() => 201));
    const freshIds = answers.slice(0, 40).map((a) => a.body.id as number);
    expect(new Set(freshIds).size).toBe(40);
    expect(answers.slice(40, 48).map((a) => a.body.id)).toEqual(freshIds.slice(0, 8));
    // Of each doubled key exactly one answer is the write and one the replay.
    for (let k = 0; k < 8; k++) expect([answers[k]!.body.replayed, answers[40 + k]!.body.replayed].sort()).toEqual([false, true]);
    expect(answers.slice(48).map((a) => [a.body.id, a.body.replayed])).toEqual(stored.map((s) => [s.id, true]));
    expect(await count('SELECT COUNT(*) AS n FROM event')).toBe(before + 40);
    // Each stored report is the one its answer names, with its own audit and outbox rows.
    const rows: { id: number; description: string; reporter_id: number }[] = await t.ds.query(`SELECT id, description, reporter_id FROM event WHERE id IN (${freshIds.join(',')})`);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    fresh.forEach((f, i) => {
      expect(byId.get(freshIds[i]!)?.description).toBe(`新上报 ${f.i}`);
      expect(Number(byId.get(freshIds[i]!)?.reporter_id)).toBe(f.who.userId);
    });
    expect(await count(`SELECT COUNT(*) AS n FROM event_audit WHERE action = 'report' AND event_id IN (${freshIds.join(',')})`)).toBe(40);
    expect(await count("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'event.created'")).toBe(await count('SELECT COUNT(*) AS n FROM event'));
  });

  it('answers a retry with the stored event even if the retry itself would no longer pass', async () => {
    const requestId = randomUUID();
    const first = await report(residents[0]!, { requestId }).expect(201);
    const again = await report(residents[0]!, { requestId, category: 'no_such_category', location: { lat: 39.9, lng: 116.4 } }).expect(201);
    expect(again.body).toMatchObject({ id: first.body.id, replayed: true });
    // A fresh request with the same bad input is still refused.
    await report(residents[0]!, { requestId: randomUUID(), category: 'no_such_category' }).expect(422);
  });

  it('judges each of many concurrent requests by its own session and roles', async () => {
    const revoked = await loginAs(t);
    await t.ds.query('UPDATE auth_session SET revoked_at = ? WHERE user_id = ?', [kind === 'sqlite' ? new Date().toISOString().replace('T', ' ').slice(0, 23) : new Date(), revoked.userId]);
    // selfHandled is for staff of the micro-grid only: the worker's succeed, residents' are refused.
    const who = Array.from({ length: 36 }, (_, i) => [worker, residents[i % 4]!, revoked][i % 3]!);
    const answers = await Promise.all(who.map((u) => report(u, { requestId: randomUUID(), selfHandled: true })));
    who.forEach((u, i) => {
      const expected = u === worker ? 201 : u === revoked ? 401 : 403;
      expect([i, answers[i]!.status]).toEqual([i, expected]);
    });
    expect(answers.filter((a) => a.status === 201).every((a) => a.body.state === 'resolved')).toBe(true);
  });
});
