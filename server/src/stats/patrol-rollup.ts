import type { DataSource, EntityManager } from 'typeorm';
import { PatrolDay, PatrolRollup } from './stats.entities.js';
import { GridTree } from '../grids/grid-tree.repo.js';

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

/**
 * Check-ins per (grid, day) of these pairs, counted from patrol_checkin now; a pair with none left
 * is absent. The grid's path is read from the grid tree, so a moved grid counts under its new place.
 */
export async function countGridDays(ds: DataSource | EntityManager, pairs: { gridId: number; day: string }[]): Promise<Map<string, GridDayCount>> {
  const out = new Map<string, GridDayCount>();
  const want = new Set(pairs.map((p) => pairKey(p.gridId, p.day)));
  const grids = [...new Set(pairs.map((p) => p.gridId))];
  const days = [...new Set(pairs.map((p) => p.day))];
  for (let i = 0; i < grids.length; i += GRIDS_PER_READ) {
    const chunk = grids.slice(i, i + GRIDS_PER_READ);
    const rows: { grid_id: number; day: string; n: number }[] = await ds.query(
      `SELECT c.grid_id, c.day, COUNT(*) AS n FROM patrol_checkin c
       WHERE c.grid_id IN (${chunk.map(() => '?').join(',')}) AND c.day IN (${days.map(() => '?').join(',')})
       GROUP BY c.grid_id, c.day`,
      [...chunk, ...days],
    );
    const pathOf = await gridPaths(ds, chunk);
    for (const r of rows) {
      const k = pairKey(Number(r.grid_id), String(r.day));
      const path = pathOf.get(Number(r.grid_id));
      if (want.has(k) && path !== undefined) out.set(k, { gridId: Number(r.grid_id), day: String(r.day), gridPath: path, checkins: Number(r.n) });
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
export async function applyGridDays(m: EntityManager, pairs: { gridId: number; day: string }[], counted: Map<string, GridDayCount>, keysOf: RollupKeysOf): Promise<void> {
  const deltas: Deltas = new Map();
  const want = new Set(pairs.map((p) => pairKey(p.gridId, p.day)));
  for (let i = 0; i < pairs.length; i += 500) {
    const chunk = pairs.slice(i, i + 500);
    const grids = [...new Set(chunk.map((p) => p.gridId))];
    const days = [...new Set(chunk.map((p) => p.day))];
    const old: { grid_id: number; day: string; grid_path: string; checkins: number }[] = (
      await m.query(`SELECT grid_id, day, grid_path, checkins FROM patrol_day WHERE grid_id IN (${grids.map(() => '?').join(',')}) AND day IN (${days.map(() => '?').join(',')})`, [...grids, ...days])
    ).filter((r: { grid_id: number; day: string }) => want.has(pairKey(Number(r.grid_id), String(r.day))));
    for (const r of old) addTo(deltas, keysOf, { gridPath: String(r.grid_path), day: String(r.day), checkins: Number(r.checkins) }, -1);
    if (old.length) await m.query(`DELETE FROM patrol_day WHERE ${old.map(() => '(grid_id = ? AND day = ?)').join(' OR ')}`, old.flatMap((r) => [Number(r.grid_id), String(r.day)]));
    const rows: PatrolDay[] = [];
    for (const p of chunk) {
      const c = counted.get(pairKey(p.gridId, p.day));
      if (!c) continue;
      addTo(deltas, keysOf, c, 1);
      rows.push({ gridPath: c.gridPath, day: c.day, gridId: c.gridId, checkins: c.checkins });
    }
    if (rows.length) await m.createQueryBuilder().insert().into(PatrolDay).values(rows).updateEntity(false).execute();
  }
  const all = [...deltas.values()].filter((d) => d.grids !== 0 || d.checkins !== 0);
  for (let i = 0; i < all.length; i += 500) {
    const chunk = all.slice(i, i + 500);
    const codes = [...new Set(chunk.map((d) => d.code))];
    const days = [...new Set(chunk.map((d) => d.day))];
    const existing: { node_code: string; day: string; grids: number; checkins: number }[] = await m.query(
      `SELECT node_code, day, grids, checkins FROM patrol_rollup WHERE node_code IN (${codes.map(() => '?').join(',')}) AND day IN (${days.map(() => '?').join(',')})`,
      [...codes, ...days],
    );
    const have = new Map(existing.map((r) => [`${String(r.node_code)}|${String(r.day)}`, r]));
    const drop: { node_code: string; day: string }[] = [];
    const put: PatrolRollup[] = [];
    for (const d of chunk) {
      const row = have.get(`${d.code}|${d.day}`);
      if (row) drop.push(row);
      const grids = Number(row?.grids ?? 0) + d.grids;
      const checkins = Number(row?.checkins ?? 0) + d.checkins;
      if (checkins > 0) put.push({ nodeCode: d.code, day: d.day, grids, checkins });
    }
    if (drop.length) await m.query(`DELETE FROM patrol_rollup WHERE ${drop.map(() => '(node_code = ? AND day = ?)').join(' OR ')}`, drop.flatMap((r) => [String(r.node_code), String(r.day)]));
    if (put.length) await m.createQueryBuilder().insert().into(PatrolRollup).values(put).updateEntity(false).execute();
  }
}

/** Both tables recounted from every check-in (stats:rebuild), a page of grids at a time. */
export async function rebuildGridDays(ds: DataSource, keysOf: RollupKeysOf, mysql: boolean): Promise<{ gridDays: number; rollupRows: number }> {
  await ds.query(mysql ? 'TRUNCATE TABLE patrol_day' : 'DELETE FROM patrol_day');
  await ds.query(mysql ? 'TRUNCATE TABLE patrol_rollup' : 'DELETE FROM patrol_rollup');
  const checked: number[] = (await ds.query('SELECT DISTINCT grid_id FROM patrol_checkin')).map((r: { grid_id: number | string }) => Number(r.grid_id));
  const known = await gridPaths(ds, checked);
  const grids = [...known].map(([id, path]) => ({ id, path })).sort((a, b) => a.id - b.id);
  const roll: Deltas = new Map();
  let gridDays = 0;
  for (let i = 0; i < grids.length; i += GRIDS_PER_READ) {
    const chunk = grids.slice(i, i + GRIDS_PER_READ);
    const pathOf = new Map(chunk.map((g) => [Number(g.id), String(g.path)]));
    const rows: { grid_id: number; day: string; n: number }[] = await ds.query(
      `SELECT grid_id, day, COUNT(*) AS n FROM patrol_checkin WHERE grid_id IN (${chunk.map(() => '?').join(',')}) GROUP BY grid_id, day`,
      chunk.map((g) => Number(g.id)),
    );
    const days: PatrolDay[] = rows.map((r) => ({ gridPath: pathOf.get(Number(r.grid_id))!, day: String(r.day), gridId: Number(r.grid_id), checkins: Number(r.n) }));
    for (const d of days) addTo(roll, keysOf, d, 1);
    for (let j = 0; j < days.length; j += 1000) await ds.createQueryBuilder().insert().into(PatrolDay).values(days.slice(j, j + 1000)).updateEntity(false).execute();
    gridDays += days.length;
  }
  const all = [...roll.values()].map((d) => ({ nodeCode: d.code, day: d.day, grids: d.grids, checkins: d.checkins }));
  for (let i = 0; i < all.length; i += 1000) await ds.createQueryBuilder().insert().into(PatrolRollup).values(all.slice(i, i + 1000)).updateEntity(false).execute();
  return { gridDays, rollupRows: all.length };
}

/** Paths of these grids (ids of unknown nodes are left out), through the GridTree port. */
async function gridPaths(q: DataSource | EntityManager, ids: readonly number[]): Promise<Map<number, string>> {
  const m = 'manager' in q ? q.manager : q;
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 1000) for (const n of await new GridTree(m.connection).refsByIds(ids.slice(i, i + 1000), m)) out.set(n.id, n.path);
  return out;
}
