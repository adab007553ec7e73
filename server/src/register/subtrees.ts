import { subtreeWhere } from '../grids/grid-tree.repo.js';

/**
 * `(col in subtree p0 OR col in subtree p1 …)` with named parameters, for a caller's scope (one
 * path per grant): the range form of GridTree.subtreeWhere, so each branch is an index range scan
 * on both engines. Used by the register, care and volunteers repositories on their grid_path
 * columns. `key` keeps the parameter names apart when a query has two such conditions.
 */
export function inSubtrees(column: string, paths: readonly string[], key = 'scope'): { sql: string; params: Record<string, string> } {
  if (paths.length === 0) throw new Error('inSubtrees: empty scope');
  const params: Record<string, string> = {};
  const parts = paths.map((p, i) => {
    const w = subtreeWhere(column, p, `${key}${i}`);
    Object.assign(params, w.params);
    return w.sql;
  });
  return { sql: `(${parts.join(' OR ')})`, params };
}
