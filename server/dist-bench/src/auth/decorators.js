import { applyDecorators, createParamDecorator, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import { AppError } from '../common/app-error.js';
import { AuthGuard } from './auth.guard.js';
/**
 * How to protect an endpoint and get the caller:
 *
 *   @Auth()
 *   @Post(':id/claim')
 *   claim(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
 *     return this.events.claim(actor, id);   // the service calls AccessService.require first
 *   }
 *
 * `@Auth()` on a controller class protects every route in it. Without a valid token: 401
 * UNAUTHENTICATED (or TOKEN_EXPIRED); writes over the per-user limit: 429 RATE_LIMITED.
 * Roles are NOT checked here — scope is the service's first line, through AccessService.
 */
export function Auth() {
    return applyDecorators(UseGuards(AuthGuard), ApiBearerAuth(), ApiResponse({ status: 401, description: 'UNAUTHENTICATED / TOKEN_EXPIRED' }));
}
/** The authenticated Actor of this request (only on routes behind `@Auth()`). */
export const CurrentActor = createParamDecorator((_, ctx) => {
    const actor = ctx.switchToHttp().getRequest().actor;
    // Reaching this without an actor means a route forgot @Auth(): fail closed.
    if (!actor)
        throw new AppError('UNAUTHENTICATED', 'route is missing @Auth()');
    return actor;
});
//# sourceMappingURL=decorators.js.map