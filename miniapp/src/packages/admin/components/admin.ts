import { ADMIN_ROLES, type GrantDto, type Role } from '@weigrid/shared'
import { ApiError } from '../../../services/api'
import { S } from '../../../strings'

/** Deployment-wide rules are the server's call (requireRuleMaker); this only decides what to offer. */
const RULE_MAKERS: readonly Role[] = ['city_admin', 'district_admin']

export function isRuleMaker(roles: readonly GrantDto[] | undefined): boolean {
  return (roles ?? []).some((g) => RULE_MAKERS.includes(g.role))
}

/** The admin grants, highest level first (city before district before street …). */
export function adminGrants(roles: readonly GrantDto[] | undefined): GrantDto[] {
  const order = [...ADMIN_ROLES].reverse()
  return (roles ?? []).filter((g) => ADMIN_ROLES.includes(g.role)).sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role))
}

export function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, undefined)
}

/** What to show for a failed save: the code's message (a refusal says who may edit rules), and
 * the server's per-field messages to put beside the fields. */
export function saveError(e: unknown): { message: string; fields: Record<string, string> } {
  const a = asApiError(e)
  return { message: a.code === 'FORBIDDEN' ? `${a.userMessage}：${S.rules.forbidden}` : a.userMessage, fields: a.shownFieldErrors }
}
