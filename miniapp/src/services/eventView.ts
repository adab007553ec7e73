import { ACTIONS, EVENT_STATE_LABEL, isEventAction, isEventState, type ActionInput, type ActionSpec } from '@weigrid/shared'

/** How events look in lists and on the detail page. */
/** Timeline rows also carry audit actions that are not workflow transitions. */
const EXTRA_ACTION_LABEL: Record<string, string> = { created: '上报', report: '上报', support: '我也遇到', reroute: '改派网格', call_reporter: '联系上报人', merged_from: '合并重复件', due_soon: '临期预警', overdue: '超期上报', self_handle: '自行处置' }

export function stateLabel(state: string): string {
  return isEventState(state) ? EVENT_STATE_LABEL[state] : state
}

export function actionLabel(action: string): string {
  return isEventAction(action) ? ACTIONS[action].label : EXTRA_ACTION_LABEL[action] ?? action
}

/** Tag tone: done (green), refused (red), otherwise open (yellow); the word is always shown too. */
export function stateTone(state: string): 'done' | 'bad' | 'open' {
  if (state === 'resolved' || state === 'closed') return 'done'
  if (state === 'rejected') return 'bad'
  return 'open'
}

/** A long description's start for lists (the page shows all of it). */
export function shorten(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim()
  return t.length > max ? `${t.slice(0, max)}…` : t
}

/** Chip colour: done (green), refused (red), otherwise open (yellow). */
export function stateClass(state: string): string {
  if (state === 'resolved' || state === 'closed') return 'state-chip state-done'
  if (state === 'rejected') return 'state-chip state-bad'
  return 'state-chip state-open'
}

export function formatTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

/** The one line the form shows under an action: what it does (from the workflow table). */
export function actionHint(action: string): string {
  return isEventAction(action) ? ACTIONS[action].hint : ''
}

export interface ActionFormSpec {
  noteRequired: boolean
  note: boolean
  rating: boolean
  hours: boolean
  photos: boolean
  photosRequired: boolean
  /** 核查: passed or not. */
  passed: boolean
  category: boolean
  gridCode: boolean
  departmentId: boolean
  targetId: boolean
  priority: boolean
  /** 回访: fixed or not. */
  fixed: boolean
}

/** Inputs the action form shows, and which must be filled (read from the workflow table). */
export function actionForm(action: string): ActionFormSpec {
  const spec: ActionSpec | undefined = isEventAction(action) ? ACTIONS[action] : undefined
  const takes = (i: ActionInput) => !!spec && ((spec.requires ?? []).includes(i) || (spec.accepts ?? []).includes(i) || (spec.oneOf ?? []).includes(i))
  return {
    noteRequired: !!spec?.requires?.includes('note'),
    note: takes('note'),
    rating: takes('rating'),
    hours: takes('hours'),
    // proof photos where the work is shown: handling, resolving, sending back, checking on site
    photos: action === 'resolve' || action === 'rework' || action === 'claim' || action === 'reopen' || takes('photos'),
    photosRequired: !!spec?.requires?.includes('photos'),
    passed: takes('passed'),
    category: takes('category'),
    gridCode: takes('gridCode'),
    departmentId: takes('departmentId') && action === 'transfer',
    targetId: takes('targetId'),
    priority: takes('priority'),
    fixed: takes('fixed')
  }
}
