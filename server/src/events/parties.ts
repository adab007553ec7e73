import type { WorkflowParty } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';

export interface PartyFacts {
  reporterId: number | null;
  handlerId: number | null;
  nodePath: string;
  departmentId: number | null;
}

/**
 * What an actor is to one event, from the grants loaded for this request: each role held at a
 * node above (or at) the event's micro-grid; dept_staff only for the department the event was
 * whistled to; plus reporter and handler by user id. The workflow table in @weigrid/shared decides
 * what these parties may do.
 */
export function partiesOf(actor: Actor, e: PartyFacts): WorkflowParty[] {
  const out = new Set<WorkflowParty>();
  if (e.reporterId !== null && e.reporterId === actor.userId) out.add('reporter');
  if (e.handlerId !== null && e.handlerId === actor.userId) out.add('handler');
  for (const g of actor.grants) {
    if (g.role === 'resident' || !e.nodePath.startsWith(g.nodePath)) continue;
    if (g.role === 'dept_staff' && (e.departmentId === null || g.departmentId !== e.departmentId)) continue;
    out.add(g.role);
  }
  return [...out];
}

/** Staff roles among the parties (anyone but reporter/handler-only viewers). */
export function isStaff(parties: readonly WorkflowParty[]): boolean {
  return parties.some((p) => p !== 'reporter' && p !== 'handler' && p !== 'system' && p !== 'resident');
}
