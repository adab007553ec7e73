import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { num } from '../db/rows.js';
import { User } from './user.entity.js';
import { GenerateSql } from '../db/generate-sql.js';
import { marks } from '../db/dialect.js';


/**
 * Narrow reads of `app_user` (owned by accounts) for the modules that reach people — notify,
 * notices, share: who of a set is enabled and their openid, display names, the WeChat identity.
 * Methods take the caller's EntityManager last.
 */
@Injectable()
export class UserReads {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  /** The enabled users among `ids`, with their openids (in no particular order). */
  @GenerateSql({ params: [[7, 8]] })
  async enabledContacts(ids: readonly number[], m?: EntityManager): Promise<{ id: number; openid: string }[]> {
    if (ids.length === 0) return [];
    const rows: { id: number | string; openid: string }[] = await this.mm(m).query(`SELECT id, openid FROM app_user WHERE id IN (${marks(ids)}) AND disabled = ?`, [...ids, false]);
    return rows.map((r) => ({ id: num(r.id), openid: r.openid }));
  }

  /**
   * A SELECT of (id, openid) for every enabled user — for callers that write to a set of people
   * in one statement (`INSERT … SELECT`), joined on `id`.
   */
  @GenerateSql({ params: [], then: (q: { sql: string; params: unknown[] }, m: EntityManager) => m.query(q.sql, q.params) })
  enabledContactsSelect(): { sql: string; params: unknown[] } {
    return { sql: 'SELECT id, openid FROM app_user WHERE disabled = ?', params: [false] };
  }

  /** Display names (null when never set) of the users among `ids` that exist. */
  @GenerateSql({ params: [[7, 8]] })
  async names(ids: readonly number[], m?: EntityManager): Promise<Map<number, string | null>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows: { id: number | string; name: string | null }[] = await this.mm(m).query(`SELECT id, name FROM app_user WHERE id IN (${marks(unique)})`, unique);
    return new Map(rows.map((r) => [num(r.id), r.name]));
  }

  /** The user's openid and last WeChat session_key (a column never selected by default), or null. */
  @GenerateSql({ params: [7] })
  async wechatIdentity(id: number, m?: EntityManager): Promise<{ openid: string; sessionKey: string | null } | null> {
    const u = await this.mm(m).getRepository(User).createQueryBuilder('u').select(['u.id', 'u.openid']).addSelect('u.sessionKey').where('u.id = :id', { id }).getOne();
    return u ? { openid: u.openid, sessionKey: u.sessionKey ?? null } : null;
  }
}
