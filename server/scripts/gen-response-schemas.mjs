#!/usr/bin/env node
// Writes src/common/response-schemas.generated.ts: the JSON Schema of every controller method's
// success body, for the OpenAPI spec (common/openapi.ts loads it). Controllers return interfaces
// from @weigrid/shared, which leave no runtime trace, so the schemas are read here, at build time,
// from each method's declared (or inferred) return type with the TypeScript type checker:
//   Promise<T> → T; T[] / readonly T[] / tuples → arrays; generic instantiations (Page<X>) and
//   anonymous object types inline; named interfaces, classes and object-type aliases become
//   components.schemas entries referenced by $ref; string/number/boolean literal unions → enums;
//   `| null` → nullable; optional properties are left out of `required`; Record<string, X> →
//   additionalProperties; Date → date-time string (what JSON.stringify makes of it).
// A method that sends the reply itself (`@Res()` without passthrough) is read from its body: each
// `.send(x)` answers in the content type its `.header('content-type', …)` chain sets, else JSON of
// x's type. A StreamableFile answers in the type its options, a content-type header or
// `@ApiProduces` give. A method whose body is void answers with no body (the spec test requires 204).
//
//   node scripts/gen-response-schemas.mjs            write the file
//   node scripts/gen-response-schemas.mjs --check    exit 1 when the committed file is stale
//   --root=<dir>  read another tree laid out the same way; --print writes the JSON to stdout (tests)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const rootArg = process.argv.find((a) => a.startsWith('--root='));
const ROOT = rootArg ? resolve(rootArg.slice('--root='.length)) : resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'src/common/response-schemas.generated.ts');
const HTTP_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);
const JSON_TYPE = 'application/json';

function loadProgram() {
  const configFile = ['tsconfig.build.json', 'tsconfig.json'].map((f) => join(ROOT, f)).find((f) => existsSync(f));
  if (!configFile) throw new Error(`gen-response-schemas: no tsconfig in ${ROOT}`);
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } };
  const cfg = ts.getParsedCommandLineOfConfigFile(configFile, {}, host);
  return ts.createProgram({ rootNames: cfg.fileNames, options: cfg.options });
}

const decoratorName = (d) => {
  const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
  return ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
};
const decoratorArgs = (d) => (ts.isCallExpression(d.expression) ? d.expression.arguments : []);
const decorators = (node) => (ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []);

class SchemaBuilder {
  constructor(program) {
    this.program = program;
    this.checker = program.getTypeChecker();
    /** component name → schema */
    this.components = new Map();
    /** type (by identity) → component name */
    this.named = new Map();
    this.problems = [];
  }

  /** The component name of a named, non-generic object type declared in this program (not in a lib). */
  componentName(type) {
    const c = this.checker;
    let sym;
    if (type.aliasSymbol && !type.aliasTypeArguments?.length) sym = type.aliasSymbol;
    else if (!type.aliasSymbol && type.flags & ts.TypeFlags.Object && type.symbol && !(type.symbol.flags & ts.SymbolFlags.TypeLiteral) && !(type.symbol.flags & ts.SymbolFlags.ObjectLiteral)) {
      if (type.objectFlags & ts.ObjectFlags.Reference && c.getTypeArguments(type).length) return undefined;
      if (!(type.symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class))) return undefined;
      sym = type.symbol;
    }
    if (!sym) return undefined;
    const decl = sym.declarations?.[0];
    if (!decl || this.fromLib(decl) || /\/node_modules\/@types\//.test(decl.getSourceFile().fileName)) return undefined;
    // An alias of a primitive or a literal union stays inline (an enum on the property).
    if (sym === type.aliasSymbol && !(type.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) && !(type.flags & ts.TypeFlags.Union && type.types.some((t) => t.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)))) return undefined;
    return sym.name;
  }

  fromLib(decl) {
    return this.program.isSourceFileDefaultLibrary(decl.getSourceFile());
  }

  ref(type, where) {
    const name = this.componentName(type);
    if (!name) return this.inline(type, where);
    let key = this.named.get(type);
    if (!key) {
      key = name;
      for (let n = 2; this.components.has(key); n++) key = `${name}_${n}`;
      if (key !== name) this.problems.push(`${where}: two different types are named ${name}; the second is ${key}`);
      this.named.set(type, key);
      this.components.set(key, {}); // placeholder: recursive references resolve to it
      this.components.set(key, this.inline(type, key));
    }
    return { $ref: `#/components/schemas/${key}` };
  }

  /** The schema of `type` as JSON.stringify would write a value of it. */
  inline(type, where) {
    const c = this.checker;
    const F = ts.TypeFlags;
    if (type.flags & (F.Any | F.Unknown)) return {};
    if (type.flags & F.Union) return this.union(type.types, where);
    if (type.flags & F.StringLiteral) return { type: 'string', enum: [type.value] };
    if (type.flags & F.NumberLiteral) return { type: 'number', enum: [type.value] };
    if (type.flags & F.BooleanLiteral) return { type: 'boolean', enum: [type === c.getTrueType()] };
    if (type.flags & (F.String | F.TemplateLiteral)) return { type: 'string' };
    if (type.flags & F.Number) return { type: 'number' };
    if (type.flags & F.Boolean) return { type: 'boolean' };
    if (type.flags & F.Null) return { nullable: true };
    if (type.flags & F.Intersection) return { allOf: type.types.map((t) => this.ref(t, where)) };
    if (!(type.flags & F.Object)) {
      this.problems.push(`${where}: cannot describe type ${c.typeToString(type)}`);
      return {};
    }
    if (type.symbol?.name === 'Date' && type.symbol.declarations?.some((d) => this.fromLib(d))) return { type: 'string', format: 'date-time' };
    if (c.isTupleType(type)) {
      const elems = c.getTypeArguments(type).map((t) => this.ref(t, where));
      const distinct = [...new Map(elems.map((e) => [JSON.stringify(e), e])).values()];
      const fixed = type.target.fixedLength;
      return { type: 'array', items: distinct.length === 1 ? distinct[0] : { oneOf: distinct }, minItems: type.target.minLength, ...(type.target.hasRestElement ? {} : { maxItems: fixed }) };
    }
    if (c.isArrayType(type)) return { type: 'array', items: this.ref(c.getTypeArguments(type)[0], where) };
    const properties = {};
    const required = [];
    for (const prop of c.getPropertiesOfType(type)) {
      if (prop.flags & ts.SymbolFlags.Method) continue;
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      let pt = decl ? c.getTypeOfSymbolAtLocation(prop, decl) : c.getTypeOfSymbol(prop);
      if (c.getSignaturesOfType(pt, ts.SignatureKind.Call).length) continue; // functions are not serialised
      const optional = (prop.flags & ts.SymbolFlags.Optional) !== 0 || (pt.flags & F.Union ? pt.types.some((t) => t.flags & (F.Undefined | F.Void)) : (pt.flags & (F.Undefined | F.Void)) !== 0);
      properties[prop.name] = this.ref(pt, `${where}.${prop.name}`);
      if (!optional) required.push(prop.name);
    }
    const out = { type: 'object' };
    if (required.length) out.required = required;
    out.properties = properties;
    const index = c.getIndexInfosOfType(type).find((i) => i.keyType.flags & (F.String | F.Number | F.TemplateLiteral));
    if (index) out.additionalProperties = this.ref(index.type, `${where}[key]`);
    if (!Object.keys(properties).length) delete out.properties;
    return out;
  }

  union(members, where) {
    const F = ts.TypeFlags;
    let rest = members.filter((t) => !(t.flags & (F.Undefined | F.Void)));
    const nullable = rest.some((t) => t.flags & F.Null);
    rest = rest.filter((t) => !(t.flags & F.Null));
    let schema;
    // `boolean` is the union true | false to the checker.
    const boolean = rest.filter((t) => t.flags & F.BooleanLiteral).length === 2;
    if (boolean) rest = rest.filter((t) => !(t.flags & F.BooleanLiteral));
    if (!rest.length) schema = boolean ? { type: 'boolean' } : {};
    else if (rest.length === 1 && !boolean) schema = this.ref(rest[0], where);
    else if (!boolean && rest.every((t) => t.flags & F.StringLiteral)) schema = { type: 'string', enum: rest.map((t) => t.value) };
    else if (!boolean && rest.every((t) => t.flags & F.NumberLiteral)) schema = { type: 'number', enum: rest.map((t) => t.value).sort((a, b) => a - b) };
    else {
      const parts = [...rest.map((t) => this.ref(t, where)), ...(boolean ? [{ type: 'boolean' }] : [])];
      schema = { oneOf: [...new Map(parts.map((p) => [JSON.stringify(p), p])).values()] };
    }
    if (!nullable) return schema;
    // OpenAPI 3.0: keywords beside a $ref are ignored, so a nullable reference wraps it.
    if (schema.$ref) return { allOf: [schema], nullable: true };
    return { ...schema, nullable: true, ...(schema.enum ? { enum: [...schema.enum, null] } : {}) };
  }
}

/** Content type(s) a raw reply sets before `.send`, from the chain `reply.header(…).header(…).send(x)`. */
function sentContent(call, checker) {
  let e = call.expression.expression;
  const types = [];
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const [name, value] = e.arguments;
    if (e.expression.name.text === 'header' && name && ts.isStringLiteralLike(name) && name.text.toLowerCase() === 'content-type' && value) types.push(...literalStrings(value, checker));
    if (e.expression.name.text === 'type' && name) types.push(...literalStrings(name, checker));
    e = e.expression.expression;
  }
  return types;
}

/** The string values an expression may have when its type says them; ['*'] when it is any string. */
function literalStrings(expr, checker) {
  const t = checker.getTypeAtLocation(expr);
  const members = t.flags & ts.TypeFlags.Union ? t.types : [t];
  if (members.every((m) => m.flags & ts.TypeFlags.StringLiteral)) return members.map((m) => m.value);
  return ['*'];
}

/** `text/csv; charset=utf-8` → `text/csv`; `*` (not known statically) → any type. */
const mediaType = (v) => (v === '*' ? '*/*' : v.split(';')[0].trim());
const bodyOf = (media) => (media.startsWith('text/') ? { type: 'string' } : { type: 'string', format: 'binary' });

function operationContent(method, builder, where) {
  const c = builder.checker;
  const resParam = method.parameters.find((p) => decorators(p).some((d) => decoratorName(d) === 'Res' || decoratorName(d) === 'Response'));
  const passthrough = resParam && decorators(resParam).some((d) => decoratorArgs(d).some((a) => ts.isObjectLiteralExpression(a) && a.properties.some((p) => p.name?.getText() === 'passthrough' && p.initializer?.kind === ts.SyntaxKind.TrueKeyword)));
  const content = {};
  if (resParam && !passthrough) {
    const visit = (node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'send') {
        const [arg] = node.arguments;
        const types = sentContent(node, c);
        if (types.length) for (const t of types) content[mediaType(t)] = bodyOf(mediaType(t));
        else if (arg) content[JSON_TYPE] = builder.ref(c.getTypeAtLocation(arg), where);
      }
      ts.forEachChild(node, visit);
    };
    if (method.body) visit(method.body);
    if (!Object.keys(content).length) builder.problems.push(`${where}: answers through @Res() but no reply.send(…) was found`);
    return content;
  }
  const sig = c.getSignatureFromDeclaration(method);
  const type = c.getAwaitedType(c.getReturnTypeOfSignature(sig)) ?? c.getReturnTypeOfSignature(sig);
  if (type.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) return null;
  if (type.symbol?.name === 'StreamableFile') {
    const types = [];
    const visit = (node) => {
      if (ts.isNewExpression(node) && node.expression.getText() === 'StreamableFile') {
        const opts = node.arguments?.[1];
        if (opts && ts.isObjectLiteralExpression(opts)) for (const p of opts.properties) if (ts.isPropertyAssignment(p) && p.name.getText() === 'type') types.push(...literalStrings(p.initializer, c));
      }
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'header') {
        const [name, value] = node.arguments;
        if (name && ts.isStringLiteralLike(name) && name.text.toLowerCase() === 'content-type' && value) types.push(...literalStrings(value, c));
      }
      ts.forEachChild(node, visit);
    };
    if (method.body) visit(method.body);
    for (const d of decorators(method)) if (decoratorName(d) === 'ApiProduces') for (const a of decoratorArgs(d)) types.push(...literalStrings(a, c));
    for (const t of types.length ? types : ['application/octet-stream']) content[mediaType(t)] = bodyOf(mediaType(t));
    return content;
  }
  content[JSON_TYPE] = builder.ref(type, where);
  return content;
}

/** `{schemas, operations}`: `operations['EventsController.create']` is `{mediaType: schema}`, or null for no body. */
export function generate() {
  const program = loadProgram();
  const checker = program.getTypeChecker();
  const builder = new SchemaBuilder(program);
  const operations = {};
  const src = join(ROOT, 'src') + '/';
  for (const sf of program.getSourceFiles()) {
    if (sf.isDeclarationFile || !sf.fileName.startsWith(src) || /\.spec\.ts$/.test(sf.fileName)) continue;
    for (const node of sf.statements) {
      if (!ts.isClassDeclaration(node) || !node.name || !decorators(node).some((d) => decoratorName(d) === 'Controller')) continue;
      // Left out of the OpenAPI document (Open311's GeoReport API: the specification is its contract).
      if (decorators(node).some((d) => decoratorName(d) === 'ApiExcludeController')) continue;
      for (const m of node.members) {
        if (!ts.isMethodDeclaration(m) || !decorators(m).some((d) => HTTP_DECORATORS.has(decoratorName(d)))) continue;
        const key = `${node.name.text}.${m.name.getText()}`;
        if (key in operations) builder.problems.push(`${relative(ROOT, sf.fileName)}: ${key} is declared twice (controller class names must be unique)`);
        operations[key] = operationContent(m, builder, key);
      }
    }
  }
  const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { schemas: sorted(Object.fromEntries(builder.components)), operations: sorted(operations), problems: builder.problems };
}

function render({ schemas, operations }) {
  return `// Generated by scripts/gen-response-schemas.mjs from the controllers' return types — do not edit;
// run \`pnpm --filter @weigrid/server gen:responses\` (a test fails while this file is stale).
/* eslint-disable */

/** A JSON Schema (the OpenAPI 3.0 subset the generator writes). */
export type GeneratedSchema = { [key: string]: unknown };

/**
 * \`schemas\`: components.schemas for the success bodies; \`operations\`: by \`Controller.method\`,
 * the success body per media type, or null when the operation answers with no body.
 */
export const RESPONSE_SCHEMAS: { schemas: Record<string, GeneratedSchema>; operations: Record<string, Record<string, GeneratedSchema> | null> } = ${JSON.stringify({ schemas, operations }, null, 2)};
`;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const result = generate();
  for (const p of result.problems) console.error(`gen-response-schemas: ${p}`);
  if (process.argv.includes('--print')) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } else {
    if (result.problems.length) process.exit(1);
    const text = render(result);
    if (process.argv.includes('--check')) {
      const old = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
      if (old !== text) {
        const a = old.split('\n');
        const b = text.split('\n');
        const i = b.findIndex((l, k) => l !== a[k]);
        console.error(`gen-response-schemas: ${relative(ROOT, OUT)} is stale; first difference at line ${i + 1}:\n  committed: ${a[i] ?? '(end of file)'}\n  sources:   ${b[i] ?? '(end of file)'}\nrun \`pnpm --filter @weigrid/server gen:responses\` and commit the result`);
        process.exit(1);
      }
      console.log('gen-response-schemas: up to date');
    } else {
      writeFileSync(OUT, text);
      console.log(`gen-response-schemas: wrote ${relative(ROOT, OUT)} (${Object.keys(result.operations).length} operations, ${Object.keys(result.schemas).length} schemas)`);
    }
  }
}
