#!/usr/bin/env node
// The load generator of bench/intake, run as its own process so it does not share an event loop
// with the server: autocannon posting valid reports, each with a fresh requestId, round-robin over
// the logged-in residents and the micro-grid points. Reads its plan (JSON) from argv[2]; prints
// one JSON line with autocannon's figures.
//
// `acked` counts requestIds answered 201. autocannon drops the requests in flight when the time
// is up; like the mini-program's queue, the generator then retries those with the same requestId
// until they are acknowledged (idempotent), so acked can be compared with the rows written.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { url, tokens, points, categories, connections, duration, tag } = plan;
let seq = 0;
let acked = 0;
/** requestId → body of every report sent and not yet acknowledged. */
const outstanding = new Map();
const run = autocannon({
  url: `${url}/api/v1/events`,
  connections,
  duration,
  // Every request is a new report: a new requestId, a resident and a place.
  requests: [
    {
      method: 'POST',
      setupRequest: (req, context) => {
        const n = seq++;
        const p = points[n % points.length];
        const requestId = `${tag}-${n.toString(36).padStart(8, '0')}`;
        const headers = { 'content-type': 'application/json', authorization: `Bearer ${tokens[n % tokens.length]}` };
        const body = JSON.stringify({ requestId, category: categories[n % categories.length], description: `小区门口井盖缺失，夜里容易绊倒 #${n}`, location: p });
        // One request in flight per connection: the context names the request being answered.
        context.requestId = requestId;
        outstanding.set(requestId, { headers, body });
        req.headers = headers;
        req.body = body;
        return req;
      },
      onResponse: (status, _body, context) => {
        if (status === 201 && outstanding.delete(context.requestId)) acked++;
      },
    },
  ],
});
run.on('done', async (r) => {
  let retried = 0;
  for (const [requestId, { headers, body }] of outstanding) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const res = await fetch(`${url}/api/v1/events`, { method: 'POST', headers, body });
      await res.arrayBuffer();
      if (res.status === 201) {
        outstanding.delete(requestId);
        acked++;
        retried++;
        break;
      }
    }
  }
  process.stdout.write(
    JSON.stringify({
      reqPerSec: r.requests.average,
      p50Ms: r.latency.p50,
      p90Ms: r.latency.p90,
      p99Ms: r.latency.p99,
      maxMs: r.latency.max,
      ok2xx: r['2xx'],
      acked,
      retriedAfterRun: retried,
      unacked: outstanding.size,
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      sent: seq,
      statusCodes: r.statusCodeStats,
      cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
    }) + '\n',
  );
});
