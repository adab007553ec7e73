import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(serverDir, 'dist/cli');

/** Runs a built CLI from `cwd` as an operator would, with no DB_URL (the start banner's case). */
function run(script: string, args: string[], cwd: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(dist, script), ...args], { cwd, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => (clearTimeout(timer), done({ code, out, err })));
  });
}

const CLIS = ['create-admin.js', 'seed-demo.js', 'grids-import.js', 'grids-export.js', 'stats-rebuild.js', 'register-rotate-key.js', 'outbox-worker.js', 'fake-wechat.js', 'open311-clients.js'];

describe('command-line tools, run from anywhere', () => {
  it.each(CLIS)('%s answers --help with its usage, exit 0, and creates nothing where it is run', async (cli) => {
    const cwd = mkdtempSync(join(tmpdir(), 'weigrid-cli-help-'));
    const r = await run(cli, ['--help'], cwd);
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    expect(r.out).toMatch(/usage|用法/);
    expect(existsSync(join(cwd, '.data'))).toBe(false);
  });

  it("create-admin says it uses npm start's database (server/.data) when run from the repository root", async () => {
    const r = await run('create-admin.js', ['--help'], resolve(serverDir, '..'));
    expect(r.out).toContain(`sqlite:${join(serverDir, '.data/weigrid.sqlite')}`);
  });

  it('a mistake is said in Chinese with what to do next, before any database is opened', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'weigrid-cli-err-'));
    const r = await run('create-admin.js', ['--role', 'mayor', '--node', '5101'], cwd);
    expect(r.code).toBe(1);
    expect(r.err).toBe('create-admin: --role 只能是 city_admin、district_admin、street_admin、community_admin，收到的是 mayor\n');
    const unknown = await run('create-admin.js', ['--nod', '5101'], cwd);
    expect(unknown.err).toMatch(/^create-admin: 不认识的选项 .*--nod.*用 --help 查看用法/);
    expect(existsSync(join(cwd, '.data'))).toBe(false);
  });
});
