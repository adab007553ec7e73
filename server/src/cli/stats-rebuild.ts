#!/usr/bin/env node
/**
 * Recomputes the dashboard figures (event_fact and stats_rollup, docs/stats.md) from every event
 * and its audit trail: the first build on a database that already holds events, or a repair.
 *   DB_URL=… pnpm --filter @weigrid/server stats:rebuild
 * A progress bar on a terminal; without one (a pipe, a log file) a plain line every few seconds.
 * While it runs, a live API applies no changes to the figures (it catches up afterwards) and its
 * dashboards show a partial count; if the rebuild dies, run it again.
 * Exit codes: 0 rebuilt, 1 database error, 2 usage.
 */
import { answerHelp } from './cli-env.js';
import 'reflect-metadata';
import cliProgress from 'cli-progress';
import { AccessService } from '../access/access.service.js';
import { Staff } from '../accounts/staff.repo.js';
import { redactDbUrl } from '../db/options.js';
import { EventFeed } from '../events/event-feed.repo.js';
import { SlaService } from '../events/sla.service.js';
import { GridTree } from '../grids/grid-tree.repo.js';
import { CheckinsRepo } from '../patrols/checkins.repo.js';
import { PatrolDaysRepo } from '../stats/patrol-days.repo.js';
import { StatsRefresher, type RebuildPhase } from '../stats/refresher.service.js';
import { StatsRepo } from '../stats/stats.repo.js';
import { cliDbUrl, openCliDataSource, parseArgs } from './cli-common.js';

const USAGE = 'usage: stats:rebuild   (the database is DB_URL, default npm start’s server/.data/weigrid.sqlite)';
answerHelp(USAGE);
/** Without a terminal: at most one progress line this often. */
const PLAIN_EVERY_MS = 5000;

const { args, flags } = parseArgs(process.argv.slice(2), ['help']);
const unknown = Object.keys(flags).filter((k) => k !== 'help');
if (flags.help || args.length > 0 || unknown.length > 0) {
  if (!flags.help) process.stderr.write(`stats:rebuild: unexpected ${args.length ? `argument ${args[0]}` : `option --${unknown[0]}`}\n`);
  process.stderr.write(`${USAGE}\n`);
  process.exit(flags.help ? 0 : 2);
}

const url = cliDbUrl();
/** Steps after the events, each one pass with no count to show. */
const PHASES: Record<RebuildPhase, string> = {
  'indexing facts': 'sorting the facts by area and day and indexing them',
  'counting patrols': 'counting patrol check-ins per grid and day',
};
const out = (line: string) => process.stderr.write(`stats:rebuild: ${line}\n`);
let code = 0;
let bar: cliProgress.SingleBar | null = null;
let started = false;
try {
  let ds;
  try {
    ds = await openCliDataSource(url);
  } catch (e) {
    throw new Error(`cannot open ${redactDbUrl(url)}: ${(e as Error).message.split('\n')[0]}`);
  }
  try {
    // The refresher reads SLA policies and the work calendar only; no API, no timers.
    const events = new EventFeed(ds);
    const refresher = new StatsRefresher(ds, new SlaService(ds, new AccessService(new Staff(ds))), new StatsRepo(ds), events, new PatrolDaysRepo(ds), new CheckinsRepo(ds), new GridTree(ds));
    const total = await events.count();
    out(`${redactDbUrl(url)}: rebuilding the figures of ${total.toLocaleString('en-US')} events`);
    const t0 = Date.now();
    started = true;
    let lastLine = t0;
    if (process.stderr.isTTY) {
      bar = new cliProgress.SingleBar({ format: 'events [{bar}] {percentage}% {value}/{total} eta {eta_formatted}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
      bar.start(total, 0);
    }
    const r = await refresher.rebuild((done) => {
      // Events reported while it runs are rebuilt too: the total grows with them.
      if (bar) {
        if (done > total) bar.setTotal(done);
        bar.update(done);
      } else if (Date.now() - lastLine >= PLAIN_EVERY_MS) {
        lastLine = Date.now();
        out(`${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} events (${total ? Math.min(100, Math.floor((done / total) * 100)) : 100} %)`);
      }
    }, (phase) => {
      bar?.stop();
      bar = null;
      out(PHASES[phase]);
    });
    bar?.stop();
    bar = null;
    process.stdout.write(`stats:rebuild: ${r.events} events, ${r.rollupRows} rollup rows, ${r.patrolGridDays} patrolled grid-days in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  } finally {
    await ds.destroy();
  }
} catch (e) {
  bar?.stop();
  out(`failed: ${(e as Error).message.split('\n')[0]}`);
  if (started) out('the dashboards stay incomplete until a rebuild completes: fix the cause and run stats:rebuild again');
  code = 1;
}
process.exit(code);
