import type { DataSource } from 'typeorm';
import { normalizePhone, checkIdNumber } from '@weigrid/shared';
import { AppError } from '../common/app-error.js';
import { GridTree } from '../grids/grid-tree.repo.js';
import { PeopleRepo, searchOrder, type PersonFilter, type PersonHit } from './people.repo.js';
import type { PiiCipher } from './pii-cipher.js';

export { escapeLike, type PersonHit } from './people.repo.js';

export interface PersonSearch {
  /** Subtrees the caller may see (grid paths); at least one. */
  scope: string[];
  /** Name prefix (e.g. 张 or 张小). */
  name?: string;
  /** Exact phone number (any common formatting). */
  phone?: string;
  /** Exact ID number. */
  idNumber?: string;
  tag?: string;
  limit: number;
  cursor?: string;
}

function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function decodeCursor(c: string | undefined, shape: ('s' | 'n')[]): (string | number)[] | null {
  if (!c) return null;
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === shape.length && v.every((x, i) => (shape[i] === 's' ? typeof x === 'string' : Number.isInteger(x)))) return v as (string | number)[];
  } catch {
    /* fall through */
  }
  throw new AppError('VALIDATION_FAILED', 'cursor is not valid', { fields: { cursor: 'not a cursor from this endpoint' } });
}

/** At most this many id runs in a name search's scope filter; beyond it runs are merged (a superset). */
const MAX_RUNS = 200;
/** How long a scope's id runs are reused. Never wrong when older (see scopeRuns); only less tight. */
const RUNS_TTL_MS = 60_000;

/** Sorted ids → disjoint [lo, hi] runs of consecutive ids, merged across the smallest gaps down to `max` runs. */
export function idRuns(sorted: number[], max = MAX_RUNS): [number, number][] {
  const runs: [number, number][] = [];
  for (const id of sorted) {
    const last = runs[runs.length - 1];
    if (last && id <= last[1] + 1) last[1] = Math.max(last[1], id);
    else runs.push([id, id]);
  }
  if (runs.length <= max) return runs;
  // Split only at the max - 1 widest gaps; ids bridged over the others are filtered by grid_path later.
  const splits = new Set(
    runs
      .slice(1)
      .map((r, i) => ({ i: i + 1, gap: r[0] - runs[i]![1] }))
      .sort((x, y) => y.gap - x.gap)
      .slice(0, max - 1)
      .map((g) => g.i),
  );
  const merged: [number, number][] = [[...runs[0]!]];
  for (let i = 1; i < runs.length; i++) {
    if (splits.has(i)) merged.push([...runs[i]!]);
    else merged[merged.length - 1]![1] = runs[i]![1];
  }
  return merged;
}

/**
 * The register's searches, each one index range scan (PeopleRepo.search has the SQL):
 * name prefix → (name, grid_node_id, id) in index order; phone / ID → keyed-hash index; tag → (tag, grid_path, person_id);
 * no filter → (grid_path). Keyset pagination, so page 1,000 costs what page 1 costs.
 */
export class PersonSearcher {
  private readonly runsCache = new Map<string, { at: number; runs: [number, number][] }>();
  private readonly people: PeopleRepo;
  private readonly tree: GridTree;

  constructor(
    ds: DataSource,
    private readonly cipher: PiiCipher,
  ) {
    this.people = new PeopleRepo(ds);
    this.tree = new GridTree(ds);
  }

  /**
   * The grid node ids under the scope, as a few runs of consecutive ids (a district's nodes are
   * usually created together: one run), plus every id created after the runs were read — so a
   * cached answer can include nodes outside the scope, never miss one inside it (nodes do not move:
   * a code encodes its parent). The exact grid_path condition then removes the extras, which is why
   * the runs may be cached without watching the tree's version.
   */
  private async scopeRuns(scope: string[]): Promise<[number, number][]> {
    const key = scope.join('\n');
    const hit = this.runsCache.get(key);
    if (hit && performance.now() - hit.at < RUNS_TTL_MS) return hit.runs;
    const ids = await this.tree.idsInSubtrees(scope);
    const maxId = await this.tree.maxId();
    const runs = idRuns(ids, MAX_RUNS - 1);
    runs.push([maxId + 1, 2 ** 31 - 1]);
    if (this.runsCache.size >= 1000) this.runsCache.clear();
    this.runsCache.set(key, { at: performance.now(), runs });
    return runs;
  }

  async search(s: PersonSearch): Promise<{ items: PersonHit[]; nextCursor: string | null }> {
    if (s.scope.length === 0) throw new Error('empty scope');
    let filter: PersonFilter;
    if (s.phone !== undefined) {
      const n = normalizePhone(s.phone);
      if (!n) throw new AppError('VALIDATION_FAILED', 'phone is not a phone number', { fields: { phone: 'not a phone number' } });
      filter = { by: 'phone', hashes: this.cipher.lookupHashes('person.phone', n) };
    } else if (s.idNumber !== undefined) {
      const c = checkIdNumber(s.idNumber);
      if (!c.ok) throw new AppError('VALIDATION_FAILED', `idNumber: ${c.reason}`, { fields: { idNumber: c.reason } });
      filter = { by: 'idNumber', hashes: this.cipher.lookupHashes('person.id_number', c.info.value) };
    } else if (s.tag !== undefined) {
      filter = { by: 'tag', tag: s.tag };
    } else if (s.name !== undefined && s.name !== '') {
      filter = { by: 'name', prefix: s.name };
    } else {
      filter = { by: 'all' };
    }
    const order = searchOrder(filter);
    // A name search checks the scope inside the name index by grid node id runs (see PeopleRepo.search):
    // ordering by (name, id) made MariaDB sort every match of the prefix first (~70,000 rows for 王 in
    // a district of 1,000,000, p95 107 ms).
    const after = decodeCursor(s.cursor, order === 'name' ? ['s', 'n', 'n'] : ['s', 'n']);
    const nodeRuns = order === 'name' ? await this.scopeRuns(s.scope) : undefined;
    const rows = await this.people.search({ filter, scope: s.scope, nodeRuns, after, limit: s.limit });
    const more = rows.length > s.limit;
    const items = more ? rows.slice(0, s.limit) : rows;
    const last = items[items.length - 1];
    const nextCursor = more && last ? encodeCursor(order === 'name' ? [last.name, last.gridNodeId, last.id] : [last.gridPath, last.id]) : null;
    return { items, nextCursor };
  }
}
