#!/usr/bin/env node
// Writes the mini-program's API types from the server's OpenAPI spec, with no network: boots the
// built server app in-process (routes, validators, docs — nothing listens, no migration runs),
// takes the document it serves at /api/docs-json, and writes
//   src/services/generated/openapi.json  the spec, paths relative to the API base (/api/v1)
//   src/services/generated/schema.ts     openapi-typescript's types + each operation's error codes
// `--check` writes nothing and exits 1 when either file differs from what would be written (the
// jsdom suite runs it, so a server change that alters the API fails `npm test` until regenerated).
// The server (and @weigrid/shared) is rebuilt first when its sources are newer than its build.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MINIAPP = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = join(MINIAPP, '..');
const OUT = join(MINIAPP, 'src/services/generated');
const check = process.argv.includes('--check');

/** Newest mtime of the .ts sources under `dir` (tests excluded: they are not built). */
function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) {
      if (name !== '__tests__') newest = Math.max(newest, newestSource(p));
    } else if (name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.test.ts')) newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

/** tsc rewrites every output, so one output's mtime dates the whole build. */
function ensureBuilt(pkg, marker) {
  const out = join(ROOT, pkg, marker);
  if (existsSync(out) && statSync(out).mtimeMs >= newestSource(join(ROOT, pkg, 'src'))) return;
  console.error(`gen-api: building ${pkg}/ (its build is missing or older than its sources)`);
  const tsc = join(ROOT, pkg, 'node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: join(ROOT, pkg), stdio: 'inherit' });
}

async function serverSpec() {
  ensureBuilt('shared', 'dist/index.js');
  ensureBuilt('server', 'dist/bootstrap.js');
  const dist = join(ROOT, 'server/dist');
  const { loadConfig } = await import(pathToFileURL(join(dist, 'config/config.js')).href);
  const { createApp, API_PREFIX } = await import(pathToFileURL(join(dist, 'bootstrap.js')).href);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DB_URL: 'sqlite::memory:',
    JWT_SECRET: 'openapi-export-only-openapi-export-only',
    OUTBOX_WORKER: 'off',
  });
  let doc;
  const app = await createApp(config, { onOpenApi: (d) => (doc = structuredClone(d)) });
  await app.close();
  if (!doc) throw new Error('gen-api: createApp did not report its OpenAPI document');
  return { doc, prefix: `/${API_PREFIX}` };
}

/** The spec as the client sees it: paths relative to the base URL the app is built with. */
function clientSpec({ doc, prefix }) {
  const paths = {};
  for (const [p, item] of Object.entries(doc.paths)) {
    if (!p.startsWith(`${prefix}/`)) continue;
    paths[p.slice(prefix.length)] = item;
  }
  return { ...doc, servers: [{ url: prefix }], paths };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** `'GET /events/{id}': 'DB_UNAVAILABLE' | …` for every operation, from its `x-error-codes`. */
function errorCodeTypes(spec) {
  const lines = [];
  for (const [p, item] of Object.entries(spec.paths)) {
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      const codes = op['x-error-codes'] ?? [];
      lines.push(`  ${JSON.stringify(`${m.toUpperCase()} ${p}`)}: ${codes.length ? codes.map((c) => JSON.stringify(c)).join(' | ') : 'never'}`);
    }
  }
  return `\n/** The error codes each operation may answer (the spec's \`x-error-codes\`), by \`METHOD /path\`. */\nexport interface OperationErrorCodes {\n${lines.join('\n')}\n}\n`;
}

/**
 * The types leave out error responses: every one is the ErrorEnvelope, and their codes are in
 * OperationErrorCodes (kept, they would be ~90 % of the file).
 */
function withoutErrorResponses(spec) {
  const paths = {};
  for (const [p, item] of Object.entries(spec.paths)) {
    paths[p] = { ...item };
    for (const m of METHODS) {
      if (!item[m]) continue;
      paths[p][m] = { ...item[m], responses: Object.fromEntries(Object.entries(item[m].responses).filter(([status]) => status.startsWith('2'))) };
    }
  }
  return { ...spec, paths };
}

async function render(spec) {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  // A field with a default is optional in a request (defaultNonNullable would make it required);
  // an object with no declared properties (a map) takes any values.
  const ast = await openapiTS(withoutErrorResponses(spec), { alphabetize: false, exportType: false, defaultNonNullable: false, emptyObjectsUnknown: true });
  const header = '// Generated by scripts/gen-api.mjs from the server\'s OpenAPI spec — do not edit; run `pnpm --filter @weigrid/miniapp gen:api`.\n/* eslint-disable */\n\n';
  return header + astToString(ast) + errorCodeTypes(spec);
}

const spec = clientSpec(await serverSpec());
const files = {
  'openapi.json': `${JSON.stringify(spec, null, 2)}\n`,
  'schema.ts': await render(spec),
};

if (check) {
  const stale = Object.entries(files).filter(([name, text]) => {
    const p = join(OUT, name);
    return !existsSync(p) || readFileSync(p, 'utf8') !== text;
  });
  for (const [name, text] of stale) {
    const p = join(OUT, name);
    const old = existsSync(p) ? readFileSync(p, 'utf8').split('\n') : [];
    const now = text.split('\n');
    const i = now.findIndex((l, k) => l !== old[k]);
    console.error(`gen-api: ${relative(ROOT, p)} is stale; first difference at line ${i + 1}:\n  committed: ${old[i] ?? '(end of file)'}\n  server:    ${now[i] ?? '(end of file)'}`);
  }
  if (stale.length) {
    console.error('gen-api: run `pnpm --filter @weigrid/miniapp gen:api` and commit the result');
    process.exit(1);
  }
  console.log('gen-api: generated client files match the server');
} else {
  mkdirSync(OUT, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(OUT, name), text);
  console.log(`gen-api: wrote ${Object.keys(files).map((n) => relative(ROOT, join(OUT, n))).join(', ')}`);
}
