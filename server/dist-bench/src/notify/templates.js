import { SUBSCRIBE_TEMPLATE_KEYS } from '@weigrid/shared';
/**
 * Subscribe-message templates. WeChat template ids and their field names (thing1, time2, …) are
 * chosen per mini-program in the WeChat console, so they come from config
 * (`WECHAT_SUBSCRIBE_TEMPLATES`, JSON); the code only knows the logical templates and the values
 * each offers. Example:
 *   {"task_new":{"id":"AbC…","fields":{"thing1":"category","thing2":"place","time3":"time"}}}
 */
export const TEMPLATE_VALUES = {
    task_new: ['category', 'place', 'time', 'eventNo', 'description'],
    event_progress: ['category', 'state', 'time', 'eventNo', 'remark'],
    event_overdue: ['category', 'place', 'deadline', 'eventNo', 'stage'],
    notice: ['title', 'sender', 'time', 'deadline'],
};
/** Placeholder ids for dev and tests (the fake WeChat server accepts any id). */
export const DEFAULT_TEMPLATES = {
    task_new: { id: 'dev-task-new', title: '新任务提醒', fields: { thing1: 'category', thing2: 'place', time3: 'time', character_string4: 'eventNo' } },
    event_progress: { id: 'dev-event-progress', title: '办理进度通知', fields: { thing1: 'category', phrase2: 'state', time3: 'time', thing4: 'remark' } },
    event_overdue: { id: 'dev-event-overdue', title: '超期提醒', fields: { thing1: 'category', thing2: 'place', time3: 'deadline', phrase4: 'stage' } },
    notice: { id: 'dev-notice', title: '待阅通知', fields: { thing1: 'title', thing2: 'sender', time3: 'time' } },
};
/** WeChat's value limits per field type (characters). Values are truncated to them, never rejected. */
const LIMITS = { thing: 20, character_string: 32, phrase: 5, name: 10, number: 32, letter: 32, symbol: 5, phone_number: 17, car_number: 8, amount: 32 };
const FIELD_RE = /^(thing|character_string|phrase|name|number|letter|symbol|phone_number|car_number|amount|time|date)(\d{1,2})$/;
export class TemplateConfigError extends Error {
}
/** Parses and checks the configured templates (merged over the defaults); throws with one line. */
export function parseTemplates(json) {
    const out = structuredClone(DEFAULT_TEMPLATES);
    if (!json)
        return out;
    let raw;
    try {
        raw = JSON.parse(json);
    }
    catch {
        throw new TemplateConfigError('WECHAT_SUBSCRIBE_TEMPLATES is not valid JSON');
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        throw new TemplateConfigError('WECHAT_SUBSCRIBE_TEMPLATES must be an object keyed by template');
    for (const [key, v] of Object.entries(raw)) {
        if (!SUBSCRIBE_TEMPLATE_KEYS.includes(key))
            throw new TemplateConfigError(`WECHAT_SUBSCRIBE_TEMPLATES: unknown template "${key}" (known: ${SUBSCRIBE_TEMPLATE_KEYS.join(', ')})`);
        const t = v;
        if (typeof t?.id !== 'string' || !/^[\w-]{1,128}$/.test(t.id))
            throw new TemplateConfigError(`WECHAT_SUBSCRIBE_TEMPLATES.${key}.id must be a template id`);
        const fields = t.fields ?? out[key].fields;
        if (typeof fields !== 'object' || fields === null)
            throw new TemplateConfigError(`WECHAT_SUBSCRIBE_TEMPLATES.${key}.fields must be an object`);
        for (const [f, src] of Object.entries(fields)) {
            if (!FIELD_RE.test(f))
                throw new TemplateConfigError(`WECHAT_SUBSCRIBE_TEMPLATES.${key}.fields: "${f}" is not a WeChat field name (thing1, time2, …)`);
            if (!TEMPLATE_VALUES[key].includes(String(src))) {
                throw new TemplateConfigError(`WECHAT_SUBSCRIBE_TEMPLATES.${key}.fields.${f}: "${String(src)}" is not a value of ${key} (${TEMPLATE_VALUES[key].join(', ')})`);
            }
        }
        out[key] = { id: t.id, title: typeof t.title === 'string' ? t.title : out[key].title, fields: fields };
    }
    return out;
}
/** China time as WeChat's `time` fields want it: 'YYYY-MM-DD HH:mm'. */
export function chinaTime(d) {
    const t = new Date(d.getTime() + 8 * 3600_000);
    return t.toISOString().slice(0, 16).replace('T', ' ');
}
/**
 * Builds the `data` object for a send from our values, fitting each to its field type: text is cut
 * to the limit (with '…'), character_string keeps printable ASCII, number keeps digits, phrase
 * keeps its first 5 characters, time/date values are formatted in China time.
 */
export function buildTemplateData(t, values) {
    const data = {};
    for (const [field, src] of Object.entries(t.fields)) {
        const type = FIELD_RE.exec(field)?.[1] ?? 'thing';
        data[field] = { value: fitValue(type, values[src] ?? '') };
    }
    return data;
}
export function fitValue(type, raw) {
    let v = raw.replace(/\s+/g, ' ').trim();
    if (type === 'time' || type === 'date') {
        const d = new Date(v);
        if (!v || Number.isNaN(d.getTime()))
            return chinaTime(new Date());
        return type === 'date' ? chinaTime(d).slice(0, 10) : chinaTime(d);
    }
    if (type === 'character_string' || type === 'letter')
        v = v.replace(/[^\x21-\x7e]/g, '');
    if (type === 'number' || type === 'amount')
        v = v.replace(/[^\d.]/g, '');
    if (!v)
        v = type === 'thing' || type === 'phrase' || type === 'name' ? '—' : '0';
    const lim = LIMITS[type];
    const chars = [...v];
    if (lim === undefined || chars.length <= lim)
        return v;
    // Cut with an ellipsis where the field allows any text; strict formats are just cut.
    return type === 'thing' || type === 'name' ? `${chars.slice(0, lim - 1).join('')}…` : chars.slice(0, lim).join('');
}
//# sourceMappingURL=templates.js.map