import type { EntityManager } from 'typeorm';
import type { PatrolDay, PatrolRollup } from './stats.entities.js';
import type { GridTree } from '../grids/grid-tree.repo.js';
import type { CheckinSource } from './checkin-source.js';
import type { PatrolDaysRepo } from './patrol-days.repo.js';

/**
 * Patrol coverage figures (docs/stats.md): patrol_day holds check-ins per grid and local day,
 * patrol_rollup their sums per city, district and street and day. A year of a city is ~13 M
 * check-ins (18,000 grids, two a day); counting grid-days from those rows on every dashboard took
 * seconds, the rollup is 365 rows. Kept exact by StatsRefresher, which recounts the (grid, day)
 * pairs that new check-ins touch and applies new − old — the same scheme as event facts.
 */

/** A (grid, day) as counted: its grid's path now, and check-ins that day. */
export interface GridDayCount {
  gridId: number;
  day: string;
  gridPath: string;
  checkins: number;
}

const pairKey = (gridId: number, day: string) => `${gridId}|${day}`;

/** Grouped by grid id in pages of this many grids (a rebuild reads every check-in once). */
const GRIDS_PER_READ = 200;

/** The rollup nodes of a grid path: its city, district and street codes (`rollupKeys`). */
type RollupKeysOf = (path: string) => { code: string }[];

/** Where the figures are read from and written to: check-ins (patrols' port), the grid tree, patrol_day/patrol_rollup. */
export interface PatrolRollupStores {
  checkins: CheckinSource;
  tree: GridTree;
  days: PatrolDaysRepo;
}

/**
 * Check-ins per (grid, day) of these pairs, counted from patrol_checkin now; a pair with none left
 * is absent. The grid's path is read from the grid tree, so a moved grid counts under its new place.
 */
export async function countGridDays(st: PatrolRollupStores, pairs: { gridId: number; day: string }[]): Promise<Map<string, GridDayCount>> {
  const out = new Map<string, GridDayCount>();
  const want = new Set(pairs.map((p) => pairKey(p.gridId, p.day)));
  const grids = [...new Set(pairs.map((p) => p.gridId))];
  const days = [...new Set(pairs.map((p) => p.day))];
  for (let i = 0; i < grids.length; i += GRIDS_PER_READ) {
    const chunk = grids.slice(i, i + GRIDS_PER_READ);
    const rows = await st.checkins.countByGridDay(chunk, days);
    const pathOf = await gridPaths(st.tree, chunk);
    for (const r of rows) {
      const k = pairKey(r.gridId, r.day);
      const path = pathOf.get(r.gridId);
      if (want.has(k) && path !== undefined) out.set(k, { gridId: r.gridId, day: r.day, gridPath: path, checkins: r.checkins });
    }
  }
  return out;
}

/** Deltas per rollup node and day, keyed "code|day". */
type Deltas = Map<string, { code: string; day: string; grids: number; checkins: number }>;

function addTo(deltas: Deltas, keysOf: RollupKeysOf, c: { gridPath: string; day: string; checkins: number }, sign: 1 | -1): void {
  for (const { code } of keysOf(c.gridPath)) {
    const key = `${code}|${c.day}`;
    let d = deltas.get(key);
    if (!d) deltas.set(key, (d = { code, day: c.day, grids: 0, checkins: 0 }));
    d.grids += sign;
    d.checkins += sign * c.checkins;
  }
}

/** Inside the refresher's claiming transaction: these pairs' old counts out, new counts in, rollups moved by the difference. */
export async function applyGridDays(m: EntityManager, repo: PatrolDaysRepo, pairs: { gridId: number; day: string }[], counted: Map<string, GridDayCount>, keysOf: RollupKeysOf): Promise<void> {
  const deltas: Deltas = new Map();
  const want = new Set(pairs.map((p) => pairKey(p.gridId, p.day)));
  for (let i = 0; i < pairs.length; i += 500) {
    const chunk = pairs.slice(i, i + 500);
    const grids = [...new Set(chunk.map((p) => p.gridId))];
    const days = [...new Set(chunk.map((p) => p.day))];
    const old = (await repo.days(grids, days, m)).filter((r) => want.has(pairKey(r.gridId, r.day)));
    for (const r of old) addTo(deltas, keysOf, r, -1);
    await repo.deleteDays(old, m);
    const rows: PatrolDay[] = [];
    for (const p of chunk) {
      const c = counted.get(pairKey(p.gridId, p.day));
      if (!c) continue;
      addTo(deltas, keysOf, c, 1);
      rows.push({ gridPath: c.gridPath, day: c.day, gridId: c.gridId, checkins: c.checkins });
    }
    await repo.insertDays(rows, m);
  }
  const all = [...deltas.values()].filter((d) => d.grids !== 0 || d.checkins !== 0);
  for (let i = 0; i < all.length; i += 500) {
    const chunk = all.slice(i, i + 500);
    const codes = [...new Set(chunk.map((d) => d.code))];
    const days = [...new Set(chunk.map((d) => d.day))];
    const existing = await repo.rollups(codes, days, m);
    const have = new Map(existing.map((r) => [`${r.nodeCode}|${r.day}`, r]));
    const drop: PatrolRollup[] = [];
    const put: PatrolRollup[] = [];
    for (const d of chunk) {
      const row = have.get(`${d.code}|${d.day}`);
      if (row) drop.push(row);
      const grids = (row?.grids ?? 0) + d.grids;
      const checkins = (row?.checkins ?? 0) + d.checkins;
      if (checkins > 0) put.push({ nodeCode: d.code, day: d.day, grids, checkins });
    }
    await repo.deleteRollups(drop, m);
    await repo.insertRollups(put, m);
  }
}

/** Both tables recounted from every check-in (stats:rebuild), a page of grids at a time. */
export async function rebuildGridDays(st: PatrolRollupStores, keysOf: RollupKeysOf): Promise<{ gridDays: number; rollupRows: number }> {
  await st.days.emptyAll();
  const checked = await st.checkins.checkedGrids();
  const known = await gridPaths(st.tree, checked);
  const grids = [...known].map(([id, path]) => ({ id, path })).sort((a, b) => a.id - b.id);
  const roll: Deltas = new Map();
  let gridDays = 0;
  for (let i = 0; i < grids.length; i += GRIDS_PER_READ) {
    const chunk = grids.slice(i, i + GRIDS_PER_READ);
    const pathOf = new Map(chunk.map((g) => [Number(g.id), String(g.path)]));
    const rows = await st.checkins.countByGridDayAll(chunk.map((g) => g.id));
    const days: PatrolDay[] = rows.map((r) => ({ gridPath: pathOf.get(r.gridId)!, day: r.day, gridId: r.gridId, checkins: r.checkins }));
    for (const d of days) addTo(roll, keysOf, d, 1);
    for (let j = 0; j < days.length; j += 1000) await st.days.insertDays(days.slice(j, j + 1000));
    gridDays += days.length;
  }
  const all = [...roll.values()].map((d) => ({ nodeCode: d.code, day: d.day, grids: d.grids, checkins: d.checkins }));
  for (let i = 0; i < all.length; i += 1000) await st.days.insertRollups(all.slice(i, i + 1000));
  return { gridDays, rollupRows: all.length };
}

/** Paths of these grids (ids of unknown nodes are left out), through the GridTree port. */
async function gridPaths(tree: GridTree, ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 1000) for (const n of await tree.refsByIds(ids.slice(i, i + 1000))) out.set(n.id, n.path);
  return out;
}
