import { PERMISSIONS, type Role } from '@weigrid/shared';
import type { AccessAction } from '../common/actor.js';

/**
 * Which roles may perform an action on a node inside the subtree where they hold the role: the
 * permission table of @weigrid/shared (`PERMISSIONS`, shared/src/permissions.ts), defined there once
 * for the server and the mini-program. Roles, who may grant which (GRANTABLE, grantorsOf) and where
 * each is held (ROLE_LEVELS) are in @weigrid/shared too. A new action gets its row there.
 */
export const ACCESS_POLICY: Record<AccessAction, readonly Role[]> = PERMISSIONS;
