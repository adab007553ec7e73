/**
 * GeoReport v2 wire formats. Every answer is a list (or a single object for a service
 * definition) of flat records whose fields are scalars, except the few nested lists the
 * specification defines (a definition's `attributes` → `values`). The same record renders as
 * JSON and as XML: `<root><item>…fields…</item></root>` with the element names of the spec.
 */

export type Open311Format = 'json' | 'xml';

/** A field value: scalars, or a nested list of records (rendered as `<name><item>…</item></name>`). */
export type Open311Value = string | number | boolean | null | Open311List;
export interface Open311List {
  item: string;
  records: Open311Record[];
}
export type Open311Record = Record<string, Open311Value>;

/** Element names of each answer: root and item. */
export const XML_SHAPES = {
  services: { root: 'services', item: 'service' },
  requests: { root: 'service_requests', item: 'request' },
  errors: { root: 'errors', item: 'error' },
} as const;

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text as XML character data; characters XML 1.0 cannot carry at all (most C0 controls) are dropped. */
export function xmlText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

function xmlValue(name: string, v: Open311Value): string {
  if (v === null) return `<${name}/>`;
  if (typeof v === 'object') return `<${name}>${v.records.map((r) => xmlRecord(v.item, r)).join('')}</${name}>`;
  return `<${name}>${xmlText(String(v))}</${name}>`;
}

function xmlRecord(item: string, r: Open311Record): string {
  return `<${item}>${Object.entries(r).map(([k, v]) => xmlValue(k, v)).join('')}</${item}>`;
}

const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>';

/** A list answer (`services`, `service_requests`, `errors`) as an XML document. */
export function xmlList(shape: { root: string; item: string }, records: Open311Record[]): string {
  return `${XML_DECL}<${shape.root}>${records.map((r) => xmlRecord(shape.item, r)).join('')}</${shape.root}>`;
}

/** A single-object answer (`service_definition`) as an XML document. */
export function xmlObject(root: string, r: Open311Record): string {
  return `${XML_DECL}<${root}>${Object.entries(r).map(([k, v]) => xmlValue(k, v)).join('')}</${root}>`;
}

function jsonValue(v: Open311Value): unknown {
  if (v !== null && typeof v === 'object') return v.records.map(jsonRecord);
  return v;
}

function jsonRecord(r: Open311Record): Record<string, unknown> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, jsonValue(v)]));
}

export function jsonList(records: Open311Record[]): string {
  return JSON.stringify(records.map(jsonRecord));
}

export function jsonObject(r: Open311Record): string {
  return JSON.stringify(jsonRecord(r));
}

export const CONTENT_TYPE: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** The deployment's civil time: China Standard Time, no daylight saving. */
const OFFSET_MIN = 8 * 60;

/**
 * A W3C/ISO 8601 datetime with its offset, in +08:00 (what a 12345 operator reads), whole
 * seconds: 2026-01-15T16:00:00+08:00.
 */
export function w3cDate(d: Date): string {
  const local = new Date(d.getTime() + OFFSET_MIN * 60_000);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}

/** The W3C datetime forms GeoReport clients send (date, or date-time with seconds, fraction and a zone). */
const W3C_INPUT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Parses a W3C datetime; a date alone is midnight +08:00. null when malformed or not a real date. */
export function parseW3c(s: string): Date | null {
  const m = W3C_INPUT.exec(s.trim());
  if (!m) return null;
  const iso = m[4] === undefined ? `${m[1]}-${m[2]}-${m[3]}T00:00:00+08:00` : s.trim();
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  // Reject dates JS rolled over (2026-02-30).
  const check = new Date(d.getTime() + (m[7] && m[7] !== 'Z' ? offsetMinutes(m[7]) : m[4] === undefined ? OFFSET_MIN : 0) * 60_000);
  if (check.getUTCFullYear() !== Number(m[1]) || check.getUTCMonth() + 1 !== Number(m[2]) || check.getUTCDate() !== Number(m[3])) return null;
  return d;
}

function offsetMinutes(z: string): number {
  const sign = z.startsWith('-') ? -1 : 1;
  return sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(4, 6)));
}
