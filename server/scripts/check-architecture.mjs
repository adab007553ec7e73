#!/usr/bin/env node
// The architecture check (issue 17), run by `pnpm typecheck` and so by `npm test`:
//
// 1. SQL lives in repositories. Outside `src/**/*.repo.ts` and `src/db/**` no code may
//    - call a method of a TypeORM DataSource, EntityManager, Repository, QueryRunner or query
//      builder (decided by the type checker, so `m.insert(…)`, `ds.query(…)`, a chained
//      `.createQueryBuilder().where(…)` are all caught) — except `transaction(…)`, since opening a
//      transaction is the service's job (it passes the transaction's `m` to the repositories), and
//      a DataSource's lifecycle (`initialize`, `destroy`);
//    - call `.query(`, `.createQueryBuilder(`, `.getRepository(` or `.createQueryRunner(` on
//      anything whose type is not known (`any`);
//    - use `@InjectRepository` or `TypeOrmModule.forFeature` (repositories take the DataSource).
//    Injecting a DataSource is allowed: every use of it beyond the above is caught here.
//    Spec files, test/ and bench/ are not checked.
// 2. No import cycles: between files (runtime imports; `import type` is erased and ignored) and
//    between the top-level folders of src/ (modules). Edges from composition roots — src/*.ts,
//    src/db/entities.ts (the entity list), src/db/seed/**, src/cli/** — are not module
//    dependencies and are left out of the folder graph.
//
// Not-yet-converted files are listed in sql-allowlist.txt, known cycles in cycle-allowlist.txt;
// both must shrink to empty, and an entry that is no longer needed is itself an error.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// --root=<dir>: check another tree laid out the same way (the check's own test uses a fixture).
const rootArg = process.argv.find((a) => a.startsWith('--root='));
const ROOT = rootArg ? resolve(rootArg.slice('--root='.length)) : resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');
const rel = (f) => relative(ROOT, f).split('\\').join('/');

const TYPEORM_TYPES = new Set([
  'DataSource',
  'EntityManager',
  'Repository',
  'TreeRepository',
  'QueryRunner',
  'QueryBuilder',
  'SelectQueryBuilder',
  'InsertQueryBuilder',
  'UpdateQueryBuilder',
  'DeleteQueryBuilder',
  'SoftDeleteQueryBuilder',
  'RelationQueryBuilder',
]);
const ALLOWED_CALLS = new Set(['transaction', 'initialize', 'destroy']);
const SQL_NAMES = new Set(['query', 'createQueryBuilder', 'getRepository', 'createQueryRunner']);

function readList(name) {
  const file = join(ROOT, name);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
}

const sources = readdirSync(SRC, { recursive: true })
  .map((f) => String(f).split('\\').join('/'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.spec.ts'))
  .map((f) => join(SRC, f));

const cfg = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => console.error(ts.flattenDiagnosticMessageText(d.messageText, '\n')) });
const program = ts.createProgram({ rootNames: sources, options: { ...cfg.options, noEmit: true } });
const checker = program.getTypeChecker();

const problems = [];

// ── 1. SQL outside repositories ──
const sqlAllow = new Set(readList('sql-allowlist.txt'));
const isRepoFile = (r) => r.endsWith('.repo.ts') || r.startsWith('src/db/');

function typeormName(type) {
  for (const t of type.isUnion() ? type.types : [type]) {
    const sym = t.getSymbol() ?? t.aliasSymbol;
    const decl = sym?.declarations?.[0];
    if (sym && TYPEORM_TYPES.has(sym.getName()) && decl && decl.getSourceFile().fileName.includes('/typeorm/')) return sym.getName();
  }
  return null;
}

const violations = new Map();
for (const sf of program.getSourceFiles()) {
  const r = rel(sf.fileName);
  if (!r.startsWith('src/') || sf.isDeclarationFile || r.endsWith('.spec.ts') || isRepoFile(r)) continue;
  const found = [];
  const at = (node, what) => found.push(`${r}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${what}`);
  const visit = (node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name.text;
      const recv = checker.getTypeAtLocation(node.expression.expression);
      const kind = typeormName(recv);
      if (kind && !ALLOWED_CALLS.has(name)) at(node, `${kind}.${name}()`);
      else if (!kind && SQL_NAMES.has(name) && recv.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) at(node, `.${name}() on an untyped value`);
      if (ts.isIdentifier(node.expression.expression) && node.expression.expression.text === 'TypeOrmModule' && name === 'forFeature') at(node, 'TypeOrmModule.forFeature');
    }
    if (ts.isDecorator(node) && ts.isCallExpression(node.expression) && ts.isIdentifier(node.expression.expression) && node.expression.expression.text === 'InjectRepository') at(node, '@InjectRepository');
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (found.length) violations.set(r, found);
}
for (const [file, found] of violations) {
  if (sqlAllow.has(file)) continue;
  problems.push(`SQL outside a repository (move it to the owning module's *.repo.ts, or read another module's tables through its port):\n    ${found.join('\n    ')}`);
}
for (const file of sqlAllow) {
  if (!existsSync(join(ROOT, file))) problems.push(`sql-allowlist.txt: ${file} does not exist — remove the line`);
  else if (!violations.has(file)) problems.push(`sql-allowlist.txt: ${file} has no SQL outside repositories any more — remove the line`);
}

// ── 2. Import cycles ──
const fileSet = new Set(sources.map(rel));
const edges = new Map(); // file → Set(file)
for (const f of sources) {
  const r = rel(f);
  const sf = program.getSourceFile(f);
  const out = new Set();
  for (const st of sf.statements) {
    if (!(ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) || !st.moduleSpecifier || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const spec = st.moduleSpecifier.text;
    if (!spec.startsWith('.')) continue;
    if (ts.isImportDeclaration(st)) {
      const c = st.importClause;
      if (c?.isTypeOnly) continue;
      if (c && !c.name && c.namedBindings && ts.isNamedImports(c.namedBindings) && c.namedBindings.elements.length > 0 && c.namedBindings.elements.every((e) => e.isTypeOnly)) continue;
    } else if (st.isTypeOnly) continue;
    const to = rel(resolve(dirname(f), spec.replace(/\.js$/, '.ts')));
    if (fileSet.has(to)) out.add(to);
  }
  edges.set(r, out);
}

function sccs(nodes, next) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  const strong = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of next(v)) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const c = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) out.push(c.sort());
    }
  };
  for (const v of nodes) if (!idx.has(v)) strong(v);
  return out;
}

for (const c of sccs([...edges.keys()], (v) => edges.get(v))) problems.push(`import cycle between files: ${c.join(' ↔ ')}`);

const folderOf = (r) => {
  const p = r.slice('src/'.length).split('/');
  return p.length > 1 ? p[0] : null;
};
const compositionRoot = (r) => folderOf(r) === null || r === 'src/db/entities.ts' || r.startsWith('src/db/seed/') || r.startsWith('src/cli/');
const cycleAllow = readList('cycle-allowlist.txt').map((l) => {
  const m = /^([\w-]+)\s*<->\s*([\w-]+)$/.exec(l);
  if (!m) problems.push(`cycle-allowlist.txt: "${l}" is not "folder <-> folder"`);
  return m ? [m[1], m[2]] : null;
}).filter(Boolean);
const allowedPair = (a, b) => cycleAllow.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
const folderEdges = new Map();
const witness = new Map();
for (const [from, tos] of edges) {
  if (compositionRoot(from)) continue;
  const a = folderOf(from);
  for (const to of tos) {
    const b = folderOf(to);
    if (!b || a === b) continue;
    if (!folderEdges.has(a)) folderEdges.set(a, new Set());
    folderEdges.get(a).add(b);
    if (!witness.has(`${a}>${b}`)) witness.set(`${a}>${b}`, `${from} → ${to}`);
  }
}
for (const [x, y] of cycleAllow) {
  if (!(folderEdges.get(x)?.has(y) && folderEdges.get(y)?.has(x))) problems.push(`cycle-allowlist.txt: ${x} <-> ${y} no longer import each other both ways — remove the line`);
}
const next = (a) => [...(folderEdges.get(a) ?? [])].filter((b) => !allowedPair(a, b));
for (const c of sccs([...folderEdges.keys()], next)) {
  const inside = new Set(c);
  const ex = [];
  for (const a of c) for (const b of next(a)) if (inside.has(b)) ex.push(`${a} → ${b} (e.g. ${witness.get(`${a}>${b}`)})`);
  problems.push(`import cycle between modules ${c.join(', ')}:\n    ${ex.join('\n    ')}`);
}

if (problems.length) {
  console.error(`architecture check: ${problems.length} problem(s) (see scripts/check-architecture.mjs and docs/contributing.md)\n`);
  for (const p of problems) console.error(`  ${p}\n`);
  // exitCode, not exit(): a long report to a pipe would be cut off.
  process.exitCode = 1;
} else {
  console.log(`architecture check: ${sources.length} files, no SQL outside repositories except ${sqlAllow.size} allowlisted file(s), no import cycles except ${cycleAllow.length} allowlisted`);
}
