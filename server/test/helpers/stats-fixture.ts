import { importGrids } from '../../src/grids/import.js';
import { RoutingService } from '../../src/routing/routing.service.js';
import { Category } from '../../src/catalog/category.entity.js';
import { DEFAULT_CATEGORIES } from '../../src/catalog/default-categories.js';
import { GridNode } from '../../src/grids/grid-node.entity.js';
import { EventAudit, EventRow, SlaPolicyRow } from '../../src/events/event.entity.js';
import { StatsRefresher } from '../../src/stats/refresher.service.js';
import { addFact, emptySums, kpisOf, type Kpis } from '../../src/stats/kpi.js';
import type { TestApp } from './app.js';
import { FIXTURE, fixtureCollection } from './grid-fixture.js';

// The stats fixture (stats/kpi.spec.ts worked it by hand), shared by the dashboard and the stats:rebuild tests.

export const at = (iso: string) => new Date(iso);
type Step = [action: string, from: string | null, to: string, iso: string, hours?: number];

/**
 * The hand-worked fixture of stats/kpi.spec.ts, stored as real event rows and audit trails:
 * A, B, C, F in micro-grid A; D, E in micro-grid B; G just after local midnight; H (sanitation) two days later.
 */
export const FIXTURE_EVENTS: { key: string; micro: 'A' | 'B'; category: string; created: string; state: string; rating: number | null; steps: Step[] }[] = [
  { key: 'A', micro: 'A', category: 'road', created: '2026-11-02T01:00:00Z', state: 'closed', rating: 5, steps: [['report', null, 'reported', '2026-11-02T01:00:00Z'], ['verify', 'reported', 'accepted', '2026-11-02T01:30:00Z'], ['claim', 'accepted', 'in_progress', '2026-11-02T02:00:00Z'], ['resolve', 'in_progress', 'resolved', '2026-11-02T11:00:00Z'], ['close', 'resolved', 'closed', '2026-11-02T12:00:00Z'], ['rate', 'closed', 'closed', '2026-11-02T12:30:00Z']] },
  {
    key: 'B', micro: 'A', category: 'road', created: '2026-11-02T02:00:00Z', state: 'closed', rating: 3,
    steps: [['report', null, 'reported', '2026-11-02T02:00:00Z'], ['verify', 'reported', 'accepted', '2026-11-02T04:00:00Z'], ['claim', 'accepted', 'in_progress', '2026-11-02T05:00:00Z'], ['request_extension', 'in_progress', 'in_progress', '2026-11-02T05:30:00Z', 24], ['approve_extension', 'in_progress', 'in_progress', '2026-11-02T06:00:00Z', 24], ['resolve', 'in_progress', 'resolved', '2026-11-03T20:00:00Z'], ['rework', 'resolved', 'in_progress', '2026-11-03T21:00:00Z'], ['resolve', 'in_progress', 'resolved', '2026-11-03T22:00:00Z'], ['close', 'resolved', 'closed', '2026-11-03T23:00:00Z']],
  },
  { key: 'C', micro: 'A', category: 'road', created: '2026-11-02T03:00:00Z', state: 'closed', rating: null, steps: [['report', null, 'reported', '2026-11-02T03:00:00Z'], ['verify', 'reported', 'accepted', '2026-11-02T03:10:00Z'], ['claim', 'accepted', 'in_progress', '2026-11-02T04:00:00Z'], ['resolve', 'in_progress', 'resolved', '2026-11-04T03:10:00Z'], ['close', 'resolved', 'closed', '2026-11-04T04:00:00Z']] },
  { key: 'D', micro: 'B', category: 'road', created: '2026-11-02T05:00:00Z', state: 'rejected', rating: null, steps: [['report', null, 'reported', '2026-11-02T05:00:00Z'], ['reject', 'reported', 'rejected', '2026-11-02T05:45:00Z']] },
  { key: 'E', micro: 'B', category: 'road', created: '2026-11-02T06:00:00Z', state: 'closed', rating: null, steps: [['self_handle', null, 'resolved', '2026-11-02T06:00:00Z'], ['close', 'resolved', 'closed', '2026-11-02T07:00:00Z']] },
  { key: 'F', micro: 'A', category: 'road', created: '2026-11-02T15:59:00Z', state: 'reported', rating: null, steps: [['report', null, 'reported', '2026-11-02T15:59:00Z']] },
  { key: 'G', micro: 'A', category: 'road', created: '2026-11-02T16:00:00Z', state: 'reported', rating: null, steps: [['report', null, 'reported', '2026-11-02T16:00:00Z']] },
  { key: 'H', micro: 'B', category: 'sanitation', created: '2026-11-04T02:00:00Z', state: 'reported', rating: null, steps: [['report', null, 'reported', '2026-11-04T02:00:00Z']] },
];

/** The figures of 2026-11-02, worked by hand in stats/kpi.spec.ts. */
export const DAY2 = {
  reported: 6, accepted: 4, rejected: 1, closed: 4, closeRate: 1, onTimeClosed: 3, onTimeRate: 0.75, reworked: 1, reworkRate: 0.25, extended: 1, extensionRate: 0.25,
  responseAvgMin: 51.3, responseP90Min: 120, handlingAvgMin: 1462.5, handlingP90Min: 2880, rated: 2, satisfactionAvg: 4, satisfactionRate: 0.5,
};

/**
 * The grid fixture, the default categories, the fixture's SLA policy (road handled within 24
 * calendar hours) and the fixture events stored as real rows and audit trails, written straight to
 * the tables (as an existing database holds them). Returns the event ids by fixture key.
 */
export async function seedStatsFixture(t: TestApp): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  await importGrids(t.ds, fixtureCollection());
  await t.app.get(RoutingService).reload();
  await t.ds.getRepository(Category).insert(DEFAULT_CATEGORIES.map((c) => ({ ...c, active: true })));
  // The fixture's policy: handle road events within 24 calendar hours.
  await t.ds.getRepository(SlaPolicyRow).insert({ category: 'road', stage: 'handle', hours: 24, mode: 'calendar' });
  const nodes = new Map((await t.ds.getRepository(GridNode).find()).map((n) => [n.code, n]));
  for (const e of FIXTURE_EVENTS) {
    const n = nodes.get(e.micro === 'A' ? FIXTURE.A : FIXTURE.B)!;
    const created = at(e.created);
    const r = await t.ds.getRepository(EventRow).insert({
      requestKey: `fixture-${e.key}`, source: 'resident', category: e.category, description: `事件${e.key}`, address: null, lat: null, lng: null,
      nodeId: n.id, nodePath: n.path, ownerNodeId: n.id, ownerPath: n.path, state: e.state as EventRow['state'], prevState: null, version: e.steps.length,
      reporterId: null, anonymous: false, handlerId: null, assigneeId: null, departmentId: null, photos: '[]', stage: null, deadlineAt: null, slaLeftMs: null,
      overdueAt: null, supporters: 0, rating: e.rating, ratingComment: null, held: false, needsGridConfirm: false, confidence: null, createdAt: created, updatedAt: created,
    } as Partial<EventRow> as EventRow);
    ids[e.key] = Number(r.identifiers[0]!.id);
    for (const [action, from, to, iso, hours] of e.steps) {
      await t.ds.getRepository(EventAudit).insert({ eventId: ids[e.key]!, action, fromState: from as EventAudit['fromState'], toState: to as EventAudit['toState'], actorId: null, note: null, photos: '[]', data: hours ? JSON.stringify({ hours }) : null, at: at(iso) });
    }
  }
  return ids;
}

/** Direct recount over every event: its row and audit trail through computeFact, summed. */
export async function recountAll(t: TestApp): Promise<{ kpis: Kpis; events: number }> {
  const all: number[] = (await t.ds.query('SELECT id FROM event')).map((r: { id: number }) => Number(r.id));
  const sums = emptySums();
  for (const f of (await t.app.get(StatsRefresher).computeFacts(all)).values()) addFact(sums, f);
  return { kpis: kpisOf(sums), events: all.length };
}
