import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import type { AssignVolunteerTaskRequest, CompleteVolunteerTaskRequest, VolunteerDto, VolunteerRegisterRequest, VolunteerTaskDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { requireLinkableEvent } from '../events/links.js';
import { AccessService } from '../access/access.service.js';
import { GridNode } from '../grids/grid-node.entity.js';
import { AccessLogService } from '../register/access-log.service.js';
import { isUniqueViolation } from '../db/errors.js';
import { Volunteer, VolunteerTask } from './entities.js';
import { GridTree } from '../grids/grid-tree.repo.js';

function orLike(col: string, paths: string[]): [string, Record<string, string>] {
  const params: Record<string, string> = {};
  return [`(${paths.map((p, i) => ((params[`vs${i}`] = `${p}%`), `${col} LIKE :vs${i}`)).join(' OR ')})`, params];
}

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
  ) {}

  private async dtos(vs: Volunteer[]): Promise<VolunteerDto[]> {
    if (vs.length === 0) return [];
    const ids = vs.map((v) => v.id);
    const sums: { vid: number; m: string | number | null; n: string | number }[] = await this.ds
      .getRepository(VolunteerTask)
      .createQueryBuilder('t')
      .select('t.volunteer_id', 'vid')
      .addSelect('SUM(t.minutes)', 'm')
      .addSelect('COUNT(*)', 'n')
      .where('t.volunteer_id IN (:...ids)', { ids })
      .andWhere("t.state = 'done'")
      .groupBy('t.volunteer_id')
      .getRawMany();
    const by = new Map(sums.map((s) => [Number(s.vid), s]));
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
      serviceMinutes: Number(by.get(v.id)?.m ?? 0),
      tasksDone: Number(by.get(v.id)?.n ?? 0),
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
      const r = await this.ds.getRepository(Volunteer).insert({ userId: actor.userId, kind: dto.kind, gridNodeId: node.id, gridPath: node.path, displayName: dto.displayName.trim(), skills, availability: dto.availability?.trim() ?? '', partyOrg: dto.kind === 'party_member' ? (dto.partyOrg?.trim() ?? '') : '', status: 'active', registeredAt: new Date() });
      return (await this.dtos([await this.ds.getRepository(Volunteer).findOneByOrFail({ id: Number(r.identifiers[0]!.id) })]))[0]!;
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('DUPLICATE', `already registered as ${dto.kind}`);
      throw e;
    }
  }

  async mine(actor: Actor): Promise<VolunteerDto[]> {
    return this.dtos(await this.ds.getRepository(Volunteer).find({ where: { userId: actor.userId }, order: { id: 'ASC' } }));
  }

  async updateMine(actor: Actor, id: number, dto: { skills?: string[]; availability?: string; status?: 'active' | 'inactive'; displayName?: string }): Promise<VolunteerDto> {
    const v = await this.ds.getRepository(Volunteer).findOneBy({ id });
    if (!v || v.userId !== actor.userId) throw new AppError('NOT_FOUND', 'registration not found');
    const set: Partial<Volunteer> = {};
    if (dto.skills !== undefined) set.skills = this.cleanSkills(dto.skills);
    if (dto.availability !== undefined) set.availability = dto.availability.trim();
    if (dto.status !== undefined) set.status = dto.status;
    if (dto.displayName !== undefined) set.displayName = dto.displayName.trim();
    if (Object.keys(set).length) await this.ds.getRepository(Volunteer).update({ id }, set);
    return (await this.dtos([await this.ds.getRepository(Volunteer).findOneByOrFail({ id })]))[0]!;
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
    const qb = this.ds.getRepository(Volunteer).createQueryBuilder('v').where(...orLike('v.grid_path', await this.managedScope(actor, q.node)));
    if (q.kind) qb.andWhere('v.kind = :k', { k: q.kind });
    if (q.skill) qb.andWhere("CONCAT(',', v.skills, ',') LIKE :sk", { sk: `%,${q.skill.replace(/[\\%_,]/g, '')},%` });
    if (q.cursor) qb.andWhere('v.id > :c', { c: q.cursor });
    const rows = await qb.orderBy('v.id', 'ASC').limit(q.limit + 1).getMany();
    const page = rows.slice(0, q.limit);
    return { items: await this.dtos(page), nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null };
  }

  /** Totals for dashboards: volunteers, party members, service hours under a node. */
  async totals(actor: Actor, q: { node?: string }): Promise<{ volunteers: number; partyMembers: number; serviceMinutes: number; tasksDone: number }> {
    const scope = await this.managedScope(actor, q.node);
    const counts: { kind: string; n: string | number }[] = await this.ds.getRepository(Volunteer).createQueryBuilder('v').select('v.kind', 'kind').addSelect('COUNT(*)', 'n').where(...orLike('v.grid_path', scope)).andWhere("v.status = 'active'").groupBy('v.kind').getRawMany();
    const [hours] = (await this.ds.getRepository(VolunteerTask).createQueryBuilder('t').select('COALESCE(SUM(t.minutes), 0)', 'm').addSelect('COUNT(*)', 'n').where(...orLike('t.grid_path', scope)).andWhere("t.state = 'done'").getRawMany()) as { m: string | number; n: string | number }[];
    return {
      volunteers: Number(counts.find((c) => c.kind === 'volunteer')?.n ?? 0),
      partyMembers: Number(counts.find((c) => c.kind === 'party_member')?.n ?? 0),
      serviceMinutes: Number(hours?.m ?? 0),
      tasksDone: Number(hours?.n ?? 0),
    };
  }

  private taskDto(t: VolunteerTask): VolunteerTaskDto {
    return { id: t.id, volunteerId: t.volunteerId, title: t.title, eventId: t.eventId, state: t.state as VolunteerTaskDto['state'], minutes: t.minutes, note: t.note, assignedBy: t.assignedBy, assignedAt: t.assignedAt.toISOString(), doneAt: t.doneAt ? t.doneAt.toISOString() : null };
  }

  async assign(actor: Actor, volunteerId: number, dto: AssignVolunteerTaskRequest): Promise<VolunteerTaskDto> {
    const v = await this.ds.getRepository(Volunteer).findOneBy({ id: volunteerId });
    if (!v) throw new AppError('NOT_FOUND', 'volunteer not found');
    await this.log.requireOrLog(actor, 'volunteer.manage', { gridPath: v.gridPath }, { targetType: 'grid', targetId: v.gridNodeId }, false);
    if (v.status !== 'active') throw new AppError('INVALID_TRANSITION', 'the volunteer is not active');
    if (dto.eventId !== undefined) await requireLinkableEvent(this.ds, this.access, actor, dto.eventId);
    const r = await this.ds.getRepository(VolunteerTask).insert({ volunteerId: v.id, gridPath: v.gridPath, eventId: dto.eventId ?? null, title: dto.title.trim(), assignedBy: actor.userId, assignedAt: new Date(), state: 'assigned', minutes: 0, note: dto.note?.trim() ?? '', doneAt: null, version: 1 });
    return this.taskDto(await this.ds.getRepository(VolunteerTask).findOneByOrFail({ id: Number(r.identifiers[0]!.id) }));
  }

  /** The volunteer (or a manager in scope) marks a task done with the minutes served. */
  async complete(actor: Actor, taskId: number, dto: CompleteVolunteerTaskRequest): Promise<VolunteerTaskDto> {
    const t = await this.taskFor(actor, taskId, true);
    const r = await this.ds.getRepository(VolunteerTask).update({ id: taskId, state: 'assigned', version: t.version }, { state: 'done', minutes: dto.minutes, note: dto.note?.trim() ?? t.note, doneAt: new Date(), version: t.version + 1 });
    if (!r.affected) throw new AppError('INVALID_TRANSITION', `the task is ${t.state}`);
    return this.taskDto(await this.ds.getRepository(VolunteerTask).findOneByOrFail({ id: taskId }));
  }

  async cancel(actor: Actor, taskId: number): Promise<VolunteerTaskDto> {
    const t = await this.taskFor(actor, taskId, false);
    const r = await this.ds.getRepository(VolunteerTask).update({ id: taskId, state: 'assigned', version: t.version }, { state: 'cancelled', version: t.version + 1 });
    if (!r.affected) throw new AppError('INVALID_TRANSITION', `the task is ${t.state}`);
    return this.taskDto(await this.ds.getRepository(VolunteerTask).findOneByOrFail({ id: taskId }));
  }

  private async taskFor(actor: Actor, taskId: number, volunteerMayAct: boolean): Promise<VolunteerTask> {
    const t = await this.ds.getRepository(VolunteerTask).findOneBy({ id: taskId });
    if (!t) throw new AppError('NOT_FOUND', 'task not found');
    if (volunteerMayAct) {
      const v = await this.ds.getRepository(Volunteer).findOneBy({ id: t.volunteerId });
      if (v && v.userId === actor.userId) return t;
    }
    await this.log.requireOrLog(actor, 'volunteer.manage', { gridPath: t.gridPath }, { targetType: 'grid', targetId: null });
    return t;
  }

  async tasks(actor: Actor, q: { volunteerId?: number; mine?: boolean; state?: string; limit: number; cursor?: number }): Promise<{ items: VolunteerTaskDto[]; nextCursor: string | null }> {
    const qb = this.ds.getRepository(VolunteerTask).createQueryBuilder('t');
    if (q.mine) {
      const mine = await this.ds.getRepository(Volunteer).find({ select: { id: true }, where: { userId: actor.userId } });
      if (mine.length === 0) return { items: [], nextCursor: null };
      qb.where('t.volunteer_id IN (:...ids)', { ids: mine.map((m) => m.id) });
    } else if (q.volunteerId !== undefined) {
      const v = await this.ds.getRepository(Volunteer).findOneBy({ id: q.volunteerId });
      if (!v) throw new AppError('NOT_FOUND', 'volunteer not found');
      await this.log.requireOrLog(actor, 'volunteer.manage', { gridPath: v.gridPath }, { targetType: 'grid', targetId: v.gridNodeId });
      qb.where('t.volunteer_id = :v', { v: v.id });
    } else {
      qb.where(...orLike('t.grid_path', await this.managedScope(actor)));
    }
    if (q.state) qb.andWhere('t.state = :s', { s: q.state });
    if (q.cursor) qb.andWhere('t.id < :c', { c: q.cursor });
    const rows = await qb.orderBy('t.id', 'DESC').limit(q.limit + 1).getMany();
    const page = rows.slice(0, q.limit);
    return { items: page.map((t) => this.taskDto(t)), nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null };
  }
}
