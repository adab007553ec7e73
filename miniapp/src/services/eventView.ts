/** How events look in lists and on the detail page. */
// MIRROR of EVENT_STATE_LABEL / ACTIONS[*].label in shared/src/workflow.ts (events branch)
export const STATE_LABEL: Record<string, string> = {
  reported: '待核实',
  rejected: '不予立案',
  accepted: '已立案',
  dispatched: '已派单',
  in_progress: '处置中',
  escalated: '已上报上级',
  dept_assigned: '部门办理',
  suspended: '缓办',
  resolved: '已办结',
  closed: '已结案'
}
export const ACTION_LABEL: Record<string, string> = {
  created: '上报',
  verify: '立案',
  reject: '不予立案',
  dispatch: '派单',
  claim: '接单',
  resolve: '办结',
  close: '结案',
  rework: '返工',
  rate: '评价',
  escalate: '上报上级',
  whistle: '吹哨',
  return: '退回',
  request_extension: '申请延期',
  approve_extension: '批准延期',
  request_suspension: '申请缓办',
  suspend: '缓办',
  resume: '恢复办理',
  support: '我也遇到'
}

export function stateLabel(state: string): string {
  return STATE_LABEL[state] ?? state
}

export function actionLabel(action: string): string {
  return ACTION_LABEL[action] ?? action
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

// MIRROR of ACTIONS[*].requires in shared/src/workflow.ts (events branch)
const REQUIRES: Record<string, readonly string[]> = {
  reject: ['note'],
  rework: ['note'],
  rate: ['rating'],
  escalate: ['note'],
  return: ['note'],
  request_extension: ['note', 'hours'],
  approve_extension: ['hours'],
  request_suspension: ['note'],
  suspend: ['note']
}

/** Inputs the action form shows, and which must be filled. */
export function actionForm(action: string): { noteRequired: boolean; rating: boolean; hours: boolean; photos: boolean } {
  const req = REQUIRES[action] ?? []
  return {
    noteRequired: req.includes('note'),
    rating: action === 'rate',
    hours: action === 'request_extension' || action === 'approve_extension',
    // proof photos where the work is shown: handling, resolving, sending back for rework
    photos: action === 'resolve' || action === 'rework' || action === 'claim'
  }
}
