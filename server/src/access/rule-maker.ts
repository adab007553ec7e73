import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import type { AccessService } from './access.service.js';

/**
 * Deployment-wide rules (categories, deadlines, the work calendar, machine sources) are set by
 * district or city admins: the actor must hold one of those roles and its grant must still be live.
 */
export async function requireRuleMaker(access: AccessService, actor: Actor, what: string): Promise<void> {
  const top = actor.grants.find((g) => g.role === 'city_admin' || g.role === 'district_admin');
  if (!top) throw new AppError('FORBIDDEN', `${what} are set by district or city admins`);
  await access.require(actor, 'department.manage', { nodeId: top.nodeId });
}
