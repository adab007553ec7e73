import request from 'supertest';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERRORS, GENERIC_API_ERRORS, TAG_API_ERRORS, type ErrorCode } from '@weigrid/shared';
import { describeDto, type FieldDoc } from '../../src/common/openapi.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { API_PREFIX } from '../../src/bootstrap.js';
import { routeTable, type RouteInfo } from '../../src/common/route-table.js';
import { RESPONSE_SCHEMAS } from '../../src/common/response-schemas.generated.js';

type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema; allOf?: Schema[] } & Record<string, unknown>;
type Param = { in: string; name: string; required?: boolean; schema?: Schema };
type Op = { parameters?: Param[]; requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>; 'x-error-codes'?: ErrorCode[]; tags?: string[] };
type Doc = { paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, Schema> } };

/** The limits a validator sets, which the spec must repeat for the field. */
const LIMIT_KEYS = ['minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'enum', 'minItems', 'maxItems', 'format'] as const;

describe('OpenAPI spec (/api/docs-json)', () => {
  let t: TestApp;
  let doc: Doc;
  let routes: RouteInfo[];

  const deref = (s: Schema | undefined): Schema | undefined => (s?.$ref ? doc.components.schemas[s.$ref.split('/').pop()!] : s);

  /** Every validated field of `cls` must be in `props`, with its type, requiredness and limits. */
  function checkFields(where: string, fields: Record<string, FieldDoc>, props: Record<string, Schema>, required: Set<string>, problems: string[]) {
    for (const [name, f] of Object.entries(fields)) {
      const p = deref(props[name]) ?? props[name];
      if (!p) {
        problems.push(`${where}: field ${name} missing`);
        continue;
      }
      if (f.required !== required.has(name)) problems.push(`${where}: ${name} required=${f.required} but spec says ${required.has(name)}`);
      if (!p.type && !props[name]!.$ref && !p.allOf) problems.push(`${where}: ${name} has no type`);
      for (const k of LIMIT_KEYS) {
        const want = f[k];
        if (want === undefined) continue;
        const got = p[k];
        if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${where}: ${name}.${k} is ${JSON.stringify(got)}, validators say ${JSON.stringify(want)}`);
      }
      if (f.items) {
        for (const k of LIMIT_KEYS) {
          const want = (f.items as Record<string, unknown>)[k];
          if (want !== undefined && JSON.stringify(p.items?.[k]) !== JSON.stringify(want)) problems.push(`${where}: ${name}[].${k} is ${JSON.stringify(p.items?.[k])}, validators say ${JSON.stringify(want)}`);
        }
      }
    }
  }

  beforeAll(async () => {
    t = await bootTestApp('sqlite');
    doc = (await request(t.base).get('/api/docs-json').expect(200)).body as Doc;
    routes = routeTable(t.app, API_PREFIX);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('passes swagger-parser validation', async () => {
    // In a child node: swagger-parser is CommonJS requiring ES modules, which Jest's loader cannot do.
    const script = `const P = require('@apidevtools/swagger-parser'); let s = ''; process.stdin.on('data', (d) => (s += d)).on('end', () => P.validate(JSON.parse(s)).then(() => console.log('valid'), (e) => { console.log(e.message); process.exitCode = 1; }));`;
    const out = await new Promise<string>((resolve) => {
      const child = execFile(process.execPath, ['-e', script], { cwd: join(import.meta.dirname, '../..'), timeout: 30_000 }, (_err, stdout, stderr) => resolve(stdout + stderr));
      child.stdin!.end(JSON.stringify(doc));
    });
    expect(out.trim()).toBe('valid');
  });

  it('documents every route the server answers', () => {
    const served = new Set(t.routes.filter((r) => r.url.startsWith('/api/v1/') && !['HEAD', 'OPTIONS'].includes(r.method)).map((r) => `${r.method} ${r.url}`));
    const tabled = new Set(routes.map((r) => `${r.method} ${r.path}`));
    expect([...served].filter((r) => !tabled.has(r))).toEqual([]);
    const missing = routes.filter((r) => !doc.paths[r.openapiPath]?.[r.method.toLowerCase()]).map((r) => `${r.method} ${r.openapiPath}`);
    expect(missing).toEqual([]);
    expect(routes.length).toBeGreaterThan(100);
  });

  it('has every body field, query parameter and path parameter of every operation, with types and limits', () => {
    const problems: string[] = [];
    for (const r of routes) {
      const op = doc.paths[r.openapiPath]![r.method.toLowerCase()]!;
      const where = `${r.method} ${r.openapiPath}`;
      const params = op.parameters ?? [];
      for (const name of r.pathParams) if (!params.some((p) => p.in === 'path' && p.name === name)) problems.push(`${where}: path parameter ${name} missing`);
      for (const name of r.queryNames) if (!params.some((p) => p.in === 'query' && p.name === name)) problems.push(`${where}: query parameter ${name} missing`);
      if (r.query) {
        const query = params.filter((p) => p.in === 'query');
        const props = Object.fromEntries(query.map((p) => [p.name, { ...p.schema }]));
        checkFields(`${where} query`, describeDto(r.query), props, new Set(query.filter((p) => p.required).map((p) => p.name)), problems);
      }
      if (r.body) {
        const schema = deref(op.requestBody?.content['application/json']?.schema);
        if (!schema) problems.push(`${where}: no JSON body schema`);
        else checkFields(`${where} body`, describeDto(r.body), schema.properties ?? {}, new Set(schema.required ?? []), problems);
      }
      if (r.multipart && !op.requestBody?.content['multipart/form-data']) problems.push(`${where}: multipart body not documented`);
    }
    expect(problems).toEqual([]);
  });

  it('lists the error codes of every operation, one response per status, with the error envelope', () => {
    const problems: string[] = [];
    for (const r of routes) {
      const op = doc.paths[r.openapiPath]![r.method.toLowerCase()]!;
      const where = `${r.method} ${r.openapiPath}`;
      const codes = op['x-error-codes'] ?? [];
      const must: ErrorCode[] = [...GENERIC_API_ERRORS.any, ...(r.auth ? GENERIC_API_ERRORS.auth : []), ...(r.body ? GENERIC_API_ERRORS.body : []), ...(r.pathParams.length ? GENERIC_API_ERRORS.path : [])];
      for (const c of must) if (!codes.includes(c)) problems.push(`${where}: ${c} not listed`);
      for (const c of codes) {
        const res = op.responses[String(ERRORS[c].status)];
        if (!res?.description.includes(c) || res.content?.['application/json']?.schema.$ref !== '#/components/schemas/ErrorEnvelope') problems.push(`${where}: no ${ERRORS[c].status} response naming ${c}`);
      }
      if (!Object.keys(op.responses).some((s) => s.startsWith('2'))) problems.push(`${where}: no success response`);
    }
    expect(problems).toEqual([]);
  });

  it('documents the body of every success response: a schema per media type, or 204 for a method that returns nothing', () => {
    const problems: string[] = [];
    for (const r of routes) {
      const op = doc.paths[r.openapiPath]![r.method.toLowerCase()]!;
      const where = `${r.method} ${r.openapiPath} (${r.controller}.${r.handler})`;
      const res = op.responses[String(r.successStatus)];
      if (!res) {
        problems.push(`${where}: no ${r.successStatus} response`);
        continue;
      }
      const key = `${r.controller}.${r.handler}`;
      if (!(key in RESPONSE_SCHEMAS.operations)) problems.push(`${where}: not in response-schemas.generated.ts (run gen:responses)`);
      const content = Object.entries(res.content ?? {});
      if (RESPONSE_SCHEMAS.operations[key] === null) {
        // Declared `void`: the only honest documentation is an explicit empty answer.
        if (r.successStatus !== 204) problems.push(`${where}: returns nothing but answers ${r.successStatus}; declare @HttpCode(204)`);
        if (content.length) problems.push(`${where}: returns nothing but documents a body`);
        continue;
      }
      if (!content.length) problems.push(`${where}: ${r.successStatus} response has no body schema`);
      for (const [media, { schema }] of content) if (!schema || !Object.keys(schema).length) problems.push(`${where}: ${media} body has an empty schema`);
    }
    expect(problems).toEqual([]);
  });

  it('resolves every $ref of the document, and lists the 204 operations', () => {
    const refs = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === '$ref' && typeof x === 'string' ? refs.add(x) : walk(x);
    };
    walk(doc);
    const dangling = [...refs].filter((ref) => !ref.startsWith('#/components/schemas/') || !doc.components.schemas[ref.slice('#/components/schemas/'.length)]);
    expect(dangling).toEqual([]);
    // The shared DTOs the mini-program reads are components, named as in @weigrid/shared.
    const schema = (path: string, method: string) => doc.paths[`/api/v1${path}`]![method]!.responses[method === 'post' ? '201' : '200']!.content!['application/json']!.schema;
    expect(schema('/events', 'post')).toEqual({ $ref: '#/components/schemas/EventCreatedDto' });
    expect(schema('/events/{id}', 'get')).toEqual({ $ref: '#/components/schemas/EventViewDto' });
    expect(schema('/events', 'get').properties!.items).toEqual({ type: 'array', items: { $ref: '#/components/schemas/EventSummaryDto' } });
    const noBody = routes.filter((r) => RESPONSE_SCHEMAS.operations[`${r.controller}.${r.handler}`] === null).map((r) => `${r.method} ${r.openapiPath}`);
    expect(noBody.length).toBeGreaterThan(0);
    expect(noBody.every((k) => k.startsWith('DELETE ') || k.startsWith('POST '))).toBe(true);
  });

  it("lists, for each module's tags, every code that module's code throws", () => {
    const src = join(import.meta.dirname, '../../src');
    const problems: string[] = [];
    const generic = new Set<string>(Object.values(GENERIC_API_ERRORS).flat());
    for (const dir of readdirSync(src, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const files = readdirSync(join(src, dir.name), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
      const text = files.map((f) => readFileSync(join(src, dir.name, f), 'utf8')).join('\n');
      const tags = [...text.matchAll(/@ApiTags\('([^']+)'\)/g)].map((m) => m[1]!);
      if (!tags.length) continue;
      const thrown = new Set([...text.matchAll(/AppError\('([A-Z_]+)'/g)].map((m) => m[1]!));
      if (/\bnotFound\(/.test(text)) thrown.add('NOT_FOUND');
      if (/\bforbidden\(/.test(text)) thrown.add('FORBIDDEN');
      const listed = new Set<string>(tags.flatMap((tag) => TAG_API_ERRORS[tag] ?? []));
      for (const c of thrown) if (!listed.has(c) && !generic.has(c)) problems.push(`src/${dir.name} throws ${c}; TAG_API_ERRORS[${tags.join('|')}] does not list it`);
    }
    expect(problems).toEqual([]);
  });
});
