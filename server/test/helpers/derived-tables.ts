/**
 * Tables the stats refresher (src/stats/refresher.service.ts) recounts on its 30 s timer from the
 * event and check-in tables: caches, not changes a request made. Tests that assert "a refused
 * request changes no table" leave them out (a slow run sees the timer fire mid-check).
 */
export const REFRESHER_TABLES: ReadonlySet<string> = new Set(['event_fact', 'stats_rollup', 'stats_state', 'patrol_day', 'patrol_rollup']);
