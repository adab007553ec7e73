import { ACTIONS, ROLE_LABEL, isRole, nextState, type EventAction, type EventState, type WorkflowParty } from '@weigrid/shared'
import type { EventDetailDto } from './contracts'

/**
 * What an event page says to its viewer: what the state means, who acts next, and what this
 * viewer can do now or later — all read from the shared workflow table, so a 微网格员 pushed a
 * 待核实 report learns that a 专职网格员 verifies it first and that 接单 comes after.
 */
export interface Guide {
  /** One line: where the event stands. */
  now: string
  /** Who acts next, or undefined when the loop is finished. */
  next?: string
  /** What this viewer can do: now (their buttons) or once the next step is done. */
  you: string
}

const MEANING: Record<EventState, string> = {
  reported: '已收到上报，等待核实',
  rejected: '经核实不予立案，理由见办理进度',
  accepted: '已立案，等待接单或派单',
  dispatched: '已派单，等待处置人员接单',
  in_progress: '处置人员正在处理',
  escalated: '本级处理不了，已上报上级',
  dept_assigned: '已交职能部门办理（吹哨）',
  suspended: '暂缓办理，恢复后继续',
  resolved: '已办结，等待确认结案',
  closed: '已结案'
}

/** The step the loop waits for in each state. */
const NEXT: Partial<Record<EventState, EventAction>> = {
  reported: 'verify',
  accepted: 'claim',
  dispatched: 'claim',
  escalated: 'dispatch',
  dept_assigned: 'claim',
  in_progress: 'resolve',
  suspended: 'resume',
  resolved: 'close'
}

/** What each button does, in a phrase a first-time user understands (the table's hint unless worded here). */
export const ACTION_HINT: Record<EventAction, string> = {
  ...(Object.fromEntries((Object.keys(ACTIONS) as EventAction[]).map((a) => [a, ACTIONS[a].hint])) as Record<EventAction, string>),
  verify: '确认问题属实，立案办理',
  reject: '不属于受理范围或不属实，须写明理由',
  dispatch: '指定处置人员',
  claim: '由您负责处理',
  resolve: '处理完成，上传处理后的照片',
  close: '确认问题已解决',
  rework: '没有解决，退回重新处理',
  rate: '为处理结果打分',
  escalate: '本级处理不了，交上级',
  whistle: '交职能部门办理',
  return: '不属本部门职责，退回',
  request_extension: '申请延长办理时限',
  approve_extension: '同意延长办理时限',
  request_suspension: '申请暂缓办理',
  suspend: '暂缓办理',
  resume: '恢复办理'
}

function partyLabel(p: WorkflowParty): string | undefined {
  if (p === 'reporter') return '上报人'
  if (p === 'handler') return '接单人'
  if (p === 'supporter') return '也遇到的居民'
  if (p === 'system') return undefined
  return isRole(p) ? ROLE_LABEL[p] : undefined
}

function who(action: EventAction): string {
  const labels = ACTIONS[action].parties.map(partyLabel).filter((x): x is string => !!x)
  // the highest admins add nothing a resident needs to read
  const shown = labels.filter((l) => !['街道管理员', '区县管理员', '市级管理员'].includes(l))
  return (shown.length ? shown : labels).join('、')
}

const label = (a: EventAction) => ACTIONS[a].label
const DESK_FIXUPS: readonly EventAction[] = ['recategorize', 'relocate', 'transfer', 'merge', 'prioritize']

export function guideFor(e: EventDetailDto): Guide {
  const now = MEANING[e.state]
  const step = NEXT[e.state]
  const next = step ? `下一步：${label(step)}（由${who(step)}办理）` : undefined
  // 案卷 fix-ups (改类别, 改位置, 转办, 合并, 优先级) are offered as buttons, not as the next step
  const mine = e.actions.filter((a) => !DESK_FIXUPS.includes(a))
  if (mine.length) return { now, next, you: `轮到您：${mine.map((a) => `“${label(a)}”${ACTION_HINT[a]}`).join('；')}。` }
  const parties = e.parties
  if (step) {
    const after = nextState(step, e.state)
    // claiming makes the viewer the handler: what they could do then
    const later = after
      ? (Object.keys(ACTIONS) as EventAction[]).filter((a) => ACTIONS[a].from.includes(after as never) && ACTIONS[a].parties.some((p) => parties.includes(p)))
      : []
    if (later.length) return { now, next, you: `${label(step)}之后，您可以${later.map((a) => `“${label(a)}”`).join('、')}。现在请留意办理进度。` }
  }
  if (parties.includes('reporter')) {
    if (e.state === 'closed') return { now, next, you: e.rating === null ? '感谢上报。' : '感谢您的评价。' }
    return { now, next, you: '您是上报人：每一步都会记在下面的办理进度里，有进展会通知您。' }
  }
  if (parties.some((p) => p !== 'reporter' && p !== 'handler')) return { now, next, you: '这一步不需要您操作；您可以查看办理进度，必要时联系负责的网格员。' }
  return { now, next, you: '您可以查看办理进度。' }
}
