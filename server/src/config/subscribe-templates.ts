import { SUBSCRIBE_TEMPLATE_KEYS, type SubscribeTemplateKey } from '@weigrid/shared';

/**
 * Subscribe-message templates. WeChat template ids and their field names (thing1, time2, …) are
 * chosen per mini-program in the WeChat console, so they come from config
 * (`WECHAT_SUBSCRIBE_TEMPLATES`, JSON); the code only knows the logical templates and the values
 * each offers. Example:
 *   {"task_new":{"id":"AbC…","fields":{"thing1":"category","thing2":"place","time3":"time"}}}
 */
// Here, not in notify/, because the config validates WECHAT_SUBSCRIBE_TEMPLATES at boot and
// notify reads the config: config must not import notify (issue 17, import cycles).
export const TEMPLATE_VALUES: Record<SubscribeTemplateKey, readonly string[]> = {
  task_new: ['category', 'place', 'time', 'eventNo', 'description'],
  event_progress: ['category', 'state', 'time', 'eventNo', 'remark'],
  event_overdue: ['category', 'place', 'deadline', 'eventNo', 'stage'],
  notice: ['title', 'sender', 'time', 'deadline'],
};

export interface TemplateConfig {
  id: string;
  title: string;
  /** WeChat field (e.g. 'thing1') → our value name (e.g. 'category'). */
  fields: Record<string, string>;
}

/** Placeholder ids for dev and tests (the fake WeChat server accepts any id). */
export const DEFAULT_TEMPLATES: Record<SubscribeTemplateKey, TemplateConfig> = {
  task_new: { id: 'dev-task-new', title: '新任务提醒', fields: { thing1: 'category', thing2: 'place', time3: 'time', character_string4: 'eventNo' } },
  event_progress: { id: 'dev-event-progress', title: '办理进度通知', fields: { thing1: 'category', phrase2: 'state', time3: 'time', thing4: 'remark' } },
  event_overdue: { id: 'dev-event-overdue', title: '超期提醒', fields: { thing1: 'category', thing2: 'place', time3: 'deadline', phrase4: 'stage' } },
  notice: { id: 'dev-notice', title: '待阅通知', fields: { thing1: 'title', thing2: 'sender', time3: 'time' } },
};

export const FIELD_RE = /^(thing|character_string|phrase|name|number|letter|symbol|phone_number|car_number|amount|time|date)(\d{1,2})$/;

export class TemplateConfigError extends Error {}

/** Parses and checks the configured templates (merged over the defaults); throws with one line. */
export function parseTemplates(json: string | undefined): Record<SubscribeTemplateKey, TemplateConfig> {
  const out: Record<SubscribeTemplateKey, TemplateConfig> = structuredClone(DEFAULT_TEMPLATES);
  if (!json) return out;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new TemplateConfigError('WECHAT_SUBSCRIBE_TEMPLATES is not valid JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new TemplateConfigError('WECHAT_SUBSCRIBE_TEMPLATES must be an object keyed by template');
  for (const [key, v] of Object.entries(raw as Record<string, unknown>)) {
    if (!(SUBSCRIBE_TEMPLATE_KEYS as readonly string[]).includes(key)) throw new TemplateConfigError(`WECHAT_SUBSCRIBE_TEMPLATES: unknown template "${key}" (known: ${SUBSCRIBE_TEMPLATE_KEYS.join(', ')})`);
    const t = v as Partial<TemplateConfig>;
    if (typeof t?.id !== 'string' || !/^[\w-]{1,128}$/.test(t.id)) throw new TemplateConfigError(`WECHAT_SUBSCRIBE_TEMPLATES.${key}.id must be a template id`);
    const fields = t.fields ?? out[key as SubscribeTemplateKey].fields;
    if (typeof fields !== 'object' || fields === null) throw new TemplateConfigError(`WECHAT_SUBSCRIBE_TEMPLATES.${key}.fields must be an object`);
    for (const [f, src] of Object.entries(fields)) {
      if (!FIELD_RE.test(f)) throw new TemplateConfigError(`WECHAT_SUBSCRIBE_TEMPLATES.${key}.fields: "${f}" is not a WeChat field name (thing1, time2, …)`);
      if (!TEMPLATE_VALUES[key as SubscribeTemplateKey].includes(String(src))) {
        throw new TemplateConfigError(`WECHAT_SUBSCRIBE_TEMPLATES.${key}.fields.${f}: "${String(src)}" is not a value of ${key} (${TEMPLATE_VALUES[key as SubscribeTemplateKey].join(', ')})`);
      }
    }
    out[key as SubscribeTemplateKey] = { id: t.id, title: typeof t.title === 'string' ? t.title : out[key as SubscribeTemplateKey].title, fields: fields as Record<string, string> };
  }
  return out;
}
