import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { GridLevel, GridPathItem } from '@weigrid/shared';
import { GridNode } from './grid-node.entity.js';

/**
 * Tree queries on the materialized path. A subtree is one range scan of `idx_grid_node_path`:
 * every descendant's path starts with the node's path ("…/510104017/"), i.e. lies in
 * [path, path with its final "/" replaced by "0") — "/" sorts just before "0" in ASCII and in
 * MariaDB's collations, and paths hold only digits and "/". A range (not LIKE) is used because
 * SQLite cannot use an index for a case-insensitive LIKE.
 */
export function subtreeRange(path: string): [from: string, to: string] {
  return [path, `${path.slice(0, -1)}0`];
}

/** Restricts a query on alias `g` to the subtree under (and including) a node's path. */
export function whereInSubtree<T extends object>(qb: SelectQueryBuilder<T>, path: string, alias = 'g'): SelectQueryBuilder<T> {
  const [from, to] = subtreeRange(path);
  return qb.andWhere(`${alias}.path >= :subFrom AND ${alias}.path < :subTo`, { subFrom: from, subTo: to });
}

/** Codes of a node's ancestors and itself, top first, from its path. */
export function pathCodes(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** Paths of a node's ancestors and itself, top first: '5101/510104/' → ['5101/', '5101/510104/']. */
export function ancestorPaths(path: string): string[] {
  const codes = pathCodes(path);
  return codes.map((_, i) => `${codes.slice(0, i + 1).join('/')}/`);
}

/** Names for a path's codes in one indexed query; top first. */
export async function pathItems(m: EntityManager, path: string): Promise<GridPathItem[]> {
  const codes = pathCodes(path);
  if (codes.length === 0) return [];
  const rows = await m
    .getRepository(GridNode)
    .createQueryBuilder('g')
    .select(['g.code', 'g.name', 'g.level'])
    .where('g.code IN (:...codes)', { codes })
    .getMany();
  const by = new Map(rows.map((r) => [r.code, r]));
  return codes.flatMap((c) => {
    const r = by.get(c);
    return r ? [{ code: r.code, name: r.name, level: r.level as GridLevel }] : [];
  });
}

/** Escapes a user string for `LIKE … ESCAPE '!'` (the same on SQLite and MariaDB). */
export function likeEscape(s: string): string {
  return s.replace(/[!%_]/g, (c) => `!${c}`);
}
