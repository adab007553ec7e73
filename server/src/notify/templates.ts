import { FIELD_RE, type TemplateConfig } from '../config/subscribe-templates.js';

export { DEFAULT_TEMPLATES, parseTemplates, TEMPLATE_VALUES, TemplateConfigError, type TemplateConfig } from '../config/subscribe-templates.js';

/** WeChat's value limits per field type (characters). Values are truncated to them, never rejected. */
const LIMITS: Record<string, number> = { thing: 20, character_string: 32, phrase: 5, name: 10, number: 32, letter: 32, symbol: 5, phone_number: 17, car_number: 8, amount: 32 };

/** China time as WeChat's `time` fields want it: 'YYYY-MM-DD HH:mm'. */
export function chinaTime(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3600_000);
  return t.toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Builds the `data` object for a send from our values, fitting each to its field type: text is cut
 * to the limit (with '…'), character_string keeps printable ASCII, number keeps digits, phrase
 * keeps its first 5 characters, time/date values are formatted in China time.
 */
export function buildTemplateData(t: TemplateConfig, values: Record<string, string | undefined>): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {};
  for (const [field, src] of Object.entries(t.fields)) {
    const type = FIELD_RE.exec(field)?.[1] ?? 'thing';
    data[field] = { value: fitValue(type, values[src] ?? '') };
  }
  return data;
}

export function fitValue(type: string, raw: string): string {
  let v = raw.replace(/\s+/g, ' ').trim();
  if (type === 'time' || type === 'date') {
    const d = new Date(v);
    if (!v || Number.isNaN(d.getTime())) return chinaTime(new Date());
    return type === 'date' ? chinaTime(d).slice(0, 10) : chinaTime(d);
  }
  if (type === 'character_string' || type === 'letter') v = v.replace(/[^\x21-\x7e]/g, '');
  if (type === 'number' || type === 'amount') v = v.replace(/[^\d.]/g, '');
  if (!v) v = type === 'thing' || type === 'phrase' || type === 'name' ? '—' : '0';
  const lim = LIMITS[type];
  const chars = [...v];
  if (lim === undefined || chars.length <= lim) return v;
  // Cut with an ellipsis where the field allows any text; strict formats are just cut.
  return type === 'thing' || type === 'name' ? `${chars.slice(0, lim - 1).join('')}…` : chars.slice(0, lim).join('');
}
