/**
 * The event closed loop 发现—上报—处置—解决 as data. The server enforces exactly this table (a
 * transition is allowed only if the action lists the event's state in `from` and the actor holds
 * one of `parties` for that event); the mini-program reads the same table to show only the
 * buttons an actor may press. Nothing else in the code decides which action is legal.
 *
 * reported ─verify─▶ accepted ─dispatch─▶ dispatched ─claim─▶ in_progress ─resolve─▶ resolved ─close─▶ closed ─rate
 *    └reject▶ rejected   │  ▲                                     ▲   │                    └rework▶ in_progress
 *                        │  └─ return (dept gives it back)        │   └ request_extension / request_suspension
 *                        ├─escalate─▶ escalated (one level up the tree; dispatch/claim/whistle from there)
 *                        └─whistle (吹哨)─▶ dept_assigned ─claim (dept staff)─┘
 * suspend (缓办) ─▶ suspended ─resume─▶ the state it was suspended from
 * self-handled: a worker who fixes something on patrol reports it straight into `resolved`.
 */
import { ADMIN_ROLES, type Role } from './roles.js';

export const EVENT_STATES = [
  'reported',
  'rejected',
  'accepted',
  'dispatched',
  'in_progress',
  'escalated',
  'dept_assigned',
  'suspended',
  'resolved',
  'closed',
] as const;
export type EventState = (typeof EVENT_STATES)[number];

export const EVENT_STATE_LABEL: Record<EventState, string> = {
  reported: '待核实',
  rejected: '不予立案',
  accepted: '已立案',
  dispatched: '已派单',
  in_progress: '处置中',
  escalated: '已上报上级',
  dept_assigned: '部门办理',
  suspended: '缓办',
  resolved: '已办结',
  closed: '已结案',
};

/** States from which nothing but reading (and rating) happens. */
export const TERMINAL_STATES: readonly EventState[] = ['rejected', 'closed'];
/** States an event is "open" in (counted as work to do, offered as "me too"). */
export const OPEN_STATES: readonly EventState[] = EVENT_STATES.filter((s) => !TERMINAL_STATES.includes(s) && s !== 'resolved');

/**
 * Who may take an action. Roles are held at a node and reach its subtree (the event's owning
 * node must lie inside it); `reporter` is the event's reporter, `handler` the user who claimed it,
 * `system` the scheduler and machine intake.
 */
export type WorkflowParty = Role | 'reporter' | 'handler' | 'supporter' | 'system';

/** Deadline stages (SLA): verify the report, handle it, close it after resolution. */
export const SLA_STAGES = ['verify', 'handle', 'close'] as const;
export type SlaStage = (typeof SLA_STAGES)[number];

/** Which deadline runs while an event is in a state (none in terminal or paused states). */
export const STAGE_OF_STATE: Record<EventState, SlaStage | null> = {
  reported: 'verify',
  rejected: null,
  accepted: 'handle',
  dispatched: 'handle',
  in_progress: 'handle',
  escalated: 'handle',
  dept_assigned: 'handle',
  suspended: null,
  resolved: 'close',
  closed: null,
};

/** Fields an action needs besides `version` (the server validates them). */
export type ActionInput =
  | 'note'
  | 'assigneeId'
  | 'departmentId'
  | 'hours'
  | 'rating'
  | 'photos'
  | 'passed'
  | 'category'
  | 'location'
  | 'gridCode'
  | 'targetId'
  | 'priority'
  | 'fixed';

/** Every input an action request may carry (the server refuses one the action does not take). */
export const ACTION_INPUTS: readonly ActionInput[] = ['note', 'assigneeId', 'departmentId', 'hours', 'rating', 'photos', 'passed', 'category', 'location', 'gridCode', 'targetId', 'priority', 'fixed'];

/** 紧急 / 一般: urgent events get shorter deadlines and their pushes say so. */
export const EVENT_PRIORITIES = ['urgent', 'normal'] as const;
export type EventPriority = (typeof EVENT_PRIORITIES)[number];
export const EVENT_PRIORITY_LABEL: Record<EventPriority, string> = { urgent: '紧急', normal: '一般' };

export interface ActionSpec {
  label: string;
  /** One line the mini-program shows under the button: what the action does. */
  hint: string;
  from: readonly EventState[];
  /**
   * Next state; `'$same'` keeps the state, `'$previous'` returns to the state before suspension,
   * `'$outcome'` is one of `outcomes`, decided by the input (`outcomeOf`).
   */
  to: EventState | '$same' | '$previous' | '$outcome';
  outcomes?: readonly EventState[];
  parties: readonly WorkflowParty[];
  /** Parties that may NOT take it even when they hold another party in `parties` (核查 is never by the handler). */
  excludes?: readonly WorkflowParty[];
  /** Inputs that must be present. */
  requires?: readonly ActionInput[];
  /** Inputs that may be present. */
  accepts?: readonly ActionInput[];
  /** Exactly one of these inputs must be present. */
  oneOf?: readonly ActionInput[];
}

const APPROVERS: readonly WorkflowParty[] = ['grid_worker', ...ADMIN_ROLES];
const ACTIVE: readonly EventState[] = ['accepted', 'dispatched', 'in_progress', 'escalated', 'dept_assigned'];
/** Everything before the work is done: a case can still be fixed up (category, place, priority) or merged. */
const UNFINISHED: readonly EventState[] = ['reported', ...ACTIVE, 'suspended'];
/** Who collects (采集) on site: they, or the reporter, check a resolved case (核查). */
export const COLLECTOR_PARTIES: readonly WorkflowParty[] = ['micro_member', 'micro_leader', 'grid_worker'];

export const ACTIONS = {
  verify: { label: '立案', hint: '核实属实，建立案卷', from: ['reported'], to: 'accepted', parties: APPROVERS, accepts: ['note'] },
  reject: { label: '不予立案', hint: '不属实或不属于受理范围，写明理由', from: ['reported'], to: 'rejected', parties: APPROVERS, requires: ['note'] },
  dispatch: {
    label: '派单',
    hint: '指派给本微网格的人员处置',
    from: ['accepted', 'escalated', 'dispatched'],
    to: 'dispatched',
    parties: APPROVERS,
    accepts: ['note', 'assigneeId'],
  },
  claim: {
    label: '接单',
    hint: '由我来处置，开始计算处置时限',
    from: ['accepted', 'dispatched', 'escalated', 'dept_assigned'],
    to: 'in_progress',
    parties: ['micro_member', 'micro_leader', 'grid_worker', ...ADMIN_ROLES, 'dept_staff'],
    accepts: ['note'],
  },
  resolve: { label: '办结', hint: '处置完成，附上处置后的照片', from: ['in_progress'], to: 'resolved', parties: ['handler'], accepts: ['note', 'photos'] },
  check: {
    label: '核查',
    hint: '到现场核实是否处置到位并拍照；不通过则退回返工',
    from: ['resolved'],
    to: '$outcome',
    outcomes: ['resolved', 'in_progress'],
    parties: ['reporter', ...COLLECTOR_PARTIES],
    excludes: ['handler'],
    requires: ['passed', 'photos'],
    accepts: ['note'],
  },
  close: { label: '结案', hint: '确认解决，案卷归档', from: ['resolved'], to: 'closed', parties: ['reporter', ...APPROVERS], accepts: ['note'] },
  rework: { label: '返工', hint: '没有处理好，退回处置人重新处理', from: ['resolved'], to: 'in_progress', parties: ['reporter', ...APPROVERS], requires: ['note'], accepts: ['photos'] },
  rate: { label: '评价', hint: '为这次处置打分', from: ['closed'], to: '$same', parties: ['reporter'], requires: ['rating'], accepts: ['note'] },
  reopen: { label: '重新打开', hint: '结案后问题又出现了，写明原因重新办理', from: ['closed'], to: 'in_progress', parties: ['reporter', 'supporter'], requires: ['note'], accepts: ['photos'] },
  followup: {
    label: '回访',
    hint: '结案几天后：问题真的解决了吗？没解决会重新办理',
    from: ['closed'],
    to: '$outcome',
    outcomes: ['closed', 'in_progress'],
    parties: ['reporter'],
    requires: ['fixed'],
    accepts: ['rating', 'note'],
  },
  recategorize: { label: '改类别', hint: '更正问题类别，按权责清单改派对应部门', from: UNFINISHED, to: '$same', parties: APPROVERS, requires: ['category'], accepts: ['note'] },
  relocate: {
    label: '改位置',
    hint: '更正问题位置，重新匹配所属微网格',
    from: ['reported', 'accepted', 'dispatched', 'escalated'],
    to: '$same',
    parties: APPROVERS,
    oneOf: ['location', 'gridCode'],
    accepts: ['note'],
  },
  transfer: {
    label: '转办',
    hint: '平级转给另一个微网格或部门，写明理由',
    from: ['accepted', 'dispatched', 'escalated', 'dept_assigned'],
    to: '$outcome',
    outcomes: ['accepted', 'dept_assigned'],
    parties: [...APPROVERS, 'dept_staff'],
    requires: ['note'],
    oneOf: ['gridCode', 'departmentId'],
  },
  merge: { label: '合并', hint: '与另一件重复：支持者、照片和通知并入那一件，本件关闭', from: UNFINISHED, to: 'closed', parties: APPROVERS, requires: ['targetId'], accepts: ['note'] },
  prioritize: { label: '设优先级', hint: '紧急件时限缩短、推送加急', from: [...UNFINISHED, 'resolved'], to: '$same', parties: APPROVERS, requires: ['priority'], accepts: ['note'] },
  escalate: {
    label: '上报上级',
    hint: '本级无法处置，交上一级',
    from: ACTIVE,
    to: 'escalated',
    parties: ['handler', ...APPROVERS, 'system'],
    requires: ['note'],
  },
  whistle: {
    label: '吹哨',
    hint: '按权责清单交职能部门办理',
    from: ['accepted', 'dispatched', 'in_progress', 'escalated'],
    to: 'dept_assigned',
    parties: APPROVERS,
    accepts: ['note', 'departmentId'],
  },
  return: { label: '退回', hint: '不属于本部门职责，退回网格并写明理由', from: ['dept_assigned'], to: 'accepted', parties: ['dept_staff'], requires: ['note'] },
  request_extension: { label: '申请延期', hint: '向上级申请延长处置时限', from: ACTIVE, to: '$same', parties: ['handler'], requires: ['note', 'hours'] },
  approve_extension: { label: '批准延期', hint: '延长处置时限', from: ACTIVE, to: '$same', parties: APPROVERS, requires: ['hours'], accepts: ['note'] },
  request_suspension: { label: '申请缓办', hint: '暂时无法处置，申请暂停计时', from: ACTIVE, to: '$same', parties: ['handler'], requires: ['note'] },
  suspend: { label: '缓办', hint: '暂停计时，条件具备后恢复', from: ACTIVE, to: 'suspended', parties: APPROVERS, requires: ['note'] },
  resume: { label: '恢复办理', hint: '恢复计时，回到缓办前的状态', from: ['suspended'], to: '$previous', parties: APPROVERS, accepts: ['note'] },
} as const satisfies Record<string, ActionSpec>;

export type EventAction = keyof typeof ACTIONS;
export const EVENT_ACTIONS = Object.keys(ACTIONS) as EventAction[];

export function isEventAction(value: unknown): value is EventAction {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ACTIONS, value);
}

export function isEventState(value: unknown): value is EventState {
  return typeof value === 'string' && (EVENT_STATES as readonly string[]).includes(value);
}

export function actionSpec(action: EventAction): ActionSpec {
  return ACTIONS[action];
}

/**
 * The state after `action` from `state`, or null if the action is not allowed from there.
 * `previous` is the state an event was suspended from (for `resume`).
 */
export function nextState(action: EventAction, state: EventState, previous?: EventState | null, input: OutcomeInput = {}): EventState | null {
  const spec: ActionSpec = ACTIONS[action];
  if (!spec.from.includes(state)) return null;
  if (spec.to === '$same') return state;
  if (spec.to === '$previous') return previous && ACTIVE.includes(previous) ? previous : 'accepted';
  if (spec.to === '$outcome') return outcomeOf(action, state, input);
  return spec.to;
}

/** The inputs that decide a `'$outcome'` action's next state. */
export interface OutcomeInput {
  passed?: boolean;
  fixed?: boolean;
  departmentId?: number;
  gridCode?: string;
}

/**
 * Where a `'$outcome'` action goes: 核查 passed stays resolved (结案 may follow), failed goes back to
 * the handler (返工); 回访 "fixed" stays closed, "not fixed" reopens; 转办 to a department stays with
 * departments, to a micro-grid lands there as a new case.
 */
export function outcomeOf(action: EventAction, state: EventState, input: OutcomeInput): EventState | null {
  switch (action) {
    case 'check':
      return input.passed === undefined ? null : input.passed ? state : 'in_progress';
    case 'followup':
      return input.fixed === undefined ? null : input.fixed ? state : 'in_progress';
    case 'transfer':
      return input.departmentId !== undefined ? 'dept_assigned' : input.gridCode !== undefined ? 'accepted' : null;
    default:
      return null;
  }
}

/**
 * The parties an actor holds for one event, as computed by the server from its grants (roles
 * scoped to the event's owning node, reporter/handler by user id). The mini-program gets this
 * list with the event detail and passes it to `availableActions`.
 */
export type ActorParties = readonly WorkflowParty[];

/** Facts about the event (beyond its state) that open or close actions; the server computes them. */
export interface ActionFacts {
  /** Already rated: `rate` is once. */
  rated?: boolean;
  /** The category's policy needs a passed 核查 before 结案, and none has passed since the last 办结. */
  checkPending?: boolean;
  /** A 核查 already passed since the last 办结. */
  checked?: boolean;
  /** Who may check under the category's policy (default: the reporter and collectors). */
  checkers?: readonly WorkflowParty[];
  /** Closed within the reopen window (`reopen`). */
  reopenable?: boolean;
  /** The 回访 was answered already. */
  followedUp?: boolean;
  /** Closed as a duplicate of another event: it lives on there, nothing here reopens. */
  merged?: boolean;
}

/** Actions the actor may take on an event in `state`, in table order (what buttons to show). */
export function availableActions(state: EventState, parties: ActorParties, opts: ActionFacts = {}): EventAction[] {
  return EVENT_ACTIONS.filter((a) => canTake(a, state, parties, opts));
}

export function canTake(action: EventAction, state: EventState, parties: ActorParties, opts: ActionFacts = {}): boolean {
  const spec: ActionSpec = ACTIONS[action];
  if (!spec.from.includes(state)) return false;
  if (spec.excludes?.some((p) => parties.includes(p))) return false;
  if (action === 'rate' && opts.rated) return false;
  if (action === 'close' && opts.checkPending && !parties.includes('system')) return false;
  if (action === 'check' && opts.checked) return false;
  if ((action === 'reopen' || action === 'followup') && opts.merged) return false;
  if (action === 'reopen' && !opts.reopenable) return false;
  if (action === 'followup' && opts.followedUp) return false;
  const allowed = action === 'check' && opts.checkers ? spec.parties.filter((p) => opts.checkers!.includes(p)) : spec.parties;
  return allowed.some((p) => parties.includes(p));
}

/** The outbox kind written for each transition (the outbox worker maps kinds to messages). */
export const EVENT_OUTBOX_KINDS = {
  created: 'event.created',
  stateChanged: 'event.state_changed',
  supported: 'event.supported',
  overdue: 'event.overdue',
  /** 临期预警: a share of the stage's time is used up (EVENT_WARN_AT). */
  dueSoon: 'event.due_soon',
  /** 回访: N days after closing, ask the reporter whether it is really fixed. */
  followup: 'event.followup',
} as const;
