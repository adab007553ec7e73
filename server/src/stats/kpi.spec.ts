import type { AuditStep } from '../sla/clock.js';
import { addFact, bucketEdge, bucketOf, bulletinScore, computeFact, emptySums, histAdd, histDecodeInto, histEncode, histPercentile, kpisOf, mergeSums, type EventFact } from './kpi.js';

const at = (iso: string) => new Date(iso);
const step = (action: string, fromState: string | null, toState: string, iso: string, hours?: number): AuditStep => ({ action, fromState, toState, at: at(iso), hours: hours ?? null });
const policy = { hours: 24, mode: 'calendar' as const };

/** Six events reported on 2026-11-02 (local) and one just after local midnight, with hand-worked figures. */
function fixture(): EventFact[] {
  const ev = (id: number, created: string, state: string, rating: number | null, audit: AuditStep[]) =>
    computeFact({ id, nodePath: '5101/510104/', category: 'road', state, rating, overdueAt: null, createdAt: at(created) }, audit, policy);
  return [
    // A: response 30 min; handling 01:30→11:00 = 570 min (9.5 h ≤ 24 h: on time); rated 5.
    ev(1, '2026-11-02T01:00:00Z', 'closed', 5, [
      step('report', null, 'reported', '2026-11-02T01:00:00Z'),
      step('verify', 'reported', 'accepted', '2026-11-02T01:30:00Z'),
      step('claim', 'accepted', 'in_progress', '2026-11-02T02:00:00Z'),
      step('resolve', 'in_progress', 'resolved', '2026-11-02T11:00:00Z'),
      step('close', 'resolved', 'closed', '2026-11-02T12:00:00Z'),
    ]),
    // B: response 120; handling 04:00 → next day 20:00 = 2400 min (40 h), allowed 24 + 24 h extension: on time;
    // reworked once; extended; rated 3.
    ev(2, '2026-11-02T02:00:00Z', 'closed', 3, [
      step('report', null, 'reported', '2026-11-02T02:00:00Z'),
      step('verify', 'reported', 'accepted', '2026-11-02T04:00:00Z'),
      step('claim', 'accepted', 'in_progress', '2026-11-02T05:00:00Z'),
      step('request_extension', 'in_progress', 'in_progress', '2026-11-02T05:30:00Z', 24),
      step('approve_extension', 'in_progress', 'in_progress', '2026-11-02T06:00:00Z', 24),
      step('resolve', 'in_progress', 'resolved', '2026-11-03T20:00:00Z'),
      step('rework', 'resolved', 'in_progress', '2026-11-03T21:00:00Z'),
      step('resolve', 'in_progress', 'resolved', '2026-11-03T22:00:00Z'),
      step('close', 'resolved', 'closed', '2026-11-03T23:00:00Z'),
    ]),
    // C: response 10; handling 48 h = 2880 min > 24 h: late; not rated.
    ev(3, '2026-11-02T03:00:00Z', 'closed', null, [
      step('report', null, 'reported', '2026-11-02T03:00:00Z'),
      step('verify', 'reported', 'accepted', '2026-11-02T03:10:00Z'),
      step('claim', 'accepted', 'in_progress', '2026-11-02T04:00:00Z'),
      step('resolve', 'in_progress', 'resolved', '2026-11-04T03:10:00Z'),
      step('close', 'resolved', 'closed', '2026-11-04T04:00:00Z'),
    ]),
    // D: rejected after 45 min.
    ev(4, '2026-11-02T05:00:00Z', 'rejected', null, [step('report', null, 'reported', '2026-11-02T05:00:00Z'), step('reject', 'reported', 'rejected', '2026-11-02T05:45:00Z')]),
    // E: self-handled on patrol (reported already resolved): accepted, handling 0, closed on time.
    ev(5, '2026-11-02T06:00:00Z', 'closed', null, [step('self_handle', null, 'resolved', '2026-11-02T06:00:00Z'), step('close', 'resolved', 'closed', '2026-11-02T07:00:00Z')]),
    // F: 23:59 local on the 2nd, still waiting.
    ev(6, '2026-11-02T15:59:00Z', 'reported', null, [step('report', null, 'reported', '2026-11-02T15:59:00Z')]),
    // G: 00:00 local on the 3rd.
    ev(7, '2026-11-02T16:00:00Z', 'reported', null, [step('report', null, 'reported', '2026-11-02T16:00:00Z')]),
  ];
}

describe('KPI arithmetic (hand-computed fixture)', () => {
  it('computes each event fact from its audit trail, with on-time from the SLA clock', () => {
    const [a, b, c, d, e, f, g] = fixture();
    expect([a!.responseMin, b!.responseMin, c!.responseMin, d!.responseMin, e!.responseMin]).toEqual([30, 120, 10, 45, null]);
    expect([a!.handlingMin, b!.handlingMin, c!.handlingMin, d!.handlingMin, e!.handlingMin]).toEqual([570, 2400, 2880, null, 0]);
    expect([a!.onTime, b!.onTime, c!.onTime, d!.onTime, e!.onTime]).toEqual([true, true, false, null, true]);
    expect([b!.reworked, b!.extended, a!.reworked, a!.extended]).toEqual([true, true, false, false]);
    expect([a!.accepted, d!.accepted, d!.rejected, e!.accepted, f!.accepted]).toEqual([true, false, true, true, false]);
    expect([f!.day, g!.day]).toEqual(['2026-11-02', '2026-11-03']);
  });

  it('derives 结案率, 按期结案率, 返工率, 延期率, averages, p90 and satisfaction', () => {
    const s = emptySums();
    for (const f of fixture().filter((x) => x.day === '2026-11-02')) addFact(s, f);
    expect(kpisOf(s)).toEqual({
      reported: 6,
      accepted: 4,
      rejected: 1,
      closed: 4,
      closeRate: 1,
      onTimeClosed: 3,
      onTimeRate: 0.75,
      reworked: 1,
      reworkRate: 0.25,
      extended: 1,
      extensionRate: 0.25,
      responseAvgMin: 51.3, // (30 + 120 + 10 + 45) / 4 = 51.25
      responseP90Min: 120, // rank ceil(0.9 × 4) = 4 → 120
      handlingAvgMin: 1462.5, // (570 + 2400 + 2880 + 0) / 4
      handlingP90Min: 2880,
      rated: 2,
      satisfactionAvg: 4,
      satisfactionRate: 0.5,
    });
    // 40×1 + 30×0.75 + 20×(4/5) + 10×(1 − 0.25)
    expect(bulletinScore(kpisOf(s))).toBe(86);
  });

  it('merges rollup sums exactly: the sum of parts equals the whole, histograms included', () => {
    const all = emptySums();
    const parts = [emptySums(), emptySums()];
    fixture().forEach((f, i) => {
      addFact(all, f);
      addFact(parts[i % 2]!, f);
    });
    const merged = emptySums();
    for (const p of parts) {
      const copy = emptySums();
      mergeSums(copy, p);
      // Through the text encoding a rollup row stores.
      copy.respHist = new Map();
      histDecodeInto(copy.respHist, histEncode(p.respHist));
      mergeSums(merged, copy);
    }
    expect(kpisOf(merged)).toEqual(kpisOf(all));
  });

  it('buckets durations so percentiles are exact to the documented resolution', () => {
    for (const m of [0, 1, 59, 60, 69, 70, 599, 600, 659, 660, 4319, 4320, 43199, 43200, 100000]) {
      const b = bucketOf(m);
      expect(bucketEdge(b)).toBeLessThanOrEqual(m);
      if (b < 203) expect(bucketOf(bucketEdge(b))).toBe(b);
    }
    expect([bucketEdge(bucketOf(37)), bucketEdge(bucketOf(127)), bucketEdge(bucketOf(725)), bucketEdge(bucketOf(5000))]).toEqual([37, 120, 720, 4320]);
    const h = new Map<number, number>();
    for (let i = 1; i <= 100; i++) histAdd(h, i);
    expect(histPercentile(h, 0.9)).toBe(90); // 90 → bucket 63 (90..99) → lower edge 90
    expect(histPercentile(new Map(), 0.9)).toBeNull();
  });

  it('does not score a node with no report (it used to score 96, as high as a grid with open reports)', () => {
    expect(bulletinScore(kpisOf(emptySums()))).toBeNull();
  });

  it('counts reports still waiting for verification as open work, rejected ones as settled', () => {
    const pending = { ...kpisOf(emptySums()), reported: 2 };
    expect(bulletinScore(pending)).toBe(26); // 0 + 0 + 20×0.8 + 10
    expect(bulletinScore({ ...pending, rejected: 2 })).toBe(96);
    expect(bulletinScore({ ...pending, rejected: 1 })).toBe(61); // 40×½ + 30×½ + 16 + 10
  });
});
