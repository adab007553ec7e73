import request from 'supertest';
import { REBUILDING } from '../../src/stats/refresher.service.js';
import { runCli } from '../helpers/cli.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { testDbKinds } from '../helpers/databases.js';
import { FIXTURE } from '../helpers/grid-fixture.js';
import { DAY2, recountAll, seedStatsFixture } from '../helpers/stats-fixture.js';

/** The built CLI, output to pipes (no terminal: plain progress lines). */
const run = (args: string[], env: Record<string, string>) => runCli('stats-rebuild.js', args, env);

describe.each(testDbKinds())('stats:rebuild CLI on %s', (kind) => {
  let t: TestApp;
  let city: LoggedIn;
  const dashboard = (from: string, to: string, node: string = FIXTURE.CITY) => request(t.base).get('/api/v1/stats').query({ node, from, to }).set('authorization', city.auth).expect(200);

  beforeAll(async () => {
    t = await bootTestApp(kind, { GRID_ROUTING_POLL_MS: '0', EVENT_SCAN_MS: '0', OUTBOX_WORKER: 'off' });
    await seedStatsFixture(t);
    city = await loginAs(t, { grants: [{ role: 'city_admin', nodeCode: FIXTURE.CITY }] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('rebuilds lost figures of an existing database: the dashboards equal a direct recount again', async () => {
    const before = (await dashboard('2026-01-01', '2026-12-31')).body;
    const street = (await dashboard('2026-11-02', '2026-11-04', FIXTURE.STREET)).body;
    // The stats tables lost (a restore without them): the watermark says everything was applied.
    await t.ds.query('DELETE FROM event_fact');
    await t.ds.query('DELETE FROM stats_rollup');
    expect((await dashboard('2026-01-01', '2026-12-31')).body.kpis.reported).toBe(0);

    const r = await run([], { DB_URL: t.db.url });
    expect(r.err).not.toMatch(/failed/);
    expect(r.code).toBe(0);
    // Not a terminal: plain lines, no progress-bar escape codes.
    const sorting = kind === 'mysql' ? 'stats:rebuild: sorting the facts by area and day and indexing them\n' : '';
    expect(r.err).toMatch(new RegExp(`^stats:rebuild: .+: rebuilding the figures of 8 events\n${sorting}stats:rebuild: counting patrol check-ins per grid and day\n$`));
    expect(r.err).not.toContain('\u001b[');
    expect(r.out).toMatch(/^stats:rebuild: 8 events, \d+ rollup rows, 0 patrolled grid-days in \d+\.\d s\n$/);

    const recount = await recountAll(t);
    const after = (await dashboard('2026-01-01', '2026-12-31')).body;
    expect(after.kpis).toEqual(recount.kpis);
    expect(after.kpis.reported).toBe(8);
    expect(after.kpis).toEqual(before.kpis);
    expect(after.children).toEqual(before.children);
    expect((await dashboard('2026-11-02', '2026-11-02')).body.kpis).toEqual(DAY2);
    // Below the rolled-up levels (the street's communities come from event_fact) too.
    expect((await dashboard('2026-11-02', '2026-11-04', FIXTURE.STREET)).body.children).toEqual(street.children);
    // The watermark is no longer parked: later changes reach the dashboards.
    const [st] = await t.ds.query('SELECT watermark FROM stats_state WHERE id = 1');
    expect(Number(st.watermark)).not.toBe(REBUILDING);
  });

  it('leaves event_fact as the migrations define it, also after an interrupted rebuild', async () => {
    const layout = async () =>
      kind === 'mysql'
        ? String((await t.ds.query('SHOW CREATE TABLE event_fact'))[0]['Create Table'])
        : (await t.ds.query("SELECT sql FROM sqlite_master WHERE tbl_name = 'event_fact' ORDER BY name")).map((r: { sql: string | null }) => r.sql).join('\n');
    const migrated = await layout();
    expect(migrated).toMatch(/PRIMARY KEY \(.node_path.,\s?.day.,\s?.event_id.\)/);
    const before = (await dashboard('2026-01-01', '2026-12-31')).body;
    // On MariaDB the load runs keyed by event_id without the unique index: a run that died there.
    if (kind === 'mysql') await t.ds.query('ALTER TABLE event_fact DROP INDEX uq_event_fact_event, DROP PRIMARY KEY, ADD PRIMARY KEY (event_id)');
    await t.ds.query('UPDATE stats_state SET watermark = ? WHERE id = 1', [REBUILDING]);
    const r = await run([], { DB_URL: t.db.url });
    expect([r.code, r.err]).toEqual([0, expect.not.stringMatching(/failed/)]);
    expect(await layout()).toBe(migrated);
    expect((await dashboard('2026-01-01', '2026-12-31')).body.kpis).toEqual(before.kpis);
    expect((await recountAll(t)).kpis).toEqual(before.kpis);
  });

  it('answers usage errors with exit 2 and a database it cannot open with exit 1 and one clear line', async () => {
    for (const args of [['extra'], ['--node', 'x']]) {
      const r = await run(args, { DB_URL: t.db.url });
      expect([args, r.code]).toEqual([args, 2]);
      expect(r.err).toMatch(/^stats:rebuild: unexpected .+\nusage: stats:rebuild/);
    }
    const help = await run(['--help'], { DB_URL: t.db.url });
    // asked-for help is the answer, so it goes to stdout (an error would go to stderr)
    expect([help.code, help.out, help.err]).toEqual([0, expect.stringMatching(/^usage: stats:rebuild/), '']);
    const bad = await run([], { DB_URL: 'mysql://nobody:secret-pw@127.0.0.1:1/nowhere' });
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^stats:rebuild: failed: cannot open mysql:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/nowhere: .+\n$/);
    expect(bad.err).not.toContain('secret-pw');
  });
});
