import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { num } from '../db/rows.js';
import { inSubtrees } from '../register/subtrees.js';
import { CareSchedule, CareVisit } from './entities.js';
import { GenerateSql } from '../db/generate-sql.js';

/** care_schedule and care_visit (owned by care). Methods take the caller's EntityManager last. */
@Injectable()
export class CareRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  // ── schedules ──
  @GenerateSql({ params: [1] })
  schedule(id: number, m?: EntityManager): Promise<CareSchedule | null> {
    return this.mm(m).findOneBy(CareSchedule, { id });
  }

  /** The person's active schedule for a tag, if any. */
  @GenerateSql({ params: [1, 'elderly'] })
  activeSchedule(personId: number, tag: string, m?: EntityManager): Promise<CareSchedule | null> {
    return this.mm(m).findOneBy(CareSchedule, { personId, tag, active: true });
  }

  @GenerateSql({ params: [1] })
  activeSchedulesOf(personId: number, m?: EntityManager): Promise<CareSchedule[]> {
    return this.mm(m).findBy(CareSchedule, { personId, active: true });
  }

  @GenerateSql({ params: [{ personId: 1, householdId: 1, gridPath: '5101/510104/510104017/', tag: 'elderly', intervalDays: 7, nextDueAt: new Date('2026-01-15T08:00:00.000Z'), lastVisitAt: null, active: true, createdBy: 2, createdAt: new Date('2026-01-15T08:00:00.000Z') }] })
  async insertSchedule(row: Omit<CareSchedule, 'id'>, m?: EntityManager): Promise<number> {
    const r = await this.mm(m).insert(CareSchedule, row);
    return Number(r.identifiers[0]!.id);
  }

  /** Changes a schedule only while it is active; answers the rows changed. */
  @GenerateSql({ params: [1, { intervalDays: 14, nextDueAt: new Date('2026-01-31T16:00:00.000Z') }] })
  async updateActiveSchedule(id: number, set: Partial<CareSchedule>, m?: EntityManager): Promise<number> {
    return (await this.mm(m).update(CareSchedule, { id, active: true }, set)).affected ?? 0;
  }

  @GenerateSql({ params: [1, { active: false }] })
  async updateSchedule(id: number, set: Partial<CareSchedule>, m?: EntityManager): Promise<void> {
    await this.mm(m).update(CareSchedule, { id }, set);
  }

  /** Active schedules under any of `paths` by id (after `after`), optionally only past `overdueAt` or of one person. */
  @GenerateSql({ name: 'first page', params: [['5101/510104/510104017/'], { limit: 51 }] })
  @GenerateSql({ name: 'overdue, of a person, after a cursor', params: [['5101/510104/510104017/', '5101/510104/510104018/'], { overdueAt: new Date('2026-01-15T08:00:00.000Z'), personId: 1, after: 10, limit: 51 }] })
  schedulesIn(paths: readonly string[], q: { overdueAt?: Date; personId?: number; after?: number; limit: number }, m?: EntityManager): Promise<CareSchedule[]> {
    const s = inSubtrees('s.grid_path', paths);
    const qb = this.mm(m).getRepository(CareSchedule).createQueryBuilder('s').where(s.sql, s.params).andWhere('s.active = :a', { a: true });
    if (q.overdueAt) qb.andWhere('s.next_due_at < :now', { now: q.overdueAt });
    if (q.personId) qb.andWhere('s.person_id = :pid', { pid: q.personId });
    if (q.after) qb.andWhere('s.id > :c', { c: q.after });
    return qb.orderBy('s.id', 'ASC').limit(q.limit).getMany();
  }

  /** Active schedules due before `now`, counted per micro-grid path under any of `paths`. */
  @GenerateSql({ params: [['5101/510104/510104017/', '5101/510104/510104018/'], new Date('2026-01-15T08:00:00.000Z')] })
  async overdueByPath(paths: readonly string[], now: Date, m?: EntityManager): Promise<{ path: string; n: number }[]> {
    const s = inSubtrees('s.grid_path', paths);
    const rows: { path: string; n: string | number }[] = await this.mm(m)
      .getRepository(CareSchedule)
      .createQueryBuilder('s')
      .select('s.grid_path', 'path')
      .addSelect('COUNT(*)', 'n')
      .where(s.sql, s.params)
      .andWhere('s.active = :a', { a: true })
      .andWhere('s.next_due_at < :now', { now })
      .groupBy('s.grid_path')
      .getRawMany();
    return rows.map((r) => ({ path: r.path, n: num(r.n) }));
  }

  // ── visits ──
  @GenerateSql({ params: [1] })
  visit(id: number, m?: EntityManager): Promise<CareVisit | null> {
    return this.mm(m).findOneBy(CareVisit, { id });
  }

  @GenerateSql({ params: [{ scheduleId: 1, personId: 1, householdId: 1, gridPath: '5101/510104/510104017/', visitorUserId: 7, visitedAt: new Date('2026-01-15T08:00:00.000Z'), notes: '身体很好', photos: '[]', eventId: null, createdAt: new Date('2026-01-15T08:00:00.000Z') }] })
  async insertVisit(row: Omit<CareVisit, 'id'>, m?: EntityManager): Promise<number> {
    const r = await this.mm(m).insert(CareVisit, row);
    return Number(r.identifiers[0]!.id);
  }

  /** Visits of one person, or under any of `paths`, newest first (before `before`). */
  @GenerateSql({ name: 'of a person', params: [{ personId: 1 }, { limit: 21 }] })
  @GenerateSql({ name: 'in a scope, after a cursor', params: [{ paths: ['5101/510104/510104017/'] }, { before: 100, limit: 21 }] })
  visits(where: { personId: number } | { paths: readonly string[] }, q: { before?: number; limit: number }, m?: EntityManager): Promise<CareVisit[]> {
    const qb = this.mm(m).getRepository(CareVisit).createQueryBuilder('v');
    if ('personId' in where) qb.where('v.person_id = :pid', { pid: where.personId });
    else {
      const s = inSubtrees('v.grid_path', where.paths);
      qb.where(s.sql, s.params);
    }
    if (q.before) qb.andWhere('v.id < :c', { c: q.before });
    return qb.orderBy('v.id', 'DESC').limit(q.limit).getMany();
  }
}
