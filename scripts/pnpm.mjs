#!/usr/bin/env node
// Runs the pinned pnpm without requiring a global install: a fresh machine only has Node and npm.
// `node scripts/pnpm.mjs <args>` behaves like `pnpm <args>`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const PNPM_VERSION = 
  // Pinned in package.json "config.pnpm" (not "packageManager": pnpm 12 then records itself in the
  // lockfile and a frozen install fails, pnpm/pnpm#14124).
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).config.pnpm;

/** Runs pnpm synchronously with inherited stdio; returns the exit code. */
export function pnpm(args, opts = {}) {
  const r = spawnSync('npx', ['--yes', `pnpm@${PNPM_VERSION}`, ...args], { stdio: 'inherit', cwd: ROOT, ...opts });
  return r.status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(pnpm(process.argv.slice(2)));
}
