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
export type WorkflowParty = Role | 'reporter' | 'handler' | 'system';

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
export type ActionInput = 'note' | 'assigneeId' | 'departmentId' | 'hours' | 'rating';

export interface ActionSpec {
  label: string;
  from: readonly EventState[];
  /** Next state; `'$same'` keeps the state, `'$previous'` returns to the state before suspension. */
  to: EventState | '$same' | '$previous';
  parties: readonly WorkflowParty[];
  /** Inputs that must be present. */
  requires?: readonly ActionInput[];
  /** Inputs that may be present. */
  accepts?: readonly ActionInput[];
}

const APPROVERS: readonly WorkflowParty[] = ['grid_worker', ...ADMIN_ROLES];
const ACTIVE: readonly EventState[] = ['accepted', 'dispatched', 'in_progress', 'escalated', 'dept_assigned'];

export const ACTIONS = {
  verify: { label: '立案', from: ['reported'], to: 'accepted', parties: APPROVERS, accepts: ['note'] },
  reject: { label: '不予立案', from: ['reported'], to: 'rejected', parties: APPROVERS, requires: ['note'] },
  dispatch: {
    label: '派单',
    from: ['accepted', 'escalated', 'dispatched'],
    to: 'dispatched',
    parties: APPROVERS,
    accepts: ['note', 'assigneeId'],
  },
  claim: {
    label: '接单',
    from: ['accepted', 'dispatched', 'escalated', 'dept_assigned'],
    to: 'in_progress',
    parties: ['micro_member', 'micro_leader', 'grid_worker', ...ADMIN_ROLES, 'dept_staff'],
    accepts: ['note'],
  },
  resolve: { label: '办结', from: ['in_progress'], to: 'resolved', parties: ['handler'], accepts: ['note'] },
  close: { label: '结案', from: ['resolved'], to: 'closed', parties: ['reporter', ...APPROVERS], accepts: ['note'] },
  rework: { label: '返工', from: ['resolved'], to: 'in_progress', parties: ['reporter', ...APPROVERS], requires: ['note'] },
  rate: { label: '评价', from: ['closed'], to: '$same', parties: ['reporter'], requires: ['rating'], accepts: ['note'] },
  escalate: {
    label: '上报上级',
    from: ACTIVE,
    to: 'escalated',
    parties: ['handler', ...APPROVERS, 'system'],
    requires: ['note'],
  },
  whistle: {
    label: '吹哨',
    from: ['accepted', 'dispatched', 'in_progress', 'escalated'],
    to: 'dept_assigned',
    parties: APPROVERS,
    accepts: ['note', 'departmentId'],
  },
  return: { label: '退回', from: ['dept_assigned'], to: 'accepted', parties: ['dept_staff'], requires: ['note'] },
  request_extension: { label: '申请延期', from: ACTIVE, to: '$same', parties: ['handler'], requires: ['note', 'hours'] },
  approve_extension: { label: '批准延期', from: ACTIVE, to: '$same', parties: APPROVERS, requires: ['hours'], accepts: ['note'] },
  request_suspension: { label: '申请缓办', from: ACTIVE, to: '$same', parties: ['handler'], requires: ['note'] },
  suspend: { label: '缓办', from: ACTIVE, to: 'suspended', parties: APPROVERS, requires: ['note'] },
  resume: { label: '恢复办理', from: ['suspended'], to: '$previous', parties: APPROVERS, accepts: ['note'] },
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
export function nextState(action: EventAction, state: EventState, previous?: EventState | null): EventState | null {
  const spec: ActionSpec = ACTIONS[action];
  if (!spec.from.includes(state)) return null;
  if (spec.to === '$same') return state;
  if (spec.to === '$previous') return previous && ACTIVE.includes(previous) ? previous : 'accepted';
  return spec.to;
}

/**
 * The parties an actor holds for one event, as computed by the server from its grants (roles
 * scoped to the event's owning node, reporter/handler by user id). The mini-program gets this
 * list with the event detail and passes it to `availableActions`.
 */
export type ActorParties = readonly WorkflowParty[];

/** Actions the actor may take on an event in `state`, in table order (what buttons to show). */
export function availableActions(state: EventState, parties: ActorParties, opts: { rated?: boolean } = {}): EventAction[] {
  return EVENT_ACTIONS.filter((a) => canTake(a, state, parties, opts));
}

export function canTake(action: EventAction, state: EventState, parties: ActorParties, opts: { rated?: boolean } = {}): boolean {
  const spec: ActionSpec = ACTIONS[action];
  if (!spec.from.includes(state)) return false;
  if (action === 'rate' && opts.rated) return false;
  return spec.parties.some((p) => parties.includes(p));
}

/** The outbox kind written for each transition (the outbox worker maps kinds to messages). */
export const EVENT_OUTBOX_KINDS = {
  created: 'event.created',
  stateChanged: 'event.state_changed',
  supported: 'event.supported',
  overdue: 'event.overdue',
} as const;
