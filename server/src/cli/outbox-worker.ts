#!/usr/bin/env node
/**
 * Runs the outbox worker as its own process (scale it separately from the API, or run the API
 * with OUTBOX_WORKER=off). Same configuration as the API; any number may run at once.
 *   DB_URL=… JWT_SECRET=… node dist/cli/outbox-worker.js          # run until SIGTERM
 *   … node dist/cli/outbox-worker.js --drain                      # send what is due, then exit
 * It does not run migrations: start the API (or a migration) first.
 */
import { answerHelp } from './cli-env.js';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig, type AppConfig } from '../config/config.js';
import { redactDbUrl } from '../db/options.js';
import { AppModule } from '../app.module.js';
import { OutboxWorkerService } from '../outbox/outbox-worker.service.js';

answerHelp('usage: outbox-worker [--drain]   sends queued pushes until SIGTERM (--drain: what is due, then exit).\n  configuration as the API (DB_URL default npm start\'s server/.data/weigrid.sqlite, JWT_SECRET, WECHAT_*)');

function die(msg: string): never {
  process.stderr.write(`outbox-worker: ${msg}\n`);
  process.exit(1);
}

const drain = process.argv.includes('--drain');
let config: AppConfig;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) die(e.message);
  throw e;
}
// The worker started by the module is the one we want, except in drain mode where we drive it.
config.OUTBOX_WORKER = drain ? 'off' : 'on';

let app;
try {
  app = await NestFactory.createApplicationContext(AppModule.register(config), { bufferLogs: true, abortOnError: false });
} catch (e) {
  die(`cannot start against ${redactDbUrl(config.DB_URL)}: ${(e as Error).message.split('\n')[0]}`);
}
app.useLogger(app.get(Logger));
const svc = app.get(OutboxWorkerService);
process.stdout.write(`outbox-worker: ${svc.worker.id} on ${redactDbUrl(config.DB_URL)}${drain ? ' (drain)' : ''}\n`);

if (drain) {
  try {
    await svc.worker.drain();
  } catch (e) {
    await app.close();
    die((e as Error).message.split('\n')[0]!);
  }
  const c = svc.worker.counters;
  process.stdout.write(`outbox-worker: drained: ${c.sent} sent, ${c.skipped} skipped, ${c.retried} to retry, ${c.dead} dead\n`);
  await app.close();
  process.exit(0);
}

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) process.exit(1);
    closing = true;
    setTimeout(() => process.exit(1), config.OUTBOX_SEND_TIMEOUT_MS + 5000).unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
