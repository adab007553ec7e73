import type { Role } from '@weigrid/shared';
import type { RoleGrant } from '../common/actor.js';

/** Which node an access check is about: by id, code or path. */
export type NodeTarget = { nodeId: number } | { nodeCode: string } | { nodePath: string };

/** One live session with its user's enabled flag and live grants (see ActorLoader). */
export interface SessionGrants {
  sessionId: number;
  userId: number;
  disabled: boolean;
  expiresAt: Date;
  grants: RoleGrant[];
}

/**
 * What access needs to read about grants. Implemented by the accounts module's Staff port
 * (role_grant is theirs) and bound there (`{ provide: GrantReader, useExisting: Staff }`), so
 * access does not import accounts, whose services use AccessService.
 */
export abstract class GrantReader {
  /** The grant of `userId` (one of `roles`) reaching `target` — at it or above, highest first — or null. */
  abstract grantReaching(userId: number, roles: readonly Role[], target: NodeTarget, categoryCode?: string): Promise<RoleGrant | null>;
  /** Live sessions by id, each with its user's live grants. */
  abstract sessionsWithGrants(sessionIds: readonly number[]): Promise<Map<number, SessionGrants>>;
}
