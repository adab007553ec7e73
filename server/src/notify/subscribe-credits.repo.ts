import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../db/errors.js';
import { forUpdate, marks } from '../db/dialect.js';
import { num, sqlTime } from '../db/rows.js';
import { GenerateSql } from '../db/generate-sql.js';


/** A SELECT to embed in a statement, with its positional parameters. */
export interface EmbeddedSelect {
  sql: string;
  params: readonly unknown[];
}

/**
 * The `subscribe_credit` table (owned by notify): one row per (user, template) counting the sends
 * WeChat allows. Methods take the caller's EntityManager last.
 */
@Injectable()
export class SubscribeCreditsRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  /**
   * Takes up to `wanted.get(u)` credits of `template` from each user u (as many as u holds);
   * answers how many each gave. Locks the rows on MariaDB. One SELECT and one UPDATE per distinct
   * amount (almost always one: a batch rarely tells the same person twice).
   */
  @GenerateSql({ params: ['event_progress', new Map([[7, 1], [8, 2]])], setup: (m: EntityManager) => m.query("INSERT INTO subscribe_credit (user_id, template_key, credits, updated_at) VALUES (7, 'event_progress', 2, '2026-01-15 08:00:00')") })
  async reserve(template: string, wanted: ReadonlyMap<number, number>, m?: EntityManager): Promise<Map<number, number>> {
    const granted = new Map<number, number>();
    if (!wanted.size) return granted;
    const q = this.mm(m);
    const ids = [...wanted.keys()];
    const rows: { user_id: number | string; credits: number | string }[] = await q.query(
      `SELECT user_id, credits FROM subscribe_credit WHERE template_key = ? AND credits > 0 AND user_id IN (${marks(ids)})${forUpdate(q)}`,
      [template, ...ids],
    );
    const byAmount = new Map<number, number[]>();
    for (const r of rows) {
      const user = num(r.user_id);
      const n = Math.min(num(r.credits), wanted.get(user) ?? 0);
      if (n <= 0) continue;
      granted.set(user, n);
      byAmount.set(n, [...(byAmount.get(n) ?? []), user]);
    }
    const at = sqlTime(new Date());
    for (const [n, users] of byAmount) {
      await q.query(`UPDATE subscribe_credit SET credits = credits - ?, updated_at = ? WHERE template_key = ? AND user_id IN (${marks(users)})`, [n, at, template, ...users]);
    }
    return granted;
  }

  /**
   * The people of `people` (a SELECT of user_id, openid) holding a credit for `template`, as a
   * SELECT of (user_id, openid) — to queue their pushes in one `INSERT … SELECT`.
   */
  @GenerateSql({ params: ['notice', { sql: 'SELECT r.user_id AS user_id, u.openid AS openid FROM (SELECT user_id FROM notice_recipient WHERE notice_id = ?) r JOIN (SELECT id, openid FROM app_user WHERE disabled = ?) u ON u.id = r.user_id', params: [1, false] }], then: (q: { sql: string; params: unknown[] }, m: EntityManager) => m.query(q.sql, q.params) })
  holdersSelect(template: string, people: EmbeddedSelect): EmbeddedSelect {
    return {
      sql: `SELECT p.user_id AS user_id, p.openid AS openid FROM (${people.sql}) p JOIN subscribe_credit c ON c.user_id = p.user_id AND c.template_key = ? AND c.credits > 0`,
      params: [...people.params, template],
    };
  }

  /** Takes one credit of `template` from each of `people` (a SELECT of user_id) who has one, in one statement. */
  @GenerateSql({ params: ['notice', { sql: 'SELECT r.user_id AS user_id, u.openid AS openid FROM (SELECT user_id FROM notice_recipient WHERE notice_id = ?) r JOIN (SELECT id, openid FROM app_user WHERE disabled = ?) u ON u.id = r.user_id', params: [1, false] }, new Date('2026-01-15T08:00:00.000Z')] })
  async takeFromEach(template: string, people: EmbeddedSelect, at: Date, m?: EntityManager): Promise<void> {
    await this.mm(m).query(
      `UPDATE subscribe_credit SET credits = credits - 1, updated_at = ?
        WHERE template_key = ? AND credits > 0 AND user_id IN (SELECT p.user_id FROM (${people.sql}) p)`,
      [sqlTime(at), template, ...people.params],
    );
  }

  /** Gives a reserved credit back. */
  @GenerateSql({ params: [7, 'event_progress'] })
  async refund(userId: number, template: string, m?: EntityManager): Promise<void> {
    await this.mm(m).query('UPDATE subscribe_credit SET credits = credits + 1, updated_at = ? WHERE user_id = ? AND template_key = ?', [sqlTime(new Date()), userId, template]);
  }

  /** Sets the user's credits for the template to zero. */
  @GenerateSql({ params: [7, 'event_progress'] })
  async clear(userId: number, template: string, m?: EntityManager): Promise<void> {
    await this.mm(m).query('UPDATE subscribe_credit SET credits = 0, updated_at = ? WHERE user_id = ? AND template_key = ?', [sqlTime(new Date()), userId, template]);
  }

  /** The user's credits by template key (templates without a row are absent). */
  @GenerateSql({ params: [7] })
  async ofUser(userId: number, m?: EntityManager): Promise<Map<string, number>> {
    const rows: { template_key: string; credits: number | string }[] = await this.mm(m).query('SELECT template_key, credits FROM subscribe_credit WHERE user_id = ?', [userId]);
    return new Map(rows.map((r) => [r.template_key, num(r.credits)]));
  }

  /** One more credit (at most 100), creating the row at 1; safe against a concurrent first insert. */
  @GenerateSql({ params: [9, 'event_progress'] })
  async add(userId: number, key: string, m?: EntityManager): Promise<void> {
    const q = this.mm(m);
    for (let attempt = 0; attempt < 3; attempt++) {
      // Capped: a user tapping "allow" a thousand times does not need a thousand pushes.
      const r = await q.createQueryBuilder().update('subscribe_credit').set({ credits: () => 'CASE WHEN credits < 100 THEN credits + 1 ELSE credits END', updatedAt: new Date() }).where('user_id = :userId AND template_key = :key', { userId, key }).execute();
      if (r.affected) return;
      try {
        await q.createQueryBuilder().insert().into('subscribe_credit').values({ userId, templateKey: key, credits: 1, updatedAt: new Date() }).execute();
        return;
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
    }
  }
}
