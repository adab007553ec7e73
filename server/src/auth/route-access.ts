import type { AccessAction } from '../common/actor.js';

/** Metadata keys of the two declarations every route carries exactly one of (route-access e2e checks it). */
export const AUTH_SPEC = 'weigrid:auth';
export const PUBLIC_SPEC = 'weigrid:public';

/** What `@Auth(spec)` declares (decorators.ts explains it). */
export type AuthSpec =
  | { permission: AccessAction | readonly AccessAction[]; anyUser?: string }
  | { anyUser: string; permission?: AccessAction | readonly AccessAction[] };

/** The declared policy actions of a spec, as a list. */
export function permitsOf(spec: AuthSpec): readonly AccessAction[] {
  const p = spec.permission;
  return p === undefined ? [] : typeof p === 'string' ? [p] : p;
}
