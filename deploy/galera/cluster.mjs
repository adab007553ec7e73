#!/usr/bin/env node
// A 3-node MariaDB Galera cluster on this machine, from Debian's packages only (`mariadb-server`,
// `galera-4`, `rsync` for SST): each node has its own datadir, SQL port and wsrep ports, all on
// 127.0.0.1. Used by the HA tests and bench (bench/ha) and by operators trying the HA setup.
//
//   node deploy/galera/cluster.mjs start   [--dir D] [--base-port 3311]   bootstrap (or restart) all three
//   node deploy/galera/cluster.mjs stop    [--dir D]                      stop them by pid
//   node deploy/galera/cluster.mjs status  [--dir D]                      wsrep state of each node
//   node deploy/galera/cluster.mjs kill N | restart N  [--dir D]          kill -9 node N (1–3) / start it again (rejoins by IST)
//
// Node n (1-based) listens for SQL on base-port+n-1 (3311–3313) and uses wsrep ports 4567+10(n-1)
// (group communication), +1 (IST), +2 (SST). root has an empty password on 127.0.0.1, as on the
// single MariaDB the tests use.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, chownSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { userInfo } from 'node:os';

const args = process.argv.slice(2);
const cmd = args[0];
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const DIR = resolve(opt('dir', process.env.GALERA_DIR ?? '/tmp/weigrid-galera'));
const BASE = Number(opt('base-port', process.env.GALERA_BASE_PORT ?? 3311));
const NODES = [1, 2, 3];
const sqlPort = (n) => BASE + n - 1;
const gcommPort = (n) => 4567 + 10 * (n - 1);
const HELP = readFileSync(new URL(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n');

if (!cmd || cmd === '--help' || cmd === '-h' || !['start', 'stop', 'status', 'kill', 'restart'].includes(cmd)) {
  console.log(HELP);
  process.exit(cmd && !['--help', '-h'].includes(cmd) ? 2 : 0);
}

const nodeDir = (n) => join(DIR, `n${n}`);
const cnf = (n) => join(nodeDir(n), 'my.cnf');
const pidFile = (n) => join(nodeDir(n), 'mariadbd.pid');
// mariadbd refuses to run as root; the Debian package's `mysql` user owns the datadirs.
const RUN_AS = userInfo().uid === 0 ? 'mysql' : userInfo().username;

function config(n) {
  const cluster = NODES.map((m) => `127.0.0.1:${gcommPort(m)}`).join(',');
  return `[mysqld]
datadir=${join(nodeDir(n), 'data')}
socket=${join(nodeDir(n), 'mysqld.sock')}
pid-file=${pidFile(n)}
log-error=${join(nodeDir(n), 'error.log')}
port=${sqlPort(n)}
bind-address=127.0.0.1
user=${RUN_AS}
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
# Galera needs row-based replication, InnoDB and interleaved auto-increment locks.
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_buffer_pool_size=128M
innodb_log_file_size=48M
# Durability comes from the other nodes holding each commit (a node that loses its last second
# rejoins by IST); flushing the redo log on every commit would only slow the cluster down.
innodb_flush_log_at_trx_commit=2
max_connections=300
wsrep_on=ON
wsrep_provider=/usr/lib/galera/libgalera_smm.so
wsrep_cluster_name=weigrid
wsrep_cluster_address=gcomm://${cluster}
wsrep_node_name=n${n}
wsrep_node_address=127.0.0.1:${gcommPort(n)}
wsrep_provider_options="base_host=127.0.0.1;base_port=${gcommPort(n)};ist.recv_addr=127.0.0.1:${gcommPort(n) + 1};gcache.size=128M;pc.weight=1"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:${gcommPort(n) + 2}
wsrep_slave_threads=2
`;
}

function sql(n, query) {
  return execFileSync('mariadb', ['-h127.0.0.1', `-P${sqlPort(n)}`, '-uroot', '-N', '-B', '-e', query], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 5000 }).trim();
}
function trySql(n, query) {
  try {
    return sql(n, query);
  } catch {
    return null;
  }
}
function pidOf(n) {
  if (!existsSync(pidFile(n))) return null;
  const pid = Number(readFileSync(pidFile(n), 'utf8').trim());
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, fn, ms) {
  const until = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(250);
  }
}

function launch(n, extra = []) {
  const log = openSync(join(nodeDir(n), 'stdout.log'), 'a');
  const child = spawn('/usr/sbin/mariadbd', [`--defaults-file=${cnf(n)}`, ...extra], { detached: true, stdio: ['ignore', log, log] });
  child.unref();
}

function prepare(n) {
  mkdirSync(nodeDir(n), { recursive: true });
  writeFileSync(cnf(n), config(n));
  const data = join(nodeDir(n), 'data');
  if (!existsSync(join(data, 'mysql'))) {
    mkdirSync(data, { recursive: true });
    if (n === 1) {
      // Only the first node is initialised; the others receive its state by SST.
      execFileSync('mariadb-install-db', [`--defaults-file=${cnf(n)}`, '--auth-root-authentication-method=normal', '--skip-test-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
    }
  }
  if (RUN_AS === 'mysql') execFileSync('chown', ['-R', 'mysql:mysql', nodeDir(n)]);
}

const clusterSize = (n) => Number(trySql(n, "SHOW STATUS LIKE 'wsrep_cluster_size'")?.split('\t')[1] ?? 0);
const synced = (n) => trySql(n, "SHOW STATUS LIKE 'wsrep_local_state_comment'")?.split('\t')[1] === 'Synced';

async function start() {
  mkdirSync(DIR, { recursive: true });
  if (RUN_AS === 'mysql') chownSync(DIR, Number(execFileSync('id', ['-u', 'mysql'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'mysql'], { encoding: 'utf8' })));
  for (const n of NODES) prepare(n);
  const running = NODES.filter((n) => pidOf(n));
  if (running.length === 0) {
    // A fresh (or fully stopped) cluster: bootstrap from node 1. After a full stop, node 1 must be
    // safe to bootstrap from (it was stopped last or the state is equal, as here).
    const grastate = join(nodeDir(1), 'data', 'grastate.dat');
    if (existsSync(grastate)) writeFileSync(grastate, readFileSync(grastate, 'utf8').replace(/safe_to_bootstrap: 0/, 'safe_to_bootstrap: 1'));
    launch(1, ['--wsrep-new-cluster']);
    await waitFor('node 1 to accept connections', () => synced(1), 60_000);
    // The tests and the API connect as root over TCP from 127.0.0.1 without a password.
    sql(1, "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;");
  }
  for (const n of NODES) {
    if (pidOf(n)) continue;
    launch(n);
    await waitFor(`node ${n} to join and sync`, () => synced(n), 120_000);
  }
  await waitFor('wsrep_cluster_size=3', () => clusterSize(1) === 3, 30_000);
  console.log(`galera: 3 nodes synced, cluster size 3 (SQL ports ${NODES.map(sqlPort).join(', ')}; dir ${DIR})`);
}

async function stopNode(n, signal = 'SIGTERM') {
  const pid = pidOf(n);
  if (!pid) return;
  process.kill(pid, signal);
  await waitFor(`node ${n} (pid ${pid}) to exit`, () => {
    try {
      process.kill(pid, 0);
      return false;
    } catch {
      return true;
    }
  }, 60_000);
}

async function stop() {
  // Last node stopped is the one safest to bootstrap from: stop 3, 2, then 1.
  for (const n of [...NODES].reverse()) await stopNode(n);
  console.log('galera: stopped');
}

function status() {
  for (const n of NODES) {
    const pid = pidOf(n);
    const state = pid ? trySql(n, "SHOW STATUS WHERE Variable_name IN ('wsrep_cluster_size','wsrep_local_state_comment','wsrep_ready')") : null;
    console.log(`n${n} port ${sqlPort(n)} pid ${pid ?? '-'} ${state ? state.replace(/\n/g, ' ').replace(/\t/g, '=') : 'down'}`);
  }
}

const nodeArg = () => {
  const n = Number(args[1]);
  if (!NODES.includes(n)) {
    console.error(`${cmd}: which node? 1, 2 or 3`);
    process.exit(2);
  }
  return n;
};

try {
  if (cmd === 'start') await start();
  else if (cmd === 'stop') await stop();
  else if (cmd === 'status') status();
  else if (cmd === 'kill') {
    const n = nodeArg();
    const pid = pidOf(n);
    if (pid) process.kill(pid, 'SIGKILL');
    console.log(`galera: node ${n} killed (pid ${pid ?? '-'})`);
  } else if (cmd === 'restart') {
    const n = nodeArg();
    if (!pidOf(n)) launch(n);
    await waitFor(`node ${n} to rejoin and sync`, () => synced(n), 120_000);
    console.log(`galera: node ${n} back, cluster size ${clusterSize(n)}`);
  }
} catch (e) {
  console.error(`galera ${cmd}: ${e.message}`);
  for (const n of NODES) if (existsSync(join(nodeDir(n), 'error.log'))) console.error(`  see ${join(nodeDir(n), 'error.log')}`);
  process.exit(1);
}
