import type { EntityManager } from 'typeorm';
import type { EventState } from '@weigrid/shared';

/** What the event senders need to know about an event to word and address a message. */
export interface EventForNotify {
  id: number;
  state: EventState;
  /** Category code (its name is read through the catalog). */
  category: string;
  address: string | null;
  description: string;
  nodeId: number;
  nodePath: string;
  handlerId: number | null;
  reporterId: number | null;
  stage: string | null;
  deadlineAt: Date | null;
  createdAt: Date;
}

/**
 * The event reads the notify senders need (`event` and `event_supporter` belong to the events
 * module). Declared here so notify depends on this contract rather than on the events module's
 * services; implemented by `events/event-reads.repo.ts` (EventReadsRepo) and bound in NotifyModule
 * until the events module binds it itself.
 */
export abstract class NotifyEventReads {
  /** The event, or null when there is no such event. */
  abstract forNotify(id: number, m?: EntityManager): Promise<EventForNotify | null>;
  /** The events among `ids` that exist, by id. */
  abstract forNotifyMany(ids: readonly number[], m?: EntityManager): Promise<Map<number, EventForNotify>>;
  /** Everyone who said "me too" on the event. */
  abstract supporterIds(eventId: number, m?: EntityManager): Promise<number[]>;
}
