import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config.js';
import { runMigrations } from './db/migrate.js';
import { redactDbUrl } from './db/options.js';

/** Fails fast with one line on stderr: wrong config and unreachable databases are not stack traces. */
function die(msg: string): never {
  process.stderr.write(`weigrid: ${msg}\n`);
  process.exit(1);
}

// Graceful shutdown: stop accepting, let in-flight requests finish (Fastify answers 503 to new
// ones while closing), run module destroy hooks (DB pool, workers), then exit 0. Whatever is stuck
// — a starved pool, a send that never answers — the process is gone 9 s after the first signal
// (a second signal: at once). Registered before anything can hang (migrations, boot).
let app: Awaited<ReturnType<typeof import('./bootstrap.js').createApp>> | undefined;
let closing = false;
function shutdown(why: string): void {
  if (closing) process.exit(1);
  closing = true;
  process.stdout.write(`weigrid: ${why}, shutting down\n`);
  setTimeout(() => {
    process.stderr.write('weigrid: shutdown took over 9 s, exiting anyway\n');
    process.exit(1);
  }, 9_000).unref();
  if (!app) process.exit(0);
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => shutdown(signal));
// Started by `npm start` (scripts/start.mjs) over an IPC channel: when that launcher dies — e.g.
// `kill <npm pid>`, which npm does not pass on to its script's children — the channel closes and
// the API goes too instead of living on as an orphan holding the port.
if (process.send) process.on('disconnect', () => shutdown('launcher exited'));

let config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) die(e.message);
  throw e;
}

try {
  const applied = await runMigrations(config.DB_URL);
  if (applied.length) process.stdout.write(`weigrid: applied ${applied.length} migration(s) to ${redactDbUrl(config.DB_URL)}\n`);
} catch (e) {
  die(`cannot open database ${redactDbUrl(config.DB_URL)}: ${(e as Error).message.split('\n')[0]}`);
}

const { createApp } = await import('./bootstrap.js');
app = await createApp(config);
try {
  await app.listen(config.PORT, config.HOST);
} catch (e) {
  die(`cannot listen on ${config.HOST}:${config.PORT}: ${(e as Error).message}`);
}
process.stdout.write(`weigrid: API on http://${config.HOST}:${config.PORT}/api/v1 (docs /api/docs), database ${redactDbUrl(config.DB_URL)}\n`);

