import { applyDecorators, createParamDecorator, SetMetadata, UseGuards, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { AuthGuard, type AuthedRequest } from './auth.guard.js';
import { AUTH_SPEC, PUBLIC_SPEC, type AuthSpec } from './route-access.js';

export type { AuthSpec } from './route-access.js';

/**
 * Who may call a route, said on the route:
 *
 *   @Post(':id/claim')
 *   @Auth({ permission: 'event.act' })
 *   claim(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
 *     return this.events.claim(actor, id);   // the service calls AccessService with the event's node
 *   }
 *
 * - `permission`: the rows of ACCESS_POLICY the route is authorized by. The service still checks
 *   the scope at the object's node (AccessService.require/scope), and AccessService refuses to
 *   authorize this route by any action it did not declare, so the declaration cannot drift from
 *   what the code checks.
 * - `anyUser`: any signed-in user may call it; the text says what limits them instead (their own
 *   data, a one-time code they hold, being the event's reporter…).
 *
 * Without a valid token: 401 UNAUTHENTICATED (or TOKEN_EXPIRED); writes over the per-user limit:
 * 429 RATE_LIMITED. Roles are not pre-checked here: whether an actor without any such role gets
 * 403, 404 or an empty list is the service's answer, as before.
 */
export function Auth(spec: AuthSpec): MethodDecorator {
  return applyDecorators(SetMetadata(AUTH_SPEC, spec), UseGuards(AuthGuard), ApiBearerAuth(), ApiResponse({ status: 401, description: 'UNAUTHENTICATED / TOKEN_EXPIRED' }));
}

/** `anyUser` of routes that read or change only the caller's own things (no id of anyone else can be given). */
export const OWN = "only the caller's own data";
/** `@Public` of the grid tree's read routes. */
export const PUBLIC_TREE = 'the grid tree (names, codes, boundaries): the report page shows it before login';

/** A route without a user token; `why` says what protects it instead (nothing, a code, a signature). */
export function Public(why: string): MethodDecorator {
  return SetMetadata(PUBLIC_SPEC, why);
}

/** The authenticated Actor of this request (only on routes behind `@Auth()`). */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthedRequest>().actor;
  // Reaching this without an actor means a route forgot @Auth(): fail closed.
  if (!actor) throw new AppError('UNAUTHENTICATED', 'route is missing @Auth()');
  return actor;
});
