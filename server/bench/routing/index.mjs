#!/usr/bin/env node
// bench/run.mjs entry for the routing benchmark: compiles src + bench (tsconfig.bench.json) and
// runs run.ts with --expose-gc so the memory figure is exact. DB_URL=mysql://… adds MariaDB.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const server = join(dirname(fileURLToPath(import.meta.url)), '../..');
const tsc = createRequire(join(server, 'package.json')).resolve('typescript/bin/tsc');
const build = spawnSync(process.execPath, [tsc, '-p', join(server, 'tsconfig.bench.json')], { stdio: 'inherit', cwd: server });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(process.execPath, ['--expose-gc', join(server, 'dist/bench/bench/routing/run.js')], { stdio: 'inherit', cwd: server });
process.exit(run.status ?? 1);
