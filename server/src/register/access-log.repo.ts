import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { RegAccessLog } from './entities.js';
import { inSubtrees } from './subtrees.js';
import { GenerateSql } from '../db/generate-sql.js';

export interface AccessLogFilter {
  userId?: number;
  action?: string;
  allowed?: boolean;
  targetType?: string;
  targetId?: number;
  /** Ids strictly below this one (the page before). */
  before?: number;
}

/** reg_access_log (owned by register). Methods take the caller's EntityManager last. */
@Injectable()
export class AccessLogRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  @GenerateSql({ params: [{ at: new Date('2026-01-15T08:00:00.000Z'), userId: 7, action: 'person.view', targetType: 'person', targetId: 1, gridPath: '5101/510104/510104017/', allowed: true, detail: '', requestId: 'req-1' }] })
  async insert(row: Omit<RegAccessLog, 'id'>, m?: EntityManager): Promise<void> {
    await this.mm(m).insert(RegAccessLog, row);
  }

  /** Entries whose target lies under any of `paths`, newest first, at most `limit`. */
  @GenerateSql({ name: 'a scope', params: [['5101/510104/510104017/'], {}, 51] })
  @GenerateSql({ name: 'every filter', params: [['5101/510104/510104017/', '5101/510104/510104018/'], { userId: 7, action: 'person.view', allowed: false, targetType: 'person', targetId: 1, before: 100 }, 51] })
  page(paths: readonly string[], f: AccessLogFilter, limit: number, m?: EntityManager): Promise<RegAccessLog[]> {
    const s = inSubtrees('l.grid_path', paths);
    const qb = this.mm(m).getRepository(RegAccessLog).createQueryBuilder('l').where(s.sql, s.params);
    if (f.userId !== undefined) qb.andWhere('l.user_id = :u', { u: f.userId });
    if (f.action !== undefined) qb.andWhere('l.action = :a', { a: f.action });
    if (f.allowed !== undefined) qb.andWhere('l.allowed = :al', { al: f.allowed });
    if (f.targetType !== undefined) qb.andWhere('l.target_type = :tt', { tt: f.targetType });
    if (f.targetId !== undefined) qb.andWhere('l.target_id = :ti', { ti: f.targetId });
    if (f.before !== undefined) qb.andWhere('l.id < :b', { b: f.before });
    return qb.orderBy('l.id', 'DESC').limit(limit).getMany();
  }
}
