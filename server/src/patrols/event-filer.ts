import type { Actor } from '../common/actor.js';

/** A finding made on patrol, ready for the events module's intake. */
export interface PatrolFinding {
  checkinId: number;
  /**
   * Idempotency key for the intake (`patrol-<checkinId>`): a check-in replayed after a failed
   * filing asks again with the same key, so one finding never becomes two events.
   */
  requestId: string;
  category: string;
  description: string;
  /** Fixed on the spot: file it straight into `resolved` (self-handled). */
  selfHandled: boolean;
  /** GCJ-02, where the worker checked in. */
  location: { lat: number; lng: number };
  /** The micro-grid the point falls in; null when it lies just outside every micro-grid. */
  microGridCode: string | null;
  gridCode: string;
  /** Upload public ids, already checked to be the actor's own. */
  photos: string[];
}

/**
 * Files a patrol finding as an event (routed, deadlined and pushed like any report) and returns
 * its id. Bound in PatrolsModule to the events module's intake (event-intake-filer.ts); optional in
 * PatrolsService, so a deployment without it stores findings with the check-in and answers
 * `finding: null` saying why.
 *
 * A thrown AppError (unknown category, held content…) is reported in `findingReason`; the
 * check-in itself is kept.
 */
export abstract class PatrolEventFiler {
  abstract file(actor: Actor, finding: PatrolFinding): Promise<number>;
}
