import { IsNull, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { GRID_LEVELS, type GridLevel } from '@weigrid/shared';
import { generateSqlFor } from '../db/generate-sql.js';
import { num } from '../db/rows.js';
import { GridNode } from './grid-node.entity.js';
import { bumpGridTreeVersion, whereInSubtree } from './grid-tree.repo.js';
import { likeEscape } from './tree.js';

/**
 * The grids module's own SQL on grid_node / grid_tree_state: listings, search, admin edits,
 * import and export. Other modules read the tree through the GridTree port (grid-tree.repo.ts).
 * Functions take the caller's EntityManager first (a transaction's `m`, or `ds.manager`).
 */

export interface NodePageQuery {
  /** Children of this node id; null: the top nodes. Ignored when `search` is set. */
  parentId?: number | null;
  search?: { q: string; level?: GridLevel; underPath?: string };
  /** Codes strictly after this one. */
  after?: string;
  limit: number;
}

/** One page of nodes in code order (limit + 1 rows, so the caller sees whether more follow). */
export async function nodePage(m: EntityManager, q: NodePageQuery): Promise<GridNode[]> {
  let qb: SelectQueryBuilder<GridNode>;
  if (q.search) {
    const s = q.search;
    qb = m.getRepository(GridNode).createQueryBuilder('g').select(['g.id', 'g.code', 'g.name', 'g.level', 'g.path']);
    const like = likeEscape(s.q);
    if (/^\d+$/.test(s.q)) qb.where(`(g.code LIKE :pre ESCAPE '!' OR g.name LIKE :any ESCAPE '!')`, { pre: `${like}%`, any: `%${like}%` });
    else qb.where(`g.name LIKE :any ESCAPE '!'`, { any: `%${like}%` });
    if (s.level) qb.andWhere('g.level = :level', { level: s.level });
    if (s.underPath !== undefined) whereInSubtree(qb, s.underPath);
  } else {
    qb = m.getRepository(GridNode).createQueryBuilder('g').select(['g.id', 'g.code', 'g.name', 'g.level']);
    if (q.parentId !== null && q.parentId !== undefined) qb.where('g.parent_id = :pid', { pid: q.parentId });
    else qb.where('g.parent_id IS NULL');
  }
  if (q.after !== undefined) qb.andWhere('g.code > :after', { after: q.after });
  return qb.orderBy('g.code', 'ASC').take(q.limit + 1).getMany();
}

/** How many children each of these nodes has (absent: none). */
export async function childCounts(m: EntityManager, ids: readonly number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (ids.length === 0) return counts;
  const raw: { pid: number; n: string | number }[] = await m
    .getRepository(GridNode)
    .createQueryBuilder('c')
    .select('c.parent_id', 'pid')
    .addSelect('COUNT(*)', 'n')
    .where('c.parent_id IN (:...ids)', { ids })
    .groupBy('c.parent_id')
    .getRawMany();
  for (const r of raw) counts.set(num(r.pid), num(r.n));
  return counts;
}

/** The top of the tree (shallowest, then lowest code), or null when empty. */
export function rootNode(m: EntityManager): Promise<GridNode | null> {
  return m.findOne(GridNode, { where: { parentId: IsNull() }, order: { depth: 'ASC', code: 'ASC' } });
}

/** Node counts per level (levels without nodes are left out). */
export async function countsByLevel(m: EntityManager): Promise<Partial<Record<GridLevel, number>>> {
  const rows: { level: GridLevel; n: string | number }[] = await m.getRepository(GridNode).createQueryBuilder('g').select('g.level', 'level').addSelect('COUNT(*)', 'n').groupBy('g.level').getRawMany();
  const out: Partial<Record<GridLevel, number>> = {};
  for (const l of GRID_LEVELS) {
    const r = rows.find((x) => x.level === l);
    if (r) out[l] = num(r.n);
  }
  return out;
}

/** Number of direct children. */
export function childCount(m: EntityManager, id: number): Promise<number> {
  return m.count(GridNode, { where: { parentId: id } });
}

/** Code and boundary of the other bounded children of `parentId` (null: the top nodes). */
export function boundedSiblings(m: EntityManager, parentId: number | null, exceptId: number): Promise<Pick<GridNode, 'code' | 'boundary'>[]> {
  return m
    .getRepository(GridNode)
    .createQueryBuilder('g')
    .select(['g.code', 'g.boundary'])
    .where(parentId === null ? 'g.parent_id IS NULL' : 'g.parent_id = :pid', { pid: parentId })
    .andWhere('g.id <> :id AND g.boundary IS NOT NULL', { id: exceptId })
    .getMany();
}

export type NodeEdit = Pick<GridNode, 'name' | 'virtual' | 'boundary' | 'crs' | 'minLng' | 'minLat' | 'maxLng' | 'maxLat' | 'synthetic'>;

/**
 * Writes an admin edit if the node is still at `version` (optimistic lock) and marks the tree as
 * changed, in one transaction. False when someone else changed the node first.
 */
export function saveEdit(ds: DataSource, id: number, version: number, values: NodeEdit): Promise<boolean> {
  return ds.transaction(async (m) => {
    const r = await m
      .createQueryBuilder()
      .update(GridNode)
      .set({ ...values, version: () => 'version + 1', updatedAt: new Date() })
      .where('id = :id AND version = :v', { id, v: version })
      .execute();
    if (!r.affected) return false;
    await bumpGridTreeVersion(m);
    return true;
  });
}

/** Nodes by code with the columns an import compares (boundary included); unknown codes left out. */
export function nodesForImport(m: EntityManager, codes: readonly string[]): Promise<GridNode[]> {
  return m
    .getRepository(GridNode)
    .createQueryBuilder('g')
    .select(['g.id', 'g.code', 'g.level', 'g.path', 'g.parentId', 'g.name', 'g.boundary', 'g.virtual', 'g.synthetic'])
    .where('g.code IN (:...codes)', { codes })
    .getMany();
}

/** Whole nodes by code (import's write phase needs ids, paths and depths). */
export function nodesByCodes(m: EntityManager, codes: readonly string[]): Promise<GridNode[]> {
  return m.getRepository(GridNode).createQueryBuilder('g').where('g.code IN (:...codes)', { codes }).getMany();
}

/** Code and boundary of the bounded children of a stored node. */
export function boundedChildren(m: EntityManager, parentId: number): Promise<Pick<GridNode, 'code' | 'boundary'>[]> {
  return m.getRepository(GridNode).createQueryBuilder('g').select(['g.code', 'g.boundary']).where('g.parent_id = :pid AND g.boundary IS NOT NULL', { pid: parentId }).getMany();
}

export async function insertNodes(m: EntityManager, rows: Partial<GridNode>[]): Promise<void> {
  await m.insert(GridNode, rows);
}

/** An import's update of a changed node: bumps its version. */
export async function updateImportedNode(m: EntityManager, id: number, values: Partial<GridNode>, now: Date): Promise<void> {
  await m.update(GridNode, { id }, { ...values, version: () => 'version + 1', updatedAt: now });
}

/** Id and path of a node by code, or null. */
export function nodeIdPath(m: EntityManager, code: string): Promise<Pick<GridNode, 'id' | 'path'> | null> {
  return m.findOne(GridNode, { where: { code }, select: { id: true, path: true } });
}

/** The subtree under `path` (only `levels`, when given), parents first: size, then rows. */
export function subtreeForExport(m: EntityManager, path: string, levels?: readonly GridLevel[]): { count(): Promise<number>; rows(): Promise<GridNode[]> } {
  const qb = whereInSubtree(m.getRepository(GridNode).createQueryBuilder('g').where('1 = 1'), path);
  if (levels) qb.andWhere('g.level IN (:...levels)', { levels });
  return { count: () => qb.getCount(), rows: () => qb.orderBy('g.path', 'ASC').getMany() };
}

// Samples for `sql:generate` (src/queries/grids.sql): each function is called with the EntityManager first.
generateSqlFor(nodePage, { name: 'children', params: [{ parentId: 1, after: '510104017', limit: 51 }] }, { name: 'top nodes', params: [{ parentId: null, limit: 51 }] }, { name: 'search by code', params: [{ search: { q: '510104', level: 'grid', underPath: '5101/510104/' }, limit: 21 }] }, { name: 'search by name', params: [{ search: { q: '玉林' }, limit: 21 }] });
generateSqlFor(childCounts, { params: [[1, 2]] });
generateSqlFor(rootNode);
generateSqlFor(countsByLevel);
generateSqlFor(childCount, { params: [1] });
generateSqlFor(boundedSiblings, { name: 'under a parent', params: [1, 2] }, { name: 'top nodes', params: [null, 2] });
generateSqlFor(saveEdit, { params: [1, 3, { name: '玉林社区', virtual: false, boundary: null, crs: 'gcj02', minLng: null, minLat: null, maxLng: null, maxLat: null, synthetic: false }] });
generateSqlFor(nodesForImport, { params: [['510104017', '510104018']] });
generateSqlFor(nodesByCodes, { params: [['510104017', '510104018']] });
generateSqlFor(boundedChildren, { params: [1] });
generateSqlFor(insertNodes, { params: [[{ code: '510104017', name: '玉林社区', level: 'community', parentId: null, path: '5101/510104/510104017/', depth: 3, virtual: false, synthetic: false, boundary: null, crs: 'gcj02', createdAt: new Date('2026-01-15T08:00:00.000Z'), updatedAt: new Date('2026-01-15T08:00:00.000Z') }]] });
generateSqlFor(updateImportedNode, { params: [1, { name: '玉林社区' }, new Date('2026-01-15T08:00:00.000Z')] });
generateSqlFor(nodeIdPath, { params: ['510104017'] });
generateSqlFor(subtreeForExport, { params: ['5101/510104/510104017/', ['grid', 'micro']], then: (q: { count(): Promise<number>; rows(): Promise<unknown> }) => q.count().then(() => q.rows()) });
