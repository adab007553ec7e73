import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { jwtVerify, errors as joseErrors } from 'jose';
import { isRole } from '@weigrid/shared';
import { AppConfig } from '../config/config.js';
import type { Actor, RoleGrant } from '../common/actor.js';
import { AppError } from '../common/app-error.js';

/**
 * Bridge until the accounts module's guard lands: verifies the access token (HS256, JWT_SECRET)
 * and takes the actor from its claims `{sub, grants}`. Controllers only see `@CurrentActor()`,
 * so switching to the accounts guard is a change of import.
 */
@Injectable()
export class ActorGuard implements CanActivate {
  private readonly key: Uint8Array;

  constructor(config: AppConfig) {
    this.key = new TextEncoder().encode(config.JWT_SECRET);
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; actor?: Actor }>();
    const m = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(req.headers.authorization ?? '');
    if (!m) throw new AppError('UNAUTHENTICATED');
    try {
      const { payload } = await jwtVerify(m[1]!, this.key, { algorithms: ['HS256'] });
      const userId = Number(payload.sub);
      if (!Number.isInteger(userId) || userId <= 0) throw new AppError('UNAUTHENTICATED');
      const raw = Array.isArray(payload.grants) ? (payload.grants as unknown[]) : [];
      const grants: RoleGrant[] = raw.flatMap((g) => {
        const x = g as Partial<RoleGrant>;
        return isRole(x.role) && Number.isInteger(x.nodeId) && typeof x.nodePath === 'string' ? [{ role: x.role, nodeId: x.nodeId!, nodePath: x.nodePath, departmentId: x.departmentId ?? null }] : [];
      });
      req.actor = { userId, grants };
      return true;
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (e instanceof joseErrors.JWTExpired) throw new AppError('TOKEN_EXPIRED');
      throw new AppError('UNAUTHENTICATED');
    }
  }
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<{ actor?: Actor }>().actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  return actor;
});
