/**
 * Resident campaigns (三询问一完善, 返乡报备, …): a short form whose schema is data, checked the
 * same way by the server (authoritative) and the mini-program (to show errors before sending).
 */
export const QUESTION_TYPES = ['single', 'multi', 'text', 'number', 'date', 'photo'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface Question {
  /** Stable key inside the form: [a-z][a-z0-9_]{0,31}. */
  id: string;
  type: QuestionType;
  label: string;
  required?: boolean;
  /** single / multi: the allowed choices (1–30, each 1–40 chars, distinct). */
  options?: string[];
  /** single / multi: choosing any of these marks the household as needing help (→ an event). */
  helpIf?: string[];
  /** number: inclusive bounds. */
  min?: number;
  max?: number;
  /** text: maximum length (default 500). photo: maximum photos (default 3). */
  maxLength?: number;
  maxPhotos?: number;
}

export type AnswerValue = string | number | string[];
export type Answers = Record<string, AnswerValue>;

export interface CampaignTemplate {
  code: string;
  title: string;
  /** Event category a help request is filed under. */
  helpCategory: string;
  questions: Question[];
}

/** 三询问一完善 (Jiangmen Heshan): ask about registration, home safety and difficulties; complete the household file. */
export const TEMPLATE_SAN_XUN_WEN: CampaignTemplate = {
  code: 'sanxunwen',
  title: '三询问一完善',
  helpCategory: 'other',
  questions: [
    { id: 'registered', type: 'single', label: '一询问：家庭成员登记、检测是否完整？', required: true, options: ['已完整登记', '部分未登记', '均未登记'] },
    { id: 'hazards', type: 'multi', label: '二询问：家中是否存在安全隐患？', required: true, options: ['燃气', '用电', '电动车违规充电', '消防通道堵塞', '无'], helpIf: ['燃气', '用电', '电动车违规充电', '消防通道堵塞'] },
    { id: 'difficulty', type: 'single', label: '三询问：家庭是否有困难需要帮助？', required: true, options: ['没有', '有，需要帮助'], helpIf: ['有，需要帮助'] },
    { id: 'difficulty_note', type: 'text', label: '困难或隐患说明', maxLength: 500 },
    { id: 'residents', type: 'number', label: '一完善：常住人数', required: true, min: 0, max: 50 },
    { id: 'visited_on', type: 'date', label: '走访日期' },
    { id: 'photos', type: 'photo', label: '现场照片', maxPhotos: 3 },
  ],
};

/** Returning-home registration (返乡报备). */
export const TEMPLATE_RETURN_HOME: CampaignTemplate = {
  code: 'return_home',
  title: '返乡报备',
  helpCategory: 'other',
  questions: [
    { id: 'arrived_on', type: 'date', label: '返乡日期', required: true },
    { id: 'from_place', type: 'text', label: '出发地', required: true, maxLength: 100 },
    { id: 'people', type: 'number', label: '返乡人数', required: true, min: 1, max: 50 },
    { id: 'need_help', type: 'single', label: '是否需要社区协助？', options: ['不需要', '需要'], helpIf: ['需要'] },
  ],
};

export const CAMPAIGN_TEMPLATES: readonly CampaignTemplate[] = [TEMPLATE_SAN_XUN_WEN, TEMPLATE_RETURN_HOME];

/** Problems keyed by question id (or "questions[i].field" for schema problems). */
export type FormProblems = Record<string, string>;

const ID_RE = /^[a-z][a-z0-9_]{0,31}$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = DATE_RE.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === v;
}

/** Checks a form schema an admin submits; empty result = valid. */
export function validateQuestions(qs: unknown): FormProblems {
  const p: FormProblems = {};
  if (!Array.isArray(qs) || qs.length === 0 || qs.length > 30) return { questions: 'give 1 to 30 questions' };
  const seen = new Set<string>();
  qs.forEach((raw, i) => {
    const k = `questions[${i}]`;
    const q = raw as Partial<Question>;
    if (typeof q !== 'object' || q === null) return void (p[k] = 'must be an object');
    if (typeof q.id !== 'string' || !ID_RE.test(q.id)) p[`${k}.id`] = 'must match [a-z][a-z0-9_]{0,31}';
    else if (seen.has(q.id)) p[`${k}.id`] = `duplicate id ${q.id}`;
    else seen.add(q.id);
    if (!QUESTION_TYPES.includes(q.type as QuestionType)) p[`${k}.type`] = `must be one of ${QUESTION_TYPES.join(', ')}`;
    if (typeof q.label !== 'string' || q.label.trim().length === 0 || q.label.length > 200) p[`${k}.label`] = 'must be 1–200 characters';
    if (q.required !== undefined && typeof q.required !== 'boolean') p[`${k}.required`] = 'must be a boolean';
    const known = new Set(['id', 'type', 'label', 'required', 'options', 'helpIf', 'min', 'max', 'maxLength', 'maxPhotos']);
    for (const f of Object.keys(q)) if (!known.has(f)) p[`${k}.${f}`] = 'unknown field';
    if (q.type === 'single' || q.type === 'multi') {
      const o = q.options;
      if (!Array.isArray(o) || o.length === 0 || o.length > 30 || o.some((x) => typeof x !== 'string' || x.length === 0 || x.length > 40) || new Set(o).size !== o.length) {
        p[`${k}.options`] = 'give 1–30 distinct options of 1–40 characters';
      } else if (q.helpIf !== undefined && (!Array.isArray(q.helpIf) || q.helpIf.some((x) => !o.includes(x)))) {
        p[`${k}.helpIf`] = 'must list some of the options';
      }
    } else {
      if (q.options !== undefined) p[`${k}.options`] = 'only for single/multi questions';
      if (q.helpIf !== undefined) p[`${k}.helpIf`] = 'only for single/multi questions';
    }
    if (q.type === 'number') {
      if (q.min !== undefined && !Number.isFinite(q.min)) p[`${k}.min`] = 'must be a number';
      if (q.max !== undefined && !Number.isFinite(q.max)) p[`${k}.max`] = 'must be a number';
      if (Number.isFinite(q.min) && Number.isFinite(q.max) && q.min! > q.max!) p[`${k}.min`] = 'must not exceed max';
    } else if (q.min !== undefined || q.max !== undefined) p[`${k}.min`] = 'only for number questions';
    if (q.maxLength !== undefined && (q.type !== 'text' || !Number.isInteger(q.maxLength) || q.maxLength < 1 || q.maxLength > 2000)) p[`${k}.maxLength`] = 'text questions only, 1–2000';
    if (q.maxPhotos !== undefined && (q.type !== 'photo' || !Number.isInteger(q.maxPhotos) || q.maxPhotos < 1 || q.maxPhotos > 9)) p[`${k}.maxPhotos`] = 'photo questions only, 1–9';
  });
  return p;
}

/** The result of checking answers against a form: problems per question, and whether help was asked for. */
export interface AnswerCheck {
  problems: FormProblems;
  needsHelp: boolean;
  /** Photo upload ids mentioned (the server checks they exist and belong to the answerer). */
  photos: string[];
}

/** Checks answers against the form: every value of the right type, required ones present, nothing extra. */
export function checkAnswers(questions: readonly Question[], answers: unknown): AnswerCheck {
  const problems: FormProblems = {};
  const photos: string[] = [];
  let needsHelp = false;
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) return { problems: { answers: 'must be an object keyed by question id' }, needsHelp, photos };
  const a = answers as Record<string, unknown>;
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const k of Object.keys(a)) if (!byId.has(k)) problems[k] = 'no such question';
  for (const q of questions) {
    const v = a[q.id];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) {
      if (q.required) problems[q.id] = 'required';
      continue;
    }
    switch (q.type) {
      case 'single':
        if (typeof v !== 'string' || !q.options!.includes(v)) problems[q.id] = `must be one of: ${q.options!.join(' / ')}`;
        else if (q.helpIf?.includes(v)) needsHelp = true;
        break;
      case 'multi':
        if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !q.options!.includes(x)) || new Set(v).size !== v.length) problems[q.id] = `must be a list of distinct choices from: ${q.options!.join(' / ')}`;
        else if (v.some((x) => q.helpIf?.includes(x as string))) needsHelp = true;
        break;
      case 'text':
        if (typeof v !== 'string') problems[q.id] = 'must be text';
        else if (v.length > (q.maxLength ?? 500)) problems[q.id] = `must be at most ${q.maxLength ?? 500} characters`;
        break;
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v)) problems[q.id] = 'must be a number';
        else if ((q.min !== undefined && v < q.min) || (q.max !== undefined && v > q.max)) problems[q.id] = `must be between ${q.min ?? '-∞'} and ${q.max ?? '∞'}`;
        break;
      case 'date':
        if (!isIsoDate(v)) problems[q.id] = 'must be a date YYYY-MM-DD';
        break;
      case 'photo':
        if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !/^[A-Za-z0-9_-]{8,32}$/.test(x))) problems[q.id] = 'must be a list of upload ids';
        else if (v.length > (q.maxPhotos ?? 3)) problems[q.id] = `at most ${q.maxPhotos ?? 3} photos`;
        else photos.push(...(v as string[]));
        break;
    }
  }
  return { problems, needsHelp, photos };
}

/**
 * The key that makes "one answer per household": the micro-grid code plus the normalized address
 * (spaces dropped, full-width digits/letters folded, lower case), so "3栋 2单元 501" and
 * "3栋2单元５０１" are the same household. When the household register (reg_household) knows the
 * household, its id is used instead: "h:<id>".
 */
export function householdKey(microGridCode: string, address: string): string {
  const norm = address
    .normalize('NFKC')
    .replace(/[\s\u3000·\-—_,，.。#]/g, '')
    .toLowerCase();
  return `${microGridCode}:${norm}`;
}

export interface CampaignDto {
  id: number;
  title: string;
  template: string | null;
  node: { code: string; name: string };
  questions: Question[];
  opensOn: string;
  closesOn: string;
  helpCategory: string;
  open: boolean;
  createdAt: string;
}

/** A campaign runs at most this many days, both ends included. */
export const MAX_CAMPAIGN_DAYS = 366;

/** POST /campaigns: a campaign for a subtree, its form from a template or given. */
export interface CreateCampaignRequest {
  /** 1–100 characters. */
  title: string;
  /** Grid code of the subtree the campaign runs in (the creator must administer it). */
  nodeCode: string;
  /** Start from a template (sanxunwen = 三询问一完善, return_home = 返乡报备). */
  template?: string;
  /** The form; defaults to the template's questions. */
  questions?: Question[];
  /** YYYY-MM-DD, local days, both included; at most MAX_CAMPAIGN_DAYS days. */
  opensOn: string;
  closesOn: string;
  /** Event category a help request is filed under; defaults to the template's. */
  helpCategory?: string;
}

/**
 * PUT /campaigns/:id/answers: one household's answer, by one of its confirmed members or by the
 * micro-grid's staff on a visit. A second answer replaces the first, which is kept in history; a
 * help request stays open until its event is closed.
 */
export interface AnswerCampaignRequest {
  /** The household's micro-grid (18 digits). */
  microGridCode: string;
  /** Building / unit / room, 1–150 characters, e.g. 3栋2单元501. */
  address: string;
  /**
   * The register household answered for. Residents may leave it out when they are a confirmed
   * member of exactly one household in the micro-grid; staff give it when visiting a registered
   * household (else the address names the household).
   */
  householdId?: number;
  /** Keyed by question id; empty answers are left out. */
  answers: Answers;
}

export interface CampaignAnswerDto {
  id: number;
  campaignId: number;
  householdKey: string;
  /** The register household, when the answer names one. */
  householdId: number | null;
  microGrid: { code: string; name: string };
  address: string;
  answers: Answers;
  /** Stays true while the help request's event is open, whatever later answers say. */
  needsHelp: boolean;
  eventId: number | null;
  answeredBy: number;
  via: 'resident' | 'visit';
  createdAt: string;
  updatedAt: string;
  /** True when this request replaced an earlier answer of the same household. */
  updated?: boolean;
}

export interface CampaignProgressRow {
  code: string;
  name: string;
  answered: number;
  /** Households known to the register under the node; null when the register has none. */
  known: number | null;
  /** answered / known, 0..1, null when known is null or 0. */
  rate: number | null;
  needsHelp: number;
}

export interface CampaignProgressDto {
  campaignId: number;
  node: CampaignProgressRow;
  children: CampaignProgressRow[];
}
