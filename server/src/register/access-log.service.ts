import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccessLogDto } from '@weigrid/shared';
import type { AccessAction, Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { AccessService, type AccessTarget } from '../access/access.service.js';
import { AccessLogRepo } from './access-log.repo.js';

export interface AccessLogEntry {
  action: string;
  targetType: string;
  targetId?: number | null;
  gridPath?: string | null;
  allowed: boolean;
  detail?: string;
}

/**
 * The register's access log (PIPL): every reveal of a person's full record, every lookup by phone or
 * ID number, every export, and every attempt outside the caller's scope. Denials are written even
 * though the request fails, so they are committed outside the request's own transaction.
 */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly repo: AccessLogRepo,
    private readonly access: AccessService,
  ) {}

  async record(actor: Actor, e: AccessLogEntry, em?: EntityManager): Promise<void> {
    await this.repo.insert(
      {
        at: new Date(),
        userId: actor.userId,
        action: e.action.slice(0, 32),
        targetType: e.targetType.slice(0, 16),
        targetId: e.targetId ?? null,
        gridPath: e.gridPath ?? null,
        allowed: e.allowed,
        detail: (e.detail ?? '').slice(0, 300),
        requestId: null,
      },
      em,
    );
  }

  /**
   * `AccessService.require`, plus an access-log row when it says no. Out-of-scope reads answer
   * 404 (the caller does not learn the record exists); writes answer 403.
   */
  async requireOrLog(actor: Actor, action: AccessAction, target: AccessTarget & { gridPath: string }, log: { targetType: string; targetId: number | null }, hide = true): Promise<void> {
    const g = await this.access.check(actor, action, { nodePath: target.gridPath });
    if (g) return;
    await this.record(actor, { action: `denied:${action}`, targetType: log.targetType, targetId: log.targetId, gridPath: target.gridPath, allowed: false });
    if (hide) throw new AppError('NOT_FOUND', 'not found');
    throw new AppError('FORBIDDEN', `not allowed: ${action}`);
  }

  /** Admins read the log of their own subtree (by the target's grid path), newest first. */
  async query(actor: Actor, q: { userId?: number; action?: string; allowed?: boolean; targetType?: string; targetId?: number; before?: number; limit: number }): Promise<{ items: AccessLogDto[]; nextCursor: string | null }> {
    const paths = this.access.scope(actor, 'register.audit').map((e) => e.path);
    if (paths.length === 0) throw new AppError('FORBIDDEN', 'not allowed: register.audit');
    const rows = await this.repo.page(paths, q, q.limit + 1);
    const more = rows.length > q.limit;
    const items = rows.slice(0, q.limit).map((r) => ({ id: r.id, at: r.at.toISOString(), userId: r.userId, action: r.action, targetType: r.targetType, targetId: r.targetId, gridPath: r.gridPath, allowed: !!r.allowed, detail: r.detail }));
    return { items, nextCursor: more ? String(items[items.length - 1]!.id) : null };
  }
}
