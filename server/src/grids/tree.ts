/**
 * Tree queries on the materialized path. A subtree is one range scan of `idx_grid_node_path`:
 * every descendant's path starts with the node's path ("…/510104017/"), i.e. lies in
 * [path, path with its final "/" replaced by "0") — "/" sorts just before "0" in ASCII and in
 * MariaDB's collations, and paths hold only digits and "/". A range (not LIKE) is used because
 * SQLite cannot use an index for a case-insensitive LIKE. The SQL forms are subtreeSql /
 * subtreeWhere (db/subtree.ts, exported by grid-tree.repo.ts with the GridTree port).
 */
export { subtreeRange } from '../db/subtree.js';

/** Codes of a node's ancestors and itself, top first, from its path. */
export function pathCodes(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** Paths of a node's ancestors and itself, top first: '5101/510104/' → ['5101/', '5101/510104/']. */
export function ancestorPaths(path: string): string[] {
  const codes = pathCodes(path);
  return codes.map((_, i) => `${codes.slice(0, i + 1).join('/')}/`);
}

/** Escapes a user string for `LIKE … ESCAPE '!'` (the same on SQLite and MariaDB). */
export function likeEscape(s: string): string {
  return s.replace(/[!%_]/g, (c) => `!${c}`);
}
