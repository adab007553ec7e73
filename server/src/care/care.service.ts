import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import type { CareScheduleDto, CareVisitDto, CreateCareScheduleRequest, CreateCareVisitRequest, OverdueByGridDto, UpdateCareScheduleRequest } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { requireLinkableEvent } from '../events/links.js';
import { AccessService } from '../access/access.service.js';
import { GridNode } from '../grids/grid-node.entity.js';
import { Upload } from '../uploads/upload.entity.js';
import { AccessLogService } from '../register/access-log.service.js';
import { RegPerson } from '../register/entities.js';
import { CareSchedule, CareVisit } from './entities.js';
import { GridTree } from '../grids/grid-tree.repo.js';

const DAY = 86_400_000;

/** `(col LIKE :cs0 OR …)` over grid paths. */
function orLike(col: string, paths: string[]): [string, Record<string, string>] {
  const params: Record<string, string> = {};
  return [`(${paths.map((p, i) => ((params[`cs${i}`] = `${p}%`), `${col} LIKE :cs${i}`)).join(' OR ')})`, params];
}

/**
 * Care for special groups: a visit schedule per tagged person (e.g. 独居老人 every 7 days), visit
 * records with notes and photos, and the overdue list per micro-grid. A visit that finds a problem
 * links the event raised for it (POST /events first, then the visit with `eventId`).
 */
@Injectable()
export class CareService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tree: GridTree,
    private readonly access: AccessService,
    private readonly log: AccessLogService,
  ) {}

  private async person(actor: Actor, id: number, action: 'care.plan' | 'care.visit' | 'care.read'): Promise<RegPerson> {
    const p = await this.ds.getRepository(RegPerson).findOneBy({ id });
    if (!p) throw new AppError('NOT_FOUND', 'person not found');
    await this.log.requireOrLog(actor, action, { gridPath: p.gridPath }, { targetType: 'person', targetId: id });
    return p;
  }

  private async scope(actor: Actor, nodeCode?: string): Promise<string[]> {
    const entries = this.access.scope(actor, 'care.read');
    if (entries.length === 0) throw new AppError('FORBIDDEN', 'not allowed: care.read');
    if (!nodeCode) return entries.map((e) => e.path);
    const node = await this.tree.byCode(nodeCode);
    if (!node) throw new AppError('NOT_FOUND', `grid ${nodeCode} not found`);
    await this.log.requireOrLog(actor, 'care.read', { gridPath: node.path }, { targetType: 'grid', targetId: node.id }, false);
    return [node.path];
  }

  private scheduleDto(s: CareSchedule, name: string, now: Date): CareScheduleDto {
    return {
      id: s.id,
      personId: s.personId,
      personName: name,
      householdId: s.householdId,
      gridPath: s.gridPath,
      tag: s.tag,
      intervalDays: s.intervalDays,
      nextDueAt: s.nextDueAt.toISOString(),
      lastVisitAt: s.lastVisitAt ? s.lastVisitAt.toISOString() : null,
      overdueDays: s.active && s.nextDueAt < now ? Math.floor((now.getTime() - s.nextDueAt.getTime()) / DAY) : 0,
      active: !!s.active,
    };
  }

  async createSchedule(actor: Actor, dto: CreateCareScheduleRequest): Promise<CareScheduleDto> {
    const p = await this.person(actor, dto.personId, 'care.plan');
    if (!p.tags.split(',').includes(dto.tag)) throw new AppError('VALIDATION_FAILED', `the person is not tagged ${dto.tag}`, { fields: { tag: 'person does not have this tag' } });
    const existing = await this.ds.getRepository(CareSchedule).findOneBy({ personId: p.id, tag: dto.tag, active: true });
    if (existing) throw new AppError('DUPLICATE', 'an active schedule for this person and tag exists');
    const now = new Date();
    const first = dto.firstDueAt ? new Date(dto.firstDueAt) : new Date(now.getTime() + dto.intervalDays * DAY);
    const r = await this.ds.getRepository(CareSchedule).insert({ personId: p.id, householdId: p.householdId, gridPath: p.gridPath, tag: dto.tag, intervalDays: dto.intervalDays, nextDueAt: first, lastVisitAt: null, active: true, createdBy: actor.userId, createdAt: now });
    return this.scheduleDto(await this.ds.getRepository(CareSchedule).findOneByOrFail({ id: Number(r.identifiers[0]!.id) }), p.name, now);
  }

  private async scheduleForPlan(actor: Actor, id: number): Promise<CareSchedule> {
    const s = await this.ds.getRepository(CareSchedule).findOneBy({ id });
    if (!s) throw new AppError('NOT_FOUND', 'schedule not found');
    await this.log.requireOrLog(actor, 'care.plan', { gridPath: s.gridPath }, { targetType: 'person', targetId: s.personId });
    return s;
  }

  /**
   * Changes an active schedule's interval and/or next due date. Only `active` rows are updated, so
   * a schedule stopped meanwhile is a 409, not silently revived. A new interval alone leaves the
   * due date as it is (the worker says when, if it should move).
   */
  async updateSchedule(actor: Actor, id: number, dto: UpdateCareScheduleRequest): Promise<CareScheduleDto> {
    const s = await this.scheduleForPlan(actor, id);
    if (dto.intervalDays === undefined && dto.nextDueAt === undefined) throw new AppError('VALIDATION_FAILED', 'nothing to change', { fields: { intervalDays: 'give intervalDays or nextDueAt' } });
    const set: Partial<CareSchedule> = {};
    if (dto.intervalDays !== undefined) set.intervalDays = dto.intervalDays;
    if (dto.nextDueAt !== undefined) set.nextDueAt = new Date(dto.nextDueAt);
    const r = await this.ds.getRepository(CareSchedule).update({ id, active: true }, set);
    if (!r.affected) throw new AppError('CONFLICT', 'the schedule was stopped; create a new one');
    const p = await this.ds.getRepository(RegPerson).findOneBy({ id: s.personId });
    return this.scheduleDto(await this.ds.getRepository(CareSchedule).findOneByOrFail({ id }), p?.name ?? '', new Date());
  }

  async stopSchedule(actor: Actor, id: number): Promise<CareScheduleDto> {
    const s = await this.scheduleForPlan(actor, id);
    await this.ds.getRepository(CareSchedule).update({ id }, { active: false });
    const p = await this.ds.getRepository(RegPerson).findOneBy({ id: s.personId });
    return this.scheduleDto({ ...s, active: false }, p?.name ?? '', new Date());
  }

  /** Schedules in scope; `overdue` lists only those past due, most overdue first. */
  async listSchedules(actor: Actor, q: { node?: string; overdue?: boolean; personId?: number; cursor?: number; limit: number }): Promise<{ items: CareScheduleDto[]; nextCursor: string | null }> {
    const scope = await this.scope(actor, q.node);
    const now = new Date();
    const qb = this.ds.getRepository(CareSchedule).createQueryBuilder('s').where(...orLike('s.grid_path', scope)).andWhere('s.active = :a', { a: true });
    if (q.overdue) qb.andWhere('s.next_due_at < :now', { now });
    if (q.personId) qb.andWhere('s.person_id = :pid', { pid: q.personId });
    if (q.cursor) qb.andWhere('s.id > :c', { c: q.cursor });
    // Keyset on id keeps paging stable; the page is then shown most overdue first.
    const rows = await qb.orderBy('s.id', 'ASC').limit(q.limit + 1).getMany();
    const page = rows.slice(0, q.limit);
    const names = await this.names(page.map((s) => s.personId));
    const items = page.map((s) => this.scheduleDto(s, names.get(s.personId) ?? '', now)).sort((a, b) => (a.nextDueAt < b.nextDueAt ? -1 : 1));
    return { items, nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null };
  }

  /** How many visits are overdue in each micro-grid under the node (the worker's to-do board). */
  async overdueByGrid(actor: Actor, q: { node?: string }): Promise<OverdueByGridDto[]> {
    const scope = await this.scope(actor, q.node);
    const rows: { path: string; n: string | number }[] = await this.ds
      .getRepository(CareSchedule)
      .createQueryBuilder('s')
      .select('s.grid_path', 'path')
      .addSelect('COUNT(*)', 'n')
      .where(...orLike('s.grid_path', scope))
      .andWhere('s.active = :a', { a: true })
      .andWhere('s.next_due_at < :now', { now: new Date() })
      .groupBy('s.grid_path')
      .getRawMany();
    const codes = rows.map((r) => r.path.split('/').filter(Boolean).pop()!);
    const nodes = await this.tree.refsByCodes(codes);
    const name = new Map(nodes.map((n) => [n.code, n.name]));
    return rows.map((r, i) => ({ gridCode: codes[i]!, gridName: name.get(codes[i]!) ?? '', overdue: Number(r.n) })).sort((a, b) => b.overdue - a.overdue || a.gridCode.localeCompare(b.gridCode));
  }

  private async names(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const ps = await this.ds.getRepository(RegPerson).find({ select: { id: true, name: true }, where: { id: In([...new Set(ids)]) } });
    return new Map(ps.map((p) => [p.id, p.name]));
  }

  private visitDto(v: CareVisit, name: string): CareVisitDto {
    return { id: v.id, personId: v.personId, personName: name, householdId: v.householdId, scheduleId: v.scheduleId, visitorUserId: v.visitorUserId, visitedAt: v.visitedAt.toISOString(), notes: v.notes, photos: JSON.parse(v.photos) as string[], eventId: v.eventId };
  }

  /**
   * Records a visit and moves the person's schedule(s) on: next due = visit + interval. Photos are
   * the caller's own uploads. A visit that raised an event carries its id.
   */
  async recordVisit(actor: Actor, dto: CreateCareVisitRequest): Promise<CareVisitDto> {
    const p = await this.person(actor, dto.personId, 'care.visit');
    const now = new Date();
    const visitedAt = dto.visitedAt ? new Date(dto.visitedAt) : now;
    if (visitedAt.getTime() > now.getTime() + 5 * 60_000) throw new AppError('VALIDATION_FAILED', 'visitedAt is in the future', { fields: { visitedAt: 'in the future' } });
    const photos = [...new Set(dto.photos ?? [])];
    if (photos.length) {
      const found = await this.ds.getRepository(Upload).find({ select: { publicId: true, ownerId: true }, where: { publicId: In(photos) } });
      const ok = new Set(found.filter((u) => u.ownerId === actor.userId).map((u) => u.publicId));
      const bad = photos.filter((ph) => !ok.has(ph));
      if (bad.length) throw new AppError('VALIDATION_FAILED', 'unknown photos (upload them first)', { fields: { photos: `unknown: ${bad.join(', ')}` } });
    }
    if (dto.eventId !== undefined) await requireLinkableEvent(this.ds, this.access, actor, dto.eventId);
    let schedules: CareSchedule[];
    if (dto.scheduleId !== undefined) {
      const s = await this.ds.getRepository(CareSchedule).findOneBy({ id: dto.scheduleId });
      if (!s || s.personId !== p.id) throw new AppError('VALIDATION_FAILED', 'scheduleId is not a schedule of this person', { fields: { scheduleId: 'not this person' } });
      schedules = [s];
    } else {
      schedules = await this.ds.getRepository(CareSchedule).findBy({ personId: p.id, active: true });
    }
    const id = await this.ds.transaction(async (em) => {
      const r = await em.insert(CareVisit, { scheduleId: dto.scheduleId ?? schedules[0]?.id ?? null, personId: p.id, householdId: p.householdId, gridPath: p.gridPath, visitorUserId: actor.userId, visitedAt, notes: dto.notes.trim(), photos: JSON.stringify(photos), eventId: dto.eventId ?? null, createdAt: now });
      for (const s of schedules) {
        // A late-entered older visit does not move the schedule backwards.
        if (s.lastVisitAt && s.lastVisitAt >= visitedAt) continue;
        await em.update(CareSchedule, { id: s.id }, { lastVisitAt: visitedAt, nextDueAt: new Date(visitedAt.getTime() + s.intervalDays * DAY) });
      }
      return Number(r.identifiers[0]!.id);
    });
    return this.visitDto(await this.ds.getRepository(CareVisit).findOneByOrFail({ id }), p.name);
  }

  async listVisits(actor: Actor, q: { personId?: number; node?: string; cursor?: number; limit: number }): Promise<{ items: CareVisitDto[]; nextCursor: string | null }> {
    const qb = this.ds.getRepository(CareVisit).createQueryBuilder('v');
    if (q.personId !== undefined) {
      await this.person(actor, q.personId, 'care.read');
      qb.where('v.person_id = :pid', { pid: q.personId });
    } else {
      qb.where(...orLike('v.grid_path', await this.scope(actor, q.node)));
    }
    if (q.cursor) qb.andWhere('v.id < :c', { c: q.cursor });
    const rows = await qb.orderBy('v.id', 'DESC').limit(q.limit + 1).getMany();
    const page = rows.slice(0, q.limit);
    const names = await this.names(page.map((v) => v.personId));
    return { items: page.map((v) => this.visitDto(v, names.get(v.personId) ?? '')), nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null };
  }
}
