#!/usr/bin/env node
// Runs the pinned pnpm without requiring a global install: a fresh machine only has Node and npm.
// `node scripts/pnpm.mjs <args>` behaves like `pnpm <args>`.
import { spawn, spawnSync } from 'node:child_process';
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

// Lines that name a failed test: Jest's "FAIL file" and "● suite › test", node:test's "✖ test".
const FAILURE_LINE = /^\s*(FAIL\s+\S|● (?!Console)|✖ )/;
const ANSI = /\x1b\[[0-9;]*m/g;
const MAX_FAILURES = 120;
const DETAIL_LINES = 6;
// A step that cannot run here says so on one line, `<what>: SKIPPED — <reason>`, and exits 0; the
// summary then prints SKIP with the reason instead of PASS. node:test's totals ("ℹ pass 0") tell a
// step whose every test skipped from one that ran some.
const SKIP_LINE = /^\s*(\S.*?):? SKIPPED — (.+)$/;
const NODE_TEST_PASS = /^ℹ pass (\d+)$/;

/**
 * Like pnpm(), but streams the output through this process and collects the lines that name
 * failed tests, so a summary can repeat them. Resolves to
 * { code, failures, skips, passed }: `skips` are the `SKIPPED — reason` lines, `passed` the sum of
 * node:test's pass counts (null when the step printed none).
 */
export function pnpmTee(args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn('npx', ['--yes', `pnpm@${PNPM_VERSION}`, ...args], {
      stdio: ['inherit', 'pipe', 'pipe'],
      cwd: ROOT,
      ...opts,
    });
    const failures = new Set();
    const skips = new Set();
    let passed = null;
    // A jest `● test name` is followed by its error; keep its first lines so a CI log read from
    // its tail says why, not only what (a flaky failure may not come back when run again).
    let detailLeft = 0;
    const watch = (stream, out) => {
      let rest = '';
      stream.on('data', (chunk) => {
        out.write(chunk);
        const lines = (rest + chunk.toString('utf8')).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) {
          const plain = line.replace(ANSI, '').trimEnd();
          if (FAILURE_LINE.test(plain) && failures.size < MAX_FAILURES) {
            failures.add(plain.trim());
            detailLeft = /^\s*● /.test(plain) ? DETAIL_LINES : 0;
          } else if (detailLeft > 0 && plain.trim() && failures.size < MAX_FAILURES) {
            failures.add(`  ${plain.trim().slice(0, 200)}`);
            detailLeft--;
          }
          const skip = SKIP_LINE.exec(plain);
          if (skip && skips.size < MAX_FAILURES) skips.add(`${skip[1]}: ${skip[2]}`);
          const pass = NODE_TEST_PASS.exec(plain.trim());
          if (pass) passed = (passed ?? 0) + Number(pass[1]);
        }
      });
    };
    watch(child.stdout, process.stdout);
    watch(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, failures: [...failures], skips: [...skips], passed }));
    child.on('error', () => resolve({ code: 1, failures: [], skips: [], passed: null }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(pnpm(process.argv.slice(2)));
}
