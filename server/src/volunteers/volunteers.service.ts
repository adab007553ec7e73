import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AssignVolunteerTaskRequest, CompleteVolunteerTaskRequest, VolunteerDto, VolunteerRegisterRequest, VolunteerTaskDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { requireLinkableEvent } from '../events/links.js';
import { AccessService } from '../access/access.service.js';
import { AccessLogService } from '../register/access-log.service.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Volunteer, VolunteerTask } from './entities.js';
import { VolunteersRepo } from './volunteers.repo.js';
import { GridTree } from '../grids/grid-tree.repo.js';

/**
 * 双报到: volunteers and party members register to the micro-grid where they live, with skills and
 * availability; grid workers give them tasks (optionally from an event); finished tasks count as
 * service hours.
 */
@Injectable()
export class VolunteersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tree: GridTree,
    private readonly access: AccessService,
    private readonly log: AccessLogService,
    private readonly repo: VolunteersRepo,
  ) {}

  private async dtos(vs: Volunteer[]): Promise<VolunteerDto[]> {
    if (vs.length === 0) return [];
    const ids = vs.map((v) => v.id);
    const by = await this.repo.doneByVolunteer(vs.map((v) => v.id));
    const nodes = await this.tree.refsByIds(vs.map((v) => v.gridNodeId));
    const node = new Map(nodes.map((n) => [n.id, n]));
    return vs.map((v) => ({
      id: v.id,
      userId: v.userId,
      kind: v.kind as VolunteerDto['kind'],
      gridCode: node.get(v.gridNodeId)?.code ?? '',
      gridName: node.get(v.gridNodeId)?.name ?? '',
      displayName: v.displayName,
      skills: v.skills ? v.skills.split(',') : [],
      availability: v.availability,
      partyOrg: v.partyOrg,
      status: v.status,
      registeredAt: v.registeredAt.toISOString(),
      serviceMinutes: by.get(v.id)?.minutes ?? 0,
      tasksDone: by.get(v.id)?.done ?? 0,
    }));
  }

  private cleanSkills(skills: string[] | undefined): string {
    return [...new Set((skills ?? []).map((s) => s.trim().replace(/,/g, '，')).filter(Boolean))].join(',');
  }

  /** Any signed-in user registers themself (once per kind) to a micro-grid. */
  async register(actor: Actor, dto: VolunteerRegisterRequest): Promise<VolunteerDto> {
    const node = await this.tree.byCode(dto.gridCode);
    if (!node) throw new AppError('NOT_FOUND', `grid ${dto.gridCode} not found`);
    if (node.level !== 'micro') throw new AppError('VALIDATION_FAILED', 'register to the micro-grid where you live', { fields: { gridCode: `${dto.gridCode} is a ${node.level}` } });
    const skills = this.cleanSkills(dto.skills);
    if (skills.length > 300) throw new AppError('VALIDATION_FAILED', 'too many skills', { fields: { skills: 'at most 300 characters in all' } });
    try {
      const id = await this.repo.insert({ userId: actor.userId, kind: dto.kind, gridNodeId: node.id, gridPath: node.path, displayName: dto.displayName.trim(), skills, availability: dto.availability?.trim() ?? '', partyOrg: dto.kind === 'party_member' ? (dto.partyOrg?.trim() ?? '') : '', status: 'active', registeredAt: new Date() });
      return (await this.dtos([(await this.repo.volunteer(id))!]))[0]!;
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('DUPLICATE', `already registered as ${dto.kind}`);
      throw e;
    }
  }

  async mine(actor: Actor): Promise<VolunteerDto[]> {
    return this.dtos(await this.repo.ofUser(actor.userId));
  }

  async updateMine(actor: Actor, id: number, dto: { skills?: string[]; availability?: string; status?: 'active' | 'inactive'; displayName?: string }): Promise<VolunteerDto> {
    const v = await this.repo.volunteer(id);
    if (!v || v.userId !== actor.userId) throw new AppError('NOT_FOUND', 'registration not found');
    const set: Partial<Volunteer> = {};
    if (dto.skills !== undefined) set.skills = this.cleanSkills(dto.skills);
    if (dto.availability !== undefined) set.availability = dto.availability.trim();
    if (dto.status !== undefined) set.status = dto.status;
    if (dto.displayName !== undefined) set.displayName = dto.displayName.trim();
    if (Object.keys(set).length) await this.repo.update(id, set);
    return (await this.dtos([(await this.repo.volunteer(id))!]))[0]!;
  }

  private async managedScope(actor: Actor, nodeCode?: string): Promise<string[]> {
    const entries = this.access.scope(actor, 'volunteer.manage');
    if (entries.length === 0) throw new AppError('FORBIDDEN', 'not allowed: volunteer.manage');
    if (!nodeCode) return entries.map((e) => e.path);
    const node = await this.tree.byCode(nodeCode);
    if (!node) throw new AppError('NOT_FOUND', `grid ${nodeCode} not found`);
    await this.log.requireOrLog(actor, 'volunteer.manage', { gridPath: node.path }, { targetType: 'grid', targetId: node.id }, false);
    return [node.path];
  }

  /** Volunteers in scope, filterable by kind and skill (e.g. find an electrician in this grid). */
  async list(actor: Actor, q: { node?: string; kind?: string; skill?: string; cursor?: number; limit: number }): Promise<{ items: VolunteerDto[]; nextCursor: string | null }> {
    const rows = await this.repo.volunteersIn(await this.managedScope(actor, q.node), { kind: q.kind, skill: q.skill, after: q.cursor, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    return { items: await this.dtos(page), nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null };
  }

  /** Totals for dashboards: volunteers, party members, service hours under a node. */
  async totals(actor: Actor, q: { node?: string }): Promise<{ volunteers: number; partyMembers: number; serviceMinutes: number; tasksDone: number }> {
    const scope = await this.managedScope(actor, q.node);
    const counts = await this.repo.activeByKind(scope);
    const done = await this.repo.doneIn(scope);
    return {
      volunteers: counts.get('volunteer') ?? 0,
      partyMembers: counts.get('party_member') ?? 0,
      serviceMinutes: done.minutes,
      tasksDone: done.done,
    };
  }

  private taskDto(t: VolunteerTask): VolunteerTaskDto {
    return { id: t.id, volunteerId: t.volunteerId, title: t.title, eventId: t.eventId, state: t.state as VolunteerTaskDto['state'], minutes: t.minutes, note: t.note, assignedBy: t.assignedBy, assignedAt: t.assignedAt.toISOString(), doneAt: t.doneAt ? t.doneAt.toISOString() : null };
  }

  async assign(actor: Actor, volunteerId: number, dto: AssignVolunteerTaskRequest): Promise<VolunteerTaskDto> {
    const v = await this.repo.volunteer(volunteerId);
    if (!v) throw new AppError('NOT_FOUND', 'volunteer not found');
    await this.log.requireOrLog(actor, 'volunteer.manage', { gridPath: v.gridPath }, { targetType: 'grid', targetId: v.gridNodeId }, false);
    if (v.status !== 'active') throw new AppError('INVALID_TRANSITION', 'the volunteer is not active');
    if (dto.eventId !== undefined) await requireLinkableEvent(this.ds, this.access, actor, dto.eventId);
    const id = await this.repo.insertTask({ volunteerId: v.id, gridPath: v.gridPath, eventId: dto.eventId ?? null, title: dto.title.trim(), assignedBy: actor.userId, assignedAt: new Date(), state: 'assigned', minutes: 0, note: dto.note?.trim() ?? '', doneAt: null, version: 1 });
    return this.taskDto((await this.repo.task(id))!);
  }

  /** The volunteer (or a manager in scope) marks a task done with the minutes served. */
  async complete(actor: Actor, taskId: number, dto: CompleteVolunteerTaskRequest): Promise<VolunteerTaskDto> {
    const t = await this.taskFor(actor, taskId, true);
    const changed = await this.repo.updateAssignedTask(taskId, t.version, { state: 'done', minutes: dto.minutes, note: dto.note?.trim() ?? t.note, doneAt: new Date(), version: t.version + 1 });
    if (!changed) throw new AppError('INVALID_TRANSITION', `the task is ${t.state}`);
    return this.taskDto((await this.repo.task(taskId))!);
  }

  async cancel(actor: Actor, taskId: number): Promise<VolunteerTaskDto> {
    const t = await this.taskFor(actor, taskId, false);
    if (!(await this.repo.updateAssignedTask(taskId, t.version, { state: 'cancelled', version: t.version + 1 }))) throw new AppError('INVALID_TRANSITION', `the task is ${t.state}`);
    return this.taskDto((await this.repo.task(taskId))!);
  }

  private async taskFor(actor: Actor, taskId: number, volunteerMayAct: boolean): Promise<VolunteerTask> {
    const t = await this.repo.task(taskId);
    if (!t) throw new AppError('NOT_FOUND', 'task not found');
    if (volunteerMayAct) {
      const v = await this.repo.volunteer(t.volunteerId);
      if (v && v.userId === actor.userId) return t;
    }
    await this.log.requireOrLog(actor, 'volunteer.manage', { gridPath: t.gridPath }, { targetType: 'grid', targetId: null });
    return t;
  }

  async tasks(actor: Actor, q: { volunteerId?: number; mine?: boolean; state?: string; limit: number; cursor?: number }): Promise<{ items: VolunteerTaskDto[]; nextCursor: string | null }> {
    let where: { volunteerIds: number[] } | { paths: string[] };
    if (q.mine) {
      const mine = await this.repo.ofUser(actor.userId);
      if (mine.length === 0) return { items: [], nextCursor: null };
      where = { volunteerIds: mine.map((m) => m.id) };
    } else if (q.volunteerId !== undefined) {
      const v = await this.repo.volunteer(q.volunteerId);
      if (!v) throw new AppError('NOT_FOUND', 'volunteer not found');
      await this.log.requireOrLog(actor, 'volunteer.manage', { gridPath: v.gridPath }, { targetType: 'grid', targetId: v.gridNodeId });
      where = { volunteerIds: [v.id] };
    } else {
      where = { paths: await this.managedScope(actor) };
    }
    const rows = await this.repo.tasks(where, { state: q.state, before: q.cursor, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    return { items: page.map((t) => this.taskDto(t)), nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null };
  }
}
