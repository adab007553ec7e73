/**
 * The one subtree predicate on a materialized path ("…/510104017/"), used by the GridTree port
 * (grids/grid-tree.repo.ts re-exports it; that is where the other modules find it) and by
 * AccessService.scopeWhere. It lives here, below every module, because access may not import grids
 * (grids asks access for its decisions).
 *
 * A subtree is one range scan of a path index: every descendant's path starts with the node's path,
 * i.e. lies in [path, path with its final "/" replaced by "0") — "/" sorts just before "0" in ASCII
 * and in MariaDB's collations, and paths hold only digits and "/". Not `LIKE 'p%'`: SQLite cannot
 * use an index for a (case-insensitive) LIKE; on MariaDB both give the same range scan
 * (bench/subtree/explain.mjs prints the plans). Not SUBSTR, which no engine can.
 */
export function subtreeRange(path: string): [from: string, to: string] {
  return [path, `${path.slice(0, -1)}0`];
}

/** `column` lies in the subtree under `path` (itself included), with positional parameters for raw SQL. */
export function subtreeSql(column: string, path: string): { sql: string; params: [string, string] } {
  const [from, to] = subtreeRange(path);
  return { sql: `(${column} >= ? AND ${column} < ?)`, params: [from, to] };
}

/** `subtreeSql` with named parameters (`:<key>_f`, `:<key>_t`), for query builders. */
export function subtreeWhere(column: string, path: string, key = 'sub'): { sql: string; params: Record<string, string> } {
  const [from, to] = subtreeRange(path);
  return { sql: `(${column} >= :${key}_f AND ${column} < :${key}_t)`, params: { [`${key}_f`]: from, [`${key}_t`]: to } };
}
