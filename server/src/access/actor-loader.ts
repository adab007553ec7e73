import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { isDbUnavailable } from '../db/errors.js';
import { Batcher, type Settled } from '../db/batcher.js';
import { DbBreaker } from '../db/breaker.js';
import { GrantReader, type SessionGrants } from './grant-reader.js';

/**
 * Builds the Actor for a request from the session in the token, in one indexed query: the session
 * (primary key) must be live and its user enabled, and the user's live grants come along (by the
 * (user_id, revoked_at) index). Nothing is cached, so revoking a session or a role takes effect on
 * the next request.
 *
 * Loads that arrive while earlier ones are at the database are answered together by one query
 * (`WHERE s.id IN (…)`, see Batcher): each is still read after its request arrived, so a revocation
 * committed before a request is always seen by it, and under load the guard costs a fraction of a
 * round trip per request instead of one.
 */
@Injectable()
export class ActorLoader implements OnModuleInit, OnModuleDestroy {
  private readonly batch = new Batcher<{ userId: number; sessionId: number }, Actor | null>((keys) => this.loadMany(keys), { maxBatch: 200, concurrency: 2 });
  /** Every authenticated request passes here first: while the database is unreachable it fails fast. */
  private readonly breaker: DbBreaker;

  constructor(
    // Only for the breaker, which pings the database while it is tripped.
    @InjectDataSource() ds: DataSource,
    private readonly grants: GrantReader,
  ) {
    this.breaker = DbBreaker.for(ds);
  }

  onModuleInit(): void {
    this.breaker.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.breaker.stop();
  }

  /** The actor, or null when the session is revoked or expired or the user disabled. */
  load(userId: number, sessionId: number): Promise<Actor | null> {
    this.breaker.check();
    return this.batch.submit({ userId, sessionId });
  }

  private async loadMany(keys: { userId: number; sessionId: number }[]): Promise<Settled<Actor | null>[]> {
    const sessions = [...new Set(keys.map((k) => k.sessionId))];
    const bySession = await this.grants.sessionsWithGrants(sessions).catch((e: unknown) => {
      if (isDbUnavailable(e)) this.breaker.trip();
      throw e;
    });
    const now = Date.now();
    return keys.map(({ userId, sessionId }) => ({ ok: true, value: toActor(userId, sessionId, bySession.get(sessionId), now) }));
  }
}

function toActor(userId: number, sessionId: number, s: SessionGrants | undefined, now: number): Actor | null {
  if (!s || s.userId !== userId || s.disabled) return null;
  if (s.expiresAt.getTime() <= now) return null;
  return { userId, sessionId, grants: s.grants };
}
