import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { num, numOrNull } from '../db/rows.js';
import { inSubtrees } from '../register/subtrees.js';
import { Volunteer, VolunteerTask } from './entities.js';
import { GenerateSql } from '../db/generate-sql.js';

/** volunteer and volunteer_task (owned by volunteers). Methods take the caller's EntityManager last. */
@Injectable()
export class VolunteersRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  // ── volunteers ──
  @GenerateSql({ params: [1] })
  volunteer(id: number, m?: EntityManager): Promise<Volunteer | null> {
    return this.mm(m).findOneBy(Volunteer, { id });
  }

  /** A user's registrations, by id. */
  @GenerateSql({ params: [7] })
  ofUser(userId: number, m?: EntityManager): Promise<Volunteer[]> {
    return this.mm(m).find(Volunteer, { where: { userId }, order: { id: 'ASC' } });
  }

  /** Inserts a registration and answers its id; a unique violation when the user has one of this kind. */
  @GenerateSql({ params: [{ userId: 7, kind: 'volunteer', gridNodeId: 1, gridPath: '5101/510104/510104017/', displayName: '张三', skills: '医疗,维修', availability: '周末', partyOrg: '', status: 'active', registeredAt: new Date('2026-01-15T08:00:00.000Z') }] })
  async insert(row: Omit<Volunteer, 'id'>, m?: EntityManager): Promise<number> {
    const r = await this.mm(m).insert(Volunteer, row);
    return Number(r.identifiers[0]!.id);
  }

  @GenerateSql({ params: [1, { status: 'inactive' }] })
  async update(id: number, set: Partial<Volunteer>, m?: EntityManager): Promise<void> {
    await this.mm(m).update(Volunteer, { id }, set);
  }

  /** Volunteers under any of `paths` by id (after `after`), optionally of a kind or with a skill. */
  @GenerateSql({ name: 'first page', params: [['5101/510104/510104017/'], { limit: 51 }] })
  @GenerateSql({ name: 'of a kind with a skill, after a cursor', params: [['5101/510104/510104017/', '5101/510104/510104018/'], { kind: 'party_member', skill: '医疗', after: 10, limit: 51 }] })
  volunteersIn(paths: readonly string[], q: { kind?: string; skill?: string; after?: number; limit: number }, m?: EntityManager): Promise<Volunteer[]> {
    const s = inSubtrees('v.grid_path', paths);
    const qb = this.mm(m).getRepository(Volunteer).createQueryBuilder('v').where(s.sql, s.params);
    if (q.kind) qb.andWhere('v.kind = :k', { k: q.kind });
    if (q.skill) qb.andWhere("CONCAT(',', v.skills, ',') LIKE :sk", { sk: `%,${q.skill.replace(/[\\%_,]/g, '')},%` });
    if (q.after) qb.andWhere('v.id > :c', { c: q.after });
    return qb.orderBy('v.id', 'ASC').limit(q.limit).getMany();
  }

  /** Active volunteers under any of `paths`, counted per kind. */
  @GenerateSql({ params: [['5101/510104/510104017/']] })
  async activeByKind(paths: readonly string[], m?: EntityManager): Promise<Map<string, number>> {
    const s = inSubtrees('v.grid_path', paths);
    const rows: { kind: string; n: string | number }[] = await this.mm(m).getRepository(Volunteer).createQueryBuilder('v').select('v.kind', 'kind').addSelect('COUNT(*)', 'n').where(s.sql, s.params).andWhere("v.status = 'active'").groupBy('v.kind').getRawMany();
    return new Map(rows.map((r) => [r.kind, num(r.n)]));
  }

  // ── tasks ──
  @GenerateSql({ params: [1] })
  task(id: number, m?: EntityManager): Promise<VolunteerTask | null> {
    return this.mm(m).findOneBy(VolunteerTask, { id });
  }

  @GenerateSql({ params: [{ volunteerId: 1, gridPath: '5101/510104/510104017/', eventId: null, title: '陪同就医', assignedBy: 2, assignedAt: new Date('2026-01-15T08:00:00.000Z'), state: 'assigned', minutes: 0, note: '', doneAt: null, version: 1 }] })
  async insertTask(row: Omit<VolunteerTask, 'id'>, m?: EntityManager): Promise<number> {
    const r = await this.mm(m).insert(VolunteerTask, row);
    return Number(r.identifiers[0]!.id);
  }

  /** Moves an assigned task on if its version is still `version`; answers the rows changed. */
  @GenerateSql({ params: [1, 1, { state: 'done', minutes: 60, doneAt: new Date('2026-01-15T08:00:00.000Z'), version: 2 }] })
  async updateAssignedTask(id: number, version: number, set: Partial<VolunteerTask>, m?: EntityManager): Promise<number> {
    return (await this.mm(m).update(VolunteerTask, { id, state: 'assigned', version }, set)).affected ?? 0;
  }

  /** Done tasks per volunteer: minutes served and how many. */
  @GenerateSql({ params: [[1, 2]] })
  async doneByVolunteer(volunteerIds: readonly number[], m?: EntityManager): Promise<Map<number, { minutes: number; done: number }>> {
    if (volunteerIds.length === 0) return new Map();
    const rows: { vid: number | string; m: string | number | null; n: string | number }[] = await this.mm(m)
      .getRepository(VolunteerTask)
      .createQueryBuilder('t')
      .select('t.volunteer_id', 'vid')
      .addSelect('SUM(t.minutes)', 'm')
      .addSelect('COUNT(*)', 'n')
      .where('t.volunteer_id IN (:...ids)', { ids: volunteerIds })
      .andWhere("t.state = 'done'")
      .groupBy('t.volunteer_id')
      .getRawMany();
    return new Map(rows.map((r) => [num(r.vid), { minutes: numOrNull(r.m) ?? 0, done: num(r.n) }]));
  }

  /** Done tasks under any of `paths`: minutes served and how many. */
  @GenerateSql({ params: [['5101/510104/510104017/']] })
  async doneIn(paths: readonly string[], m?: EntityManager): Promise<{ minutes: number; done: number }> {
    const s = inSubtrees('t.grid_path', paths);
    const [row] = (await this.mm(m).getRepository(VolunteerTask).createQueryBuilder('t').select('COALESCE(SUM(t.minutes), 0)', 'm').addSelect('COUNT(*)', 'n').where(s.sql, s.params).andWhere("t.state = 'done'").getRawMany()) as { m: string | number; n: string | number }[];
    return { minutes: num(row?.m ?? 0), done: num(row?.n ?? 0) };
  }

  /** Tasks of some volunteers, or under any of `paths`, newest first (before `before`), optionally of a state. */
  @GenerateSql({ name: 'of volunteers', params: [{ volunteerIds: [1, 2] }, { limit: 21 }] })
  @GenerateSql({ name: 'in a scope, of a state, after a cursor', params: [{ paths: ['5101/510104/510104017/'] }, { state: 'assigned', before: 100, limit: 21 }] })
  tasks(where: { volunteerIds: readonly number[] } | { paths: readonly string[] }, q: { state?: string; before?: number; limit: number }, m?: EntityManager): Promise<VolunteerTask[]> {
    const qb = this.mm(m).getRepository(VolunteerTask).createQueryBuilder('t');
    if ('volunteerIds' in where) qb.where('t.volunteer_id IN (:...ids)', { ids: where.volunteerIds });
    else {
      const s = inSubtrees('t.grid_path', where.paths);
      qb.where(s.sql, s.params);
    }
    if (q.state) qb.andWhere('t.state = :s', { s: q.state });
    if (q.before) qb.andWhere('t.id < :c', { c: q.before });
    return qb.orderBy('t.id', 'DESC').limit(q.limit).getMany();
  }
}
