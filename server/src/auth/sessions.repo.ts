import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { AuthSession } from './session.entity.js';
import { GenerateSql } from '../db/generate-sql.js';

/** The `auth_session` table (owned by auth). Methods take the caller's EntityManager last. */
@Injectable()
export class SessionsRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  /** A new session; its id. */
  @GenerateSql({ params: [{ userId: 7, refreshHash: 'h1', prevRefreshHash: null, createdAt: new Date('2026-01-15T08:00:00.000Z'), lastUsedAt: new Date('2026-01-15T08:00:00.000Z'), expiresAt: new Date('2026-01-15T08:00:00.000Z'), revokedAt: null }] })
  async create(row: Omit<AuthSession, 'id'>, m?: EntityManager): Promise<number> {
    const res = await this.mm(m).insert(AuthSession, row);
    return Number(res.identifiers[0]!.id);
  }

  @GenerateSql({ params: [1] })
  byId(id: number, m?: EntityManager): Promise<AuthSession | null> {
    return this.mm(m).findOneBy(AuthSession, { id });
  }

  /** Ends a session (whatever its state). */
  @GenerateSql({ params: [1, new Date('2026-01-15T08:00:00.000Z')] })
  async revoke(id: number, at: Date, m?: EntityManager): Promise<void> {
    await this.mm(m).update(AuthSession, { id }, { revokedAt: at });
  }

  /** Ends a live session of this user; false when there was none. */
  @GenerateSql({ params: [1, 7, new Date('2026-01-15T08:00:00.000Z')] })
  async revokeOwn(id: number, userId: number, at: Date, m?: EntityManager): Promise<boolean> {
    const r = await this.mm(m).update(AuthSession, { id, userId, revokedAt: IsNull() }, { revokedAt: at });
    return !!r.affected;
  }

  /** Ends every live session of the user; how many. */
  @GenerateSql({ params: [7, new Date('2026-01-15T08:00:00.000Z')] })
  async revokeAll(userId: number, at: Date, m?: EntityManager): Promise<number> {
    const r = await this.mm(m).update(AuthSession, { userId, revokedAt: IsNull() }, { revokedAt: at });
    return r.affected ?? 0;
  }

  /** The user's live (not revoked) sessions, newest first, at most 100. */
  @GenerateSql({ params: [7] })
  live(userId: number, m?: EntityManager): Promise<AuthSession[]> {
    return this.mm(m).find(AuthSession, { where: { userId, revokedAt: IsNull() }, order: { id: 'DESC' }, take: 100 });
  }

  /**
   * Rotates the refresh token if the session still has `currentHash` and is live — two concurrent
   * refreshes with one token: exactly one wins. True when this call won.
   */
  @GenerateSql({ params: [1, 'h1', { refreshHash: 'h2', lastUsedAt: new Date('2026-01-15T08:00:00.000Z'), expiresAt: new Date('2026-01-15T08:00:00.000Z') }] })
  async rotate(id: number, currentHash: string, next: { refreshHash: string; lastUsedAt: Date; expiresAt: Date }, m?: EntityManager): Promise<boolean> {
    const upd = await this.mm(m)
      .createQueryBuilder()
      .update(AuthSession)
      .set({ refreshHash: next.refreshHash, prevRefreshHash: currentHash, lastUsedAt: next.lastUsedAt, expiresAt: next.expiresAt })
      .where('id = :id AND refresh_hash = :h AND revoked_at IS NULL', { id, h: currentHash })
      .execute();
    return upd.affected === 1;
  }
}
