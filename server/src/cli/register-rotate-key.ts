#!/usr/bin/env node
/**
 * Rewrites every person's phone and ID number (ciphertext and keyed hash) under PII_KEY, reading
 * what was written under PII_KEY_PREVIOUS (docs/privacy.md, "Rotating the key"). Run it with the
 * API's configuration while the API runs with both keys; it is idempotent and resumable (people
 * already under PII_KEY are skipped), so after an interruption run it again.
 *   PII_KEY=<new> PII_KEY_PREVIOUS=<old> DB_URL=… JWT_SECRET=… pnpm --filter @weigrid/server register:rotate-key [--batch N]
 * Exit codes: 0 everyone is under PII_KEY, 1 some people could not be rewritten (listed) or database error, 2 usage.
 */
import { answerHelp } from './cli-env.js';
import 'reflect-metadata';
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig } from '../config/config.js';
import { redactDbUrl } from '../db/options.js';
import { PiiCipher } from '../register/pii-cipher.js';
import { rotatePiiKey } from '../register/rotate-key.js';
import { rotateOpen311Contacts } from '../open311/rotate-contacts.js';
import { openCliDataSource, parseArgs } from './cli-common.js';

const USAGE = 'usage: register:rotate-key [--batch N]   (PII_KEY = new key, PII_KEY_PREVIOUS = old key)';
answerHelp(USAGE);
const { args, flags } = parseArgs(process.argv.slice(2), ['help']);
const batch = flags.batch === undefined ? 1000 : Number(flags.batch);
if (flags.help || args.length !== 0 || !Number.isInteger(batch) || batch < 1 || batch > 10_000) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(flags.help ? 0 : 2);
}

const die = (msg: string): never => {
  process.stderr.write(`register:rotate-key: ${msg}\n`);
  process.exit(1);
};
let cipher: PiiCipher;
let url: string;
try {
  const cfg = loadConfig();
  cipher = PiiCipher.fromConfig(cfg);
  url = cfg.DB_URL;
} catch (e) {
  die(e instanceof ConfigError ? e.message : (e as Error).message);
}

// On a terminal only: a bar redrawn on stderr; a log or a pipe gets the summary line alone.
const bar = new cliProgress.SingleBar({ format: 'rotating [{bar}] {value}/{total} people', stream: process.stderr, hideCursor: true, noTTYOutput: false }, cliProgress.Presets.shades_classic);
let started = false;
let code = 0;
try {
  const ds = await openCliDataSource(url!);
  try {
    // The contacts of externally filed cases (Open311 requesters, 12345 callers) are under the same key.
    const c = await rotateOpen311Contacts(ds, cipher!, batch);
    process.stdout.write(`register:rotate-key: ${c.rewritten + c.current + c.unreadable.length} external contacts, ${c.rewritten} rewritten, ${c.current} already current\n`);
    if (c.unreadable.length) {
      process.stderr.write(`register:rotate-key: ${c.unreadable.length} external contacts made with neither PII_KEY nor PII_KEY_PREVIOUS, left as they are: event ${c.unreadable.slice(0, 20).join(', ')}\n`);
      code = 1;
    }
    const r = await rotatePiiKey(ds, cipher!, {
      batchSize: batch,
      onProgress: (done, total) => {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.setTotal(total);
        bar.update(done);
      },
    });
    if (started) bar.stop();
    process.stdout.write(`register:rotate-key: ${redactDbUrl(url!)}: key ${cipher!.keyId}: ${r.scanned} people, ${r.rewritten} rewritten, ${r.current} already current\n`);
    const list = (ids: number[]) => ids.slice(0, 20).join(', ') + (ids.length > 20 ? ` … (${ids.length})` : '');
    if (r.unreadable.length) process.stderr.write(`register:rotate-key: ${r.unreadable.length} made with neither PII_KEY nor PII_KEY_PREVIOUS, left as they are: person ${list(r.unreadable)}\n`);
    if (r.conflicts.length) process.stderr.write(`register:rotate-key: ${r.conflicts.length} whose ID number another person already has under the new key (duplicate records; merge them, then run again): person ${list(r.conflicts)}\n`);
    if (r.busy.length) process.stderr.write(`register:rotate-key: ${r.busy.length} changed while being rewritten; run again: person ${list(r.busy)}\n`);
    if (r.unreadable.length || r.conflicts.length || r.busy.length) code = 1;
  } finally {
    await ds.destroy();
  }
} catch (e) {
  if (started) bar.stop();
  process.stderr.write(`register:rotate-key: ${(e as Error).message.split('\n')[0]}\n`);
  code = 1;
}
process.exit(code);
