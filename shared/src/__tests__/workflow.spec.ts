import {
  ACTIONS,
  EVENT_ACTIONS,
  EVENT_STATES,
  OPEN_STATES,
  STAGE_OF_STATE,
  availableActions,
  canTake,
  isEventAction,
  nextState,
  type EventState,
} from '../workflow.js';
import { ROLES } from '../roles.js';

describe('workflow table', () => {
  it('every action starts from and leads to known states', () => {
    for (const a of EVENT_ACTIONS) {
      const spec = ACTIONS[a];
      expect(spec.from.length).toBeGreaterThan(0);
      for (const s of spec.from) expect(EVENT_STATES).toContain(s);
      if (!spec.to.startsWith('$')) expect(EVENT_STATES).toContain(spec.to);
      for (const p of spec.parties) expect([...ROLES, 'reporter', 'handler', 'supporter', 'system']).toContain(p);
      if (spec.to === '$outcome') for (const s of spec.outcomes ?? []) expect(EVENT_STATES).toContain(s);
      expect(spec.hint.length).toBeGreaterThan(3);
    }
  });

  it('every non-terminal state has a way out, and every state is reachable from reported', () => {
    const reachable = new Set<EventState>(['reported', 'resolved']); // resolved: self-handled intake
    let grew = true;
    while (grew) {
      grew = false;
      for (const a of EVENT_ACTIONS) {
        for (const s of [...reachable]) {
          const n = nextState(a, s, 'in_progress');
          if (n && !reachable.has(n)) {
            reachable.add(n);
            grew = true;
          }
        }
      }
    }
    expect([...reachable].sort()).toEqual([...EVENT_STATES].sort());
    for (const s of EVENT_STATES) {
      if (s === 'rejected' || s === 'closed') continue;
      expect(EVENT_ACTIONS.some((a) => { const n = nextState(a, s, 'accepted'); return n !== null && n !== s; })).toBe(true);
    }
  });

  it('follows the closed loop 发现—上报—处置—解决', () => {
    const path: [string, EventState][] = [
      ['verify', 'accepted'],
      ['dispatch', 'dispatched'],
      ['claim', 'in_progress'],
      ['resolve', 'resolved'],
      ['close', 'closed'],
      ['rate', 'closed'],
    ];
    let s: EventState = 'reported';
    for (const [a, want] of path) {
      const n = nextState(a as never, s);
      expect(n).toBe(want);
      s = n!;
    }
  });

  it('rejects actions from the wrong state', () => {
    expect(nextState('resolve', 'reported')).toBeNull();
    expect(nextState('claim', 'closed')).toBeNull();
    expect(nextState('rate', 'resolved')).toBeNull();
    expect(nextState('verify', 'accepted')).toBeNull();
  });

  it('rework sends a resolved event back to in_progress; resume returns to the suspended-from state', () => {
    expect(nextState('rework', 'resolved')).toBe('in_progress');
    expect(nextState('suspend', 'dispatched')).toBe('suspended');
    expect(nextState('resume', 'suspended', 'dispatched')).toBe('dispatched');
    expect(nextState('resume', 'suspended', null)).toBe('accepted');
    // A bogus previous state cannot smuggle an event into a terminal state.
    expect(nextState('resume', 'suspended', 'closed')).toBe('accepted');
  });

  it('吹哨 hands an event to a department that claims it into the same loop', () => {
    expect(nextState('whistle', 'escalated')).toBe('dept_assigned');
    expect(canTake('claim', 'dept_assigned', ['dept_staff'])).toBe(true);
    expect(canTake('return', 'dept_assigned', ['dept_staff'])).toBe(true);
    expect(canTake('whistle', 'accepted', ['dept_staff'])).toBe(false);
  });

  it('lists only the buttons an actor may press', () => {
    expect(availableActions('reported', ['resident', 'reporter'])).toEqual([]);
    expect(availableActions('reported', ['grid_worker'])).toEqual(['verify', 'reject', 'recategorize', 'relocate', 'merge', 'prioritize']);
    expect(availableActions('dispatched', ['micro_member'])).toEqual(['claim']);
    expect(availableActions('in_progress', ['micro_member', 'handler'])).toEqual(['resolve', 'escalate', 'request_extension', 'request_suspension']);
    expect(availableActions('resolved', ['reporter'])).toEqual(['check', 'close', 'rework']);
    expect(availableActions('closed', ['reporter'])).toEqual(['rate', 'followup']);
    expect(availableActions('closed', ['reporter'], { rated: true, followedUp: true })).toEqual([]);
    expect(availableActions('closed', ['reporter'], { rated: true, followedUp: true, reopenable: true })).toEqual(['reopen']);
    expect(availableActions('closed', ['city_admin'])).toEqual([]);
  });

  it('核查: by the reporter or a collector but never the handler; 结案 waits for a pass where the policy says so', () => {
    expect(nextState('check', 'resolved', null, { passed: true })).toBe('resolved');
    expect(nextState('check', 'resolved', null, { passed: false })).toBe('in_progress');
    expect(nextState('check', 'resolved', null, {})).toBeNull();
    expect(canTake('check', 'resolved', ['micro_member'])).toBe(true);
    expect(canTake('check', 'resolved', ['micro_member', 'handler'])).toBe(false);
    expect(canTake('check', 'resolved', ['city_admin'])).toBe(false);
    expect(canTake('check', 'resolved', ['micro_member'], { checkers: ['reporter'] })).toBe(false);
    expect(canTake('check', 'resolved', ['reporter'], { checked: true })).toBe(false);
    expect(canTake('close', 'resolved', ['grid_worker'], { checkPending: true })).toBe(false);
    expect(canTake('close', 'resolved', ['grid_worker'], { checkPending: false, checked: true })).toBe(true);
  });

  it('转办 lands with a department or a micro-grid; 回访 "not fixed" reopens; a merged duplicate stays closed', () => {
    expect(nextState('transfer', 'dept_assigned', null, { departmentId: 3 })).toBe('dept_assigned');
    expect(nextState('transfer', 'dispatched', null, { gridCode: '510104017001001001' })).toBe('accepted');
    expect(nextState('followup', 'closed', null, { fixed: false })).toBe('in_progress');
    expect(nextState('followup', 'closed', null, { fixed: true })).toBe('closed');
    expect(nextState('merge', 'accepted')).toBe('closed');
    expect(canTake('reopen', 'closed', ['supporter'], { reopenable: true })).toBe(true);
    expect(canTake('reopen', 'closed', ['supporter'], { reopenable: true, merged: true })).toBe(false);
    expect(canTake('merge', 'accepted', ['micro_member'])).toBe(false);
  });

  it('residents and other non-parties can do nothing but their own report', () => {
    for (const s of EVENT_STATES) {
      expect(availableActions(s, ['resident'])).toEqual([]);
    }
  });

  it('a deadline runs in every open state except suspension', () => {
    for (const s of OPEN_STATES) {
      if (s === 'suspended') expect(STAGE_OF_STATE[s]).toBeNull();
      else expect(STAGE_OF_STATE[s]).not.toBeNull();
    }
    expect(STAGE_OF_STATE.closed).toBeNull();
  });

  it('recognises action names', () => {
    expect(isEventAction('claim')).toBe(true);
    expect(isEventAction('toString')).toBe(false);
    expect(isEventAction('drop table')).toBe(false);
  });
});
