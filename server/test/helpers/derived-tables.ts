/**
 * Tables background timers write from the event and check-in tables, not changes a request made:
 * the stats refresher (src/stats/refresher.service.ts, 30 s) recounts its caches, and the open311
 * callback relay (src/open311/callbacks.ts, OPEN311_RELAY_MS) moves its watermark along
 * event_audit and records the callbacks it queued. Tests that assert "a refused request changes
 * no table" leave them out (a slow run sees a timer fire mid-check).
 */
export const REFRESHER_TABLES: ReadonlySet<string> = new Set(['event_fact', 'stats_rollup', 'stats_state', 'patrol_day', 'patrol_rollup', 'open311_relay_state', 'open311_callback']);
