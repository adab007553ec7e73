import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { AccessService } from '../access/access.service.js';
import { OUTBOX_STATUSES, type OutboxStatus } from './outbox.entity.js';
import { OutboxRepo } from './outbox.repo.js';

export interface OutboxStatsDto {
  byStatus: Record<OutboxStatus, number>;
  /** Per kind: rows waiting (pending/sending) and dead, and the age of the oldest due row. */
  kinds: { kind: string; waiting: number; dead: number; oldestDueSeconds: number | null }[];
}

export interface OutboxRowDto {
  id: number;
  kind: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  dueAt: string;
  createdAt: string;
  /** The payload, with openids shortened so the list can be shown on screen. */
  payload: unknown;
}

/** What admins see of the outbox: the queue's health and the dead letters, which they may requeue. */
@Injectable()
export class OutboxAdminService {
  constructor(
    private readonly outbox: OutboxRepo,
    private readonly access: AccessService,
  ) {}

  private guard(actor: Actor): void {
    if (this.access.scope(actor, 'outbox.admin').length === 0) throw new AppError('FORBIDDEN', 'not allowed: outbox.admin');
  }

  async stats(actor: Actor): Promise<OutboxStatsDto> {
    this.guard(actor);
    const rows = await this.outbox.counts();
    const byStatus = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
    const kinds = new Map<string, { kind: string; waiting: number; dead: number; oldestDueSeconds: number | null }>();
    for (const r of rows) {
      byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n;
      const k = kinds.get(r.kind) ?? { kind: r.kind, waiting: 0, dead: 0, oldestDueSeconds: null };
      if (r.status === 'pending' || r.status === 'sending') {
        k.waiting += r.n;
        const age = r.oldest ? Math.max(0, Math.round((Date.now() - r.oldest.getTime()) / 1000)) : null;
        if (age !== null) k.oldestDueSeconds = Math.max(k.oldestDueSeconds ?? 0, age);
      }
      if (r.status === 'dead') k.dead += r.n;
      kinds.set(r.kind, k);
    }
    return { byStatus, kinds: [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind)) };
  }

  async list(actor: Actor, q: { status: OutboxStatus; kind?: string; cursor?: number; limit?: number }): Promise<{ items: OutboxRowDto[]; nextCursor: string | null }> {
    this.guard(actor);
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
    const rows = await this.outbox.list({ status: q.status, kind: q.kind, before: q.cursor, limit: limit + 1 });
    const items = rows.slice(0, limit).map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      dueAt: r.dueAt.toISOString(),
      createdAt: r.createdAt.toISOString(),
      payload: redact(r.payload),
    }));
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!.id) : null };
  }

  /** Puts a dead row back in the queue with fresh attempts (after fixing what killed it). */
  async retry(actor: Actor, id: number): Promise<{ id: number; status: OutboxStatus }> {
    this.guard(actor);
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    if (!(await this.outbox.requeueDead(id, now))) {
      const status = await this.outbox.statusOf(id);
      if (!status) throw new AppError('NOT_FOUND', 'outbox row not found');
      throw new AppError('INVALID_TRANSITION', `only dead rows can be retried (this one is ${status})`);
    }
    return { id, status: 'pending' };
  }
}


function redact(payload: string): unknown {
  try {
    return JSON.parse(payload, (k, v) => (k === 'openid' && typeof v === 'string' ? `${v.slice(0, 4)}…` : v));
  } catch {
    return payload.slice(0, 200);
  }
}
