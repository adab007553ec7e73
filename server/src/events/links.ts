import type { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { eventLinkFacts } from './events.repo.js';
import type { AccessService } from '../access/access.service.js';

/**
 * Other modules link records to events (a care visit that raised one, a volunteer task for one):
 * the event must exist and be one the actor may see, else 422 naming the field, so no record
 * points at nothing or leaks that an event elsewhere exists.
 */
export async function requireLinkableEvent(ds: DataSource, access: AccessService, actor: Actor, eventId: number): Promise<void> {
  const e = await eventLinkFacts(ds.manager, eventId);
  const visible = e && (e.reporterId === actor.userId || (await access.check(actor, 'event.read', { nodePath: e.nodePath })));
  if (!visible) throw new AppError('VALIDATION_FAILED', 'unknown event', { fields: { eventId: 'no such event in your area' } });
}
