// WeChat's own WXML and WXSS compilers (wcc, wcsc) from the npm package miniprogram-compiler, run on
// the built dist/weapp. wcc turns every WXML of the package into one JS program whose `$gwx(path)`
// gives each file's render function, the same code WeChat's runtime renders with; wcsc checks each
// WXSS the way the upload does.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The Linux binaries, copied out of node_modules and made executable there: the package ships them
 * without the x bit, and node_modules is hard-linked to pnpm's shared store, which we leave alone.
 */
function binary(name) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`miniprogram-compiler ships ${name} for linux-x64 (and macOS/Windows builds this script does not wire up); this is ${process.platform}-${process.arch}`);
  }
  const pkg = dirname(require.resolve('miniprogram-compiler/package.json'));
  const { version } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  const src = join(pkg, 'bin/linux', name);
  const dir = join(tmpdir(), `weigrid-miniprogram-compiler-${version}`);
  const dest = join(dir, name);
  if (!existsSync(dest) || statSync(dest).size !== statSync(src).size) {
    mkdirSync(dir, { recursive: true });
    copyFileSync(src, `${dest}.tmp${process.pid}`);
    chmodSync(`${dest}.tmp${process.pid}`, 0o755);
    // rename is atomic: two runs at once never execute a half-copied file
    renameSync(`${dest}.tmp${process.pid}`, dest);
  }
  return dest;
}

/** Files under `dist` ending in `ext`, as forward-slash paths relative to it. */
export function listFiles(dist, ext) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(ext)) out.push(relative(dist, p).split(sep).join('/'));
    }
  };
  walk(dist);
  return out;
}

function usingComponents(dist, wxml) {
  const json = join(dist, wxml.replace(/\.wxml$/, '.json'));
  if (!existsSync(json)) return null;
  return JSON.parse(readFileSync(json, 'utf8')).usingComponents ?? null;
}

/**
 * Compiles every WXML (and WXS) of `dist` with wcc, as DevTools does (`-d -cc`: debug info, custom
 * components declared per file). Returns the generated JS; throws with wcc's message (file:line:col)
 * when a file does not compile.
 */
export function compileWxml(dist) {
  const files = listFiles(dist, '.wxml');
  const wxs = listFiles(dist, '.wxs');
  const components = [];
  let count = 0;
  for (const f of files) {
    const using = usingComponents(dist, f);
    if (!using) continue;
    count++;
    components.push(f, Object.keys(using).length, ...Object.keys(using));
  }
  const args = ['-d', '-cc', [count, ...components].join(' '), ...files, ...wxs, '-gn', '$gwx'];
  const r = spawnSync(binary('wcc'), args, { cwd: dist, maxBuffer: 256 << 20 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`wcc: ${(r.stderr.toString() || r.stdout.toString()).trim() || `exit ${r.status}`}`);
  return { js: r.stdout.toString(), files, wxs };
}

/**
 * Compiles every WXSS of `dist` with wcsc in one run (a page's WXSS @imports its package's shared
 * sheet, so they go together; pages' and components' sheets first, counted by `-pc`, as DevTools
 * passes them).
 * Returns { files, js }; throws with wcsc's message, which names the file, line and column.
 */
export function compileWxss(dist) {
  const files = listFiles(dist, '.wxss');
  // pages and components (a .json beside them) get their own style function; shared sheets do not
  const components = files.filter((f) => existsSync(join(dist, f.replace(/\.wxss$/, '.json'))));
  const ordered = [...components, ...files.filter((f) => !components.includes(f))];
  const r = spawnSync(binary('wcsc'), ['-db', '-pc', String(components.length), ...ordered], { cwd: dist, maxBuffer: 256 << 20 });
  if (r.error) throw r.error;
  const out = r.stdout.toString();
  // wcsc's output is `version=…=comm=<js>=<file>=<js>…`; a failure exits non-zero with "ERR: file(line:col): …"
  if (r.status !== 0 || !out.includes('=comm=')) {
    throw new Error(`wcsc: ${(r.stderr.toString() || out).replace(/\n*error file count: \d+\s*$/, '').trim() || `exit ${r.status}`}`);
  }
  const compiled = components.filter((f) => out.includes(`=./${f}=`) || out.includes(`=${f}=`));
  return { files, compiled, js: out };
}

/**
 * Loads wcc's output and returns `$gwx`: `$gwx(path)` is the render function of that WXML, taking the
 * page data and giving WeChat's virtual tree ({tag:'wx-view', attr, children, …}).
 */
export function loadGwx(js) {
  // wcc's program writes a few globals (window.__wcc_version__, __WXML_GLOBAL__, $gwn…); give it its own.
  const sandbox = { window: {}, console, __WXML_GLOBAL__: { modules: {}, ops_cached: {}, ops_set: {}, ops_init: {} } };
  const fn = new Function('sandbox', `with (sandbox) { ${js}\n; return $gwx; }`);
  return fn(sandbox);
}
