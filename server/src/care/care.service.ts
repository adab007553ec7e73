import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CareScheduleDto, CareVisitDto, CreateCareScheduleRequest, CreateCareVisitRequest, OverdueByGridDto, UpdateCareScheduleRequest } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { requireLinkableEvent } from '../events/links.js';
import { AccessService } from '../access/access.service.js';
import { UploadOwners } from '../uploads/upload-owners.repo.js';
import { AccessLogService } from '../register/access-log.service.js';
import type { RegPerson } from '../register/entities.js';
import { PeopleRepo } from '../register/people.repo.js';
import type { CareSchedule, CareVisit } from './entities.js';
import { CareRepo } from './care.repo.js';
import { GridTree } from '../grids/grid-tree.repo.js';

const DAY = 86_400_000;

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
    private readonly repo: CareRepo,
    private readonly people: PeopleRepo,
    private readonly uploads: UploadOwners,
  ) {}

  private async person(actor: Actor, id: number, action: 'care.plan' | 'care.visit' | 'care.read'): Promise<RegPerson> {
    const p = await this.people.byId(id);
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
    const existing = await this.repo.activeSchedule(p.id, dto.tag);
    if (existing) throw new AppError('DUPLICATE', 'an active schedule for this person and tag exists');
    const now = new Date();
    const first = dto.firstDueAt ? new Date(dto.firstDueAt) : new Date(now.getTime() + dto.intervalDays * DAY);
    const id = await this.repo.insertSchedule({ personId: p.id, householdId: p.householdId, gridPath: p.gridPath, tag: dto.tag, intervalDays: dto.intervalDays, nextDueAt: first, lastVisitAt: null, active: true, createdBy: actor.userId, createdAt: now });
    return this.scheduleDto((await this.repo.schedule(id))!, p.name, now);
  }

  private async scheduleForPlan(actor: Actor, id: number): Promise<CareSchedule> {
    const s = await this.repo.schedule(id);
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
    if (!(await this.repo.updateActiveSchedule(id, set))) throw new AppError('CONFLICT', 'the schedule was stopped; create a new one');
    const p = await this.people.byId(s.personId);
    return this.scheduleDto((await this.repo.schedule(id))!, p?.name ?? '', new Date());
  }

  async stopSchedule(actor: Actor, id: number): Promise<CareScheduleDto> {
    const s = await this.scheduleForPlan(actor, id);
    await this.repo.updateSchedule(id, { active: false });
    const p = await this.people.byId(s.personId);
    return this.scheduleDto({ ...s, active: false }, p?.name ?? '', new Date());
  }

  /** Schedules in scope; `overdue` lists only those past due, most overdue first. */
  async listSchedules(actor: Actor, q: { node?: string; overdue?: boolean; personId?: number; cursor?: number; limit: number }): Promise<{ items: CareScheduleDto[]; nextCursor: string | null }> {
    const scope = await this.scope(actor, q.node);
    const now = new Date();
    // Keyset on id keeps paging stable; the page is then shown most overdue first.
    const rows = await this.repo.schedulesIn(scope, { overdueAt: q.overdue ? now : undefined, personId: q.personId, after: q.cursor, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const names = await this.people.names(page.map((s) => s.personId));
    const items = page.map((s) => this.scheduleDto(s, names.get(s.personId) ?? '', now)).sort((a, b) => (a.nextDueAt < b.nextDueAt ? -1 : 1));
    return { items, nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null };
  }

  /** How many visits are overdue in each micro-grid under the node (the worker's to-do board). */
  async overdueByGrid(actor: Actor, q: { node?: string }): Promise<OverdueByGridDto[]> {
    const scope = await this.scope(actor, q.node);
    const rows = await this.repo.overdueByPath(scope, new Date());
    const codes = rows.map((r) => r.path.split('/').filter(Boolean).pop()!);
    const nodes = await this.tree.refsByCodes(codes);
    const name = new Map(nodes.map((n) => [n.code, n.name]));
    return rows.map((r, i) => ({ gridCode: codes[i]!, gridName: name.get(codes[i]!) ?? '', overdue: r.n })).sort((a, b) => b.overdue - a.overdue || a.gridCode.localeCompare(b.gridCode));
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
      const ok = await this.uploads.ownedBy(photos, actor.userId);
      const bad = photos.filter((ph) => !ok.has(ph));
      if (bad.length) throw new AppError('VALIDATION_FAILED', 'unknown photos (upload them first)', { fields: { photos: `unknown: ${bad.join(', ')}` } });
    }
    if (dto.eventId !== undefined) await requireLinkableEvent(this.ds, this.access, actor, dto.eventId);
    let schedules: CareSchedule[];
    if (dto.scheduleId !== undefined) {
      const s = await this.repo.schedule(dto.scheduleId);
      if (!s || s.personId !== p.id) throw new AppError('VALIDATION_FAILED', 'scheduleId is not a schedule of this person', { fields: { scheduleId: 'not this person' } });
      schedules = [s];
    } else {
      schedules = await this.repo.activeSchedulesOf(p.id);
    }
    const id = await this.ds.transaction(async (em) => {
      const vid = await this.repo.insertVisit({ scheduleId: dto.scheduleId ?? schedules[0]?.id ?? null, personId: p.id, householdId: p.householdId, gridPath: p.gridPath, visitorUserId: actor.userId, visitedAt, notes: dto.notes.trim(), photos: JSON.stringify(photos), eventId: dto.eventId ?? null, createdAt: now }, em);
      for (const s of schedules) {
        // A late-entered older visit does not move the schedule backwards.
        if (s.lastVisitAt && s.lastVisitAt >= visitedAt) continue;
        await this.repo.updateSchedule(s.id, { lastVisitAt: visitedAt, nextDueAt: new Date(visitedAt.getTime() + s.intervalDays * DAY) }, em);
      }
      return vid;
    });
    return this.visitDto((await this.repo.visit(id))!, p.name);
  }

  async listVisits(actor: Actor, q: { personId?: number; node?: string; cursor?: number; limit: number }): Promise<{ items: CareVisitDto[]; nextCursor: string | null }> {
    let where: { personId: number } | { paths: string[] };
    if (q.personId !== undefined) {
      await this.person(actor, q.personId, 'care.read');
      where = { personId: q.personId };
    } else {
      where = { paths: await this.scope(actor, q.node) };
    }
    const rows = await this.repo.visits(where, { before: q.cursor, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const names = await this.people.names(page.map((v) => v.personId));
    return { items: page.map((v) => this.visitDto(v, names.get(v.personId) ?? '')), nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null };
  }
}
