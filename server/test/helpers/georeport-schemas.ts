/**
 * GeoReport v2 answers as field tables, written from the specification's tables
 * (wiki.open311.org/GeoReport_v2: GET services, GET service definition, POST service request,
 * GET service_request_id from a token, GET service requests, errors), and checked two ways from the
 * same tables: JSON against a JSON Schema generated from them (ajv, strict: no unknown fields), XML
 * by a strict parser (saxes: well-formed, UTF-8 declaration) walking the same tables. Datetimes are
 * W3C/ISO 8601 with an offset, as the specification requires.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsNs from 'ajv-formats';
import { SaxesParser } from 'saxes';

type Scalar = 'string' | 'integer' | 'decimal' | 'boolean' | 'datetime' | 'url';
interface Field {
  name: string;
  type: Scalar | { enum: readonly string[] } | { list: string; fields: Field[] };
  /** The element must be present (it may still be empty/null when `nullable`). */
  required?: boolean;
  nullable?: boolean;
  min?: number;
  max?: number;
}
/** An answer: a list of `item` records under `root`, or one object `root`. */
interface Answer {
  root: string;
  item?: string;
  fields: Field[];
  /** At least one of these fields must be present (POST answers: service_request_id or token). */
  oneOf?: string[];
}

const f = (name: string, type: Field['type'], opts: Partial<Field> = {}): Field => ({ name, type, ...opts });
const req = { required: true };
const opt = { nullable: true };

/** The W3C datetime profile with a mandatory offset (1994-11-05T08:15:30-05:00 or …Z). */
export const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export const GEOREPORT: Record<'services' | 'definition' | 'created' | 'token' | 'requests' | 'errors', Answer> = {
  services: {
    root: 'services',
    item: 'service',
    fields: [
      f('service_code', 'string', req),
      f('service_name', 'string', req),
      f('description', 'string', opt),
      f('metadata', 'boolean', req),
      f('type', { enum: ['realtime', 'batch', 'blackbox'] }, req),
      f('keywords', 'string', opt),
      f('group', 'string', opt),
    ],
  },
  definition: {
    root: 'service_definition',
    fields: [
      f('service_code', 'string', req),
      f(
        'attributes',
        {
          list: 'attribute',
          fields: [
            f('variable', 'boolean', req),
            f('code', 'string', req),
            f('datatype', { enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] }, req),
            f('required', 'boolean', req),
            f('datatype_description', 'string', opt),
            f('order', 'integer', { ...req, min: 0 }),
            f('description', 'string', req),
            f('values', { list: 'value', fields: [f('key', 'string', req), f('name', 'string', req)] }),
          ],
        },
        req,
      ),
    ],
  },
  created: {
    root: 'service_requests',
    item: 'request',
    oneOf: ['service_request_id', 'token'],
    fields: [f('service_request_id', 'string'), f('token', 'string'), f('service_notice', 'string', opt), f('account_id', 'string', opt)],
  },
  token: {
    root: 'service_requests',
    item: 'request',
    fields: [f('service_request_id', 'string', req), f('token', 'string', req)],
  },
  requests: {
    root: 'service_requests',
    item: 'request',
    fields: [
      f('service_request_id', 'string', req),
      f('status', { enum: ['open', 'closed'] }, req),
      f('status_notes', 'string', opt),
      f('service_name', 'string', opt),
      f('service_code', 'string', req),
      f('description', 'string', opt),
      f('agency_responsible', 'string', opt),
      f('service_notice', 'string', opt),
      f('requested_datetime', 'datetime', req),
      f('updated_datetime', 'datetime', opt),
      f('expected_datetime', 'datetime', opt),
      f('address', 'string', opt),
      f('address_id', 'string', opt),
      f('zipcode', 'string', opt),
      f('lat', 'decimal', { ...opt, min: -90, max: 90 }),
      f('long', 'decimal', { ...opt, min: -180, max: 180 }),
      f('media_url', 'url', opt),
    ],
  },
  errors: {
    root: 'errors',
    item: 'error',
    fields: [f('code', 'integer', { ...req, min: 400, max: 599 }), f('description', 'string', req)],
  },
};

// ── JSON: a JSON Schema from the tables ──

function jsonField(x: Field): Record<string, unknown> {
  let s: Record<string, unknown>;
  const t = x.type;
  if (typeof t === 'object' && 'enum' in t) s = { type: 'string', enum: [...t.enum] };
  else if (typeof t === 'object') s = { type: 'array', items: jsonRecord(t.fields) };
  else if (t === 'string') s = { type: 'string' };
  else if (t === 'integer') s = { type: 'integer' };
  else if (t === 'decimal') s = { type: 'number' };
  else if (t === 'boolean') s = { type: 'boolean' };
  else if (t === 'datetime') s = { type: 'string', format: 'date-time', pattern: W3C_DATETIME.source };
  else s = { type: 'string', format: 'uri', pattern: '^https?://' };
  if (x.min !== undefined) s.minimum = x.min;
  if (x.max !== undefined) s.maximum = x.max;
  return x.nullable ? { anyOf: [s, { type: 'null' }] } : s;
}

function jsonRecord(fields: Field[], oneOf?: string[]): Record<string, unknown> {
  const s: Record<string, unknown> = {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(fields.map((x) => [x.name, jsonField(x)])),
    required: fields.filter((x) => x.required).map((x) => x.name),
  };
  if (oneOf) s.anyOf = oneOf.map((n) => ({ required: [n], properties: { [n]: { type: 'string', minLength: 1 } } }));
  return s;
}

/** The JSON Schema (2020-12) of an answer: an array of records, or one object. */
export function jsonSchemaOf(a: Answer): Record<string, unknown> {
  const rec = jsonRecord(a.fields, a.oneOf);
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', ...(a.item ? { type: 'array', items: rec } : rec) };
}

const addFormats = ((addFormatsNs as unknown as { default?: unknown }).default ?? addFormatsNs) as (ajv: unknown) => void;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const compiled = new Map<Answer, ReturnType<typeof ajv.compile>>();

/** Problems of a JSON answer (empty: valid). */
export function jsonProblems(a: Answer, body: unknown): string[] {
  let v = compiled.get(a);
  if (!v) compiled.set(a, (v = ajv.compile(jsonSchemaOf(a))));
  return v(body) ? [] : (v.errors ?? []).map((e: { instancePath: string; message?: string; params: unknown }) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

// ── XML: a strict parse, then the same tables ──

interface El {
  name: string;
  children: El[];
  text: string;
  attributes: number;
}

/** Parses XML strictly (well-formedness errors throw); elements with their text and children. */
export function parseXml(xml: string): { root: El; declaration: { version?: string; encoding?: string } } {
  const p = new SaxesParser({ xmlns: false });
  let root: El | null = null;
  const stack: El[] = [];
  let declaration: { version?: string; encoding?: string } = {};
  p.on('xmldecl', (d) => {
    declaration = { version: d.version, encoding: d.encoding };
  });
  p.on('opentag', (t) => {
    const el: El = { name: t.name, children: [], text: '', attributes: Object.keys(t.attributes).length };
    if (stack.length) stack[stack.length - 1]!.children.push(el);
    else root = el;
    stack.push(el);
  });
  p.on('text', (t) => {
    if (stack.length) stack[stack.length - 1]!.text += t;
    else if (t.trim()) throw new Error('text outside the root element');
  });
  p.on('closetag', () => void stack.pop());
  p.on('error', (e) => {
    throw e;
  });
  p.write(xml).close();
  if (!root) throw new Error('no root element');
  return { root, declaration };
}

const LEXICAL: Record<Scalar, RegExp> = {
  string: /^[\s\S]*$/,
  integer: /^-?\d+$/,
  decimal: /^-?\d+(\.\d+)?$/,
  boolean: /^(true|false)$/,
  datetime: W3C_DATETIME,
  url: /^https?:\/\/\S+$/,
};

function xmlRecord(el: El, fields: Field[], where: string, oneOf: string[] | undefined, out: string[]): void {
  const byName = new Map(fields.map((x) => [x.name, x]));
  const seen = new Set<string>();
  if (el.attributes) out.push(`${where}: attributes are not part of GeoReport v2`);
  for (const c of el.children) {
    const x = byName.get(c.name);
    const at = `${where}/${c.name}`;
    if (!x) {
      out.push(`${at}: unknown element`);
      continue;
    }
    if (seen.has(c.name)) out.push(`${at}: repeated`);
    seen.add(c.name);
    const t = x.type;
    if (typeof t === 'object' && 'list' in t) {
      for (const [i, item] of c.children.entries()) {
        if (item.name !== t.list) out.push(`${at}[${i}]: expected <${t.list}>, got <${item.name}>`);
        else xmlRecord(item, t.fields, `${at}/${t.list}[${i}]`, undefined, out);
      }
      if (c.text.trim()) out.push(`${at}: text beside the <${t.list}> list`);
      continue;
    }
    if (c.children.length) out.push(`${at}: a scalar field has child elements`);
    const v = c.text;
    if (v === '') {
      if (!x.nullable && x.type !== 'string') out.push(`${at}: empty but not nullable`);
      continue;
    }
    if (typeof t === 'object' && 'enum' in t) {
      if (!t.enum.includes(v)) out.push(`${at}: ${JSON.stringify(v)} not one of ${t.enum.join('|')}`);
      continue;
    }
    if (!LEXICAL[t as Scalar].test(v)) out.push(`${at}: ${JSON.stringify(v)} is not a ${String(t)}`);
    if ((t === 'integer' || t === 'decimal') && ((x.min !== undefined && Number(v) < x.min) || (x.max !== undefined && Number(v) > x.max))) out.push(`${at}: ${v} out of range`);
  }
  for (const x of fields) if (x.required && !seen.has(x.name)) out.push(`${where}/${x.name}: required element missing`);
  if (oneOf && !oneOf.some((n) => seen.has(n) && el.children.find((c) => c.name === n)!.text !== '')) out.push(`${where}: needs one of ${oneOf.join(', ')}`);
}

/** Problems of an XML answer (empty: valid), and the records as plain objects of text (for assertions). */
export function xmlProblems(a: Answer, xml: string): { problems: string[]; records: Record<string, string>[] } {
  const out: string[] = [];
  let parsed: ReturnType<typeof parseXml>;
  try {
    parsed = parseXml(xml);
  } catch (e) {
    return { problems: [`not well-formed: ${(e as Error).message}`], records: [] };
  }
  if (parsed.declaration.version !== '1.0' || parsed.declaration.encoding?.toLowerCase() !== 'utf-8') out.push('missing <?xml version="1.0" encoding="utf-8"?>');
  const { root } = parsed;
  if (root.name !== a.root) out.push(`root is <${root.name}>, expected <${a.root}>`);
  const items = a.item ? root.children : [root];
  if (a.item) for (const [i, c] of root.children.entries()) if (c.name !== a.item) out.push(`/${a.root}[${i}]: expected <${a.item}>, got <${c.name}>`);
  items.forEach((it, i) => xmlRecord(it, a.fields, a.item ? `/${a.root}/${a.item}[${i}]` : `/${a.root}`, a.oneOf, out));
  const records = items.map((it) => Object.fromEntries(it.children.filter((c) => c.children.length === 0).map((c) => [c.name, c.text])));
  return { problems: out, records };
}
