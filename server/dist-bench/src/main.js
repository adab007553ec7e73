import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config.js';
import { runMigrations } from './db/migrate.js';
import { redactDbUrl } from './db/options.js';
/** Fails fast with one line on stderr: wrong config and unreachable databases are not stack traces. */
function die(msg) {
    process.stderr.write(`weigrid: ${msg}\n`);
    process.exit(1);
}
let config;
try {
    config = loadConfig();
}
catch (e) {
    if (e instanceof ConfigError)
        die(e.message);
    throw e;
}
try {
    const applied = await runMigrations(config.DB_URL);
    if (applied.length)
        process.stdout.write(`weigrid: applied ${applied.length} migration(s) to ${redactDbUrl(config.DB_URL)}\n`);
}
catch (e) {
    die(`cannot open database ${redactDbUrl(config.DB_URL)}: ${e.message.split('\n')[0]}`);
}
const { createApp } = await import('./bootstrap.js');
const app = await createApp(config);
try {
    await app.listen(config.PORT, config.HOST);
}
catch (e) {
    die(`cannot listen on ${config.HOST}:${config.PORT}: ${e.message}`);
}
process.stdout.write(`weigrid: API on http://${config.HOST}:${config.PORT}/api/v1 (docs /api/docs), database ${redactDbUrl(config.DB_URL)}\n`);
// Graceful shutdown: stop accepting, let in-flight requests finish (Fastify answers 503 to new
// ones while closing), run module destroy hooks (DB pool, workers), then exit 0. A second signal
// or a stuck close after 10 s exits at once.
let closing = false;
for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => {
        if (closing)
            process.exit(1);
        closing = true;
        setTimeout(() => process.exit(1), 10_000).unref();
        app.close().then(() => process.exit(0), () => process.exit(1));
    });
}
//# sourceMappingURL=main.js.map