import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { availableActions, OPEN_STATES, type EventDetailDto, type EventPublicDto, type EventViewDto, type EventSummaryDto, type NearbyEventDto, type Page, type TimelineEntryDto, type UploadDto, type WorkflowParty } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { AccessService } from '../access/access.service.js';
import { subtreeRange } from '../grids/tree.js';
import { RoutingService } from '../routing/routing.service.js';
import { PhotoGrants, toUploadDto } from '../uploads/uploads.service.js';
import { Upload } from '../uploads/upload.entity.js';
import type { EventListQueryDto, NearbyQueryDto } from './dto.js';
import { EventAudit, EventRow, EventSupporter } from './event.entity.js';
import { distanceToEventM, NEARBY_RADIUS_M, storagePoint } from './nearness.js';

const NEW_STATES = ['reported', 'accepted', 'dispatched', 'escalated', 'dept_assigned'];
/** The bounding box of a nearby search is widened from metres to degrees with this radius. */
const EARTH_M = 6_371_000;

/** Reading the event loop: detail with timeline, scoped lists with cursor pagination, nearby duplicates. */
@Injectable()
export class EventQueriesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly routing: RoutingService,
    private readonly photoGrants: PhotoGrants,
  ) {}

  /**
   * What the actor is to the event, or 404 when they may not see it at all. A supporter who is
   * nothing else to the event gets the public view only (see `publicView`): saying "me too"
   * must not open the reporter, the handlers or the address to whoever stands nearby.
   */
  private async viewerParties(actor: Actor, e: EventRow): Promise<{ parties: WorkflowParty[]; staff: boolean; supportedAt: Date | null }> {
    const { parties, staff } = await this.access.eventViewer(actor, e);
    const s = await this.ds.getRepository(EventSupporter).findOneBy({ eventId: e.id, userId: actor.userId });
    const supportedAt = s ? s.at : null;
    const visible = parties.length > 0 || staff || (supportedAt !== null && !e.held);
    if (!visible) throw new AppError('NOT_FOUND', 'event not found');
    return { parties, staff, supportedAt };
  }

  /** The full detail for the reporter, the handler and staff in scope; the public view for a supporter only. */
  async view(actor: Actor, id: number): Promise<EventViewDto> {
    const e = await this.ds.getRepository(EventRow).findOneBy({ id });
    if (!e) throw new AppError('NOT_FOUND', 'event not found');
    const who = await this.viewerParties(actor, e);
    if (who.parties.length === 0 && !who.staff) return this.publicView(e, who.supportedAt!);
    return this.fullView(actor, e, who);
  }

  /** The full detail, for callers that are a party to the event (after an action); 404 for anyone else. */
  async detail(actor: Actor, id: number): Promise<EventDetailDto> {
    const e = await this.ds.getRepository(EventRow).findOneBy({ id });
    if (!e) throw new AppError('NOT_FOUND', 'event not found');
    const who = await this.viewerParties(actor, e);
    if (who.parties.length === 0 && !who.staff) throw new AppError('NOT_FOUND', 'event not found');
    return this.fullView(actor, e, who);
  }

  /** Category, state, micro-grid name, one's own support and the state changes: nothing about people, places or notes. */
  private async publicView(e: EventRow, supportedAt: Date): Promise<EventPublicDto> {
    // Only the state changes: requests (延期/缓办) and ratings leave the state as it was and say who asked.
    const audit = await this.ds.getRepository(EventAudit).find({ select: { id: true, at: true, fromState: true, toState: true }, where: { eventId: e.id }, order: { id: 'ASC' } });
    const changes = audit.filter((a) => a.fromState !== a.toState);
    const micro = this.nodeRef(e.nodeId);
    return {
      view: 'public',
      id: e.id,
      category: e.category,
      state: e.state,
      microGrid: { code: micro.code, name: micro.name },
      createdAt: e.createdAt.toISOString(),
      supporters: e.supporters,
      supportedByMe: true,
      supportedAt: supportedAt.toISOString(),
      progress: changes.map((c) => ({ at: c.at.toISOString(), state: c.toState })),
    };
  }

  private async fullView(actor: Actor, e: EventRow, { parties, staff, supportedAt }: { parties: WorkflowParty[]; staff: boolean; supportedAt: Date | null }): Promise<EventDetailDto> {
    const id = e.id;
    const mine = e.reporterId === actor.userId;
    const audit: (EventAudit & { actor_name?: string | null })[] = await this.ds
      .getRepository(EventAudit)
      .createQueryBuilder('a')
      .where('a.event_id = :id', { id })
      .orderBy('a.id', 'ASC')
      .getMany();
    const names = await this.userNames([...new Set(audit.map((a) => a.actorId).filter((x): x is number => x !== null))]);
    const photoIds = [...JSON.parse(e.photos), ...audit.flatMap((a) => JSON.parse(a.photos) as string[])] as string[];
    const uploads = await this.uploads(photoIds, actor.userId, staff);
    const hideReporter = e.anonymous && !staff && !mine;
    const timeline: TimelineEntryDto[] = audit.map((a) => {
      const hidden = hideReporter && a.actorId === e.reporterId;
      return {
        at: a.at.toISOString(),
        action: a.action,
        fromState: a.fromState,
        toState: a.toState,
        actor: { id: hidden ? null : a.actorId, name: hidden ? '匿名' : a.actorId === null ? null : (names.get(a.actorId) ?? null), system: a.actorId === null },
        note: a.note,
        photos: (JSON.parse(a.photos) as string[]).flatMap((p) => (uploads.has(p) ? [uploads.get(p)!] : [])),
      };
    });
    const owner = this.nodeRef(e.ownerNodeId);
    return {
      ...this.summary(e),
      view: 'full',
      location: e.lat !== null && e.lng !== null ? { lat: e.lat, lng: e.lng } : null,
      address: e.address,
      anonymous: e.anonymous,
      reporter: hideReporter || e.reporterId === null ? null : { id: e.reporterId },
      handlerId: e.handlerId,
      assigneeId: e.assigneeId,
      departmentId: e.departmentId,
      ownerNode: owner,
      stage: e.stage,
      rating: e.rating,
      ratingComment: e.ratingComment,
      held: e.held,
      photos: (JSON.parse(e.photos) as string[]).flatMap((p) => (uploads.has(p) ? [uploads.get(p)!] : [])),
      timeline,
      parties,
      actions: availableActions(e.state, parties, { rated: e.rating !== null }),
      supportedByMe: supportedAt !== null,
    };
  }

  private async userNames(ids: number[]): Promise<Map<number, string | null>> {
    if (!ids.length) return new Map();
    const rows: { id: number; name: string | null }[] = await this.ds.query(`SELECT id, name FROM app_user WHERE id IN (${ids.map(() => '?').join(',')})`, ids);
    return new Map(rows.map((r) => [Number(r.id), r.name]));
  }

  /** Uploads by public id; held ones only for their owner and staff. */
  private async uploads(ids: string[], viewer: number, staff: boolean): Promise<Map<string, UploadDto>> {
    if (!ids.length) return new Map();
    const rows = await this.ds.getRepository(Upload).createQueryBuilder('u').where('u.public_id IN (:...ids)', { ids: [...new Set(ids)] }).getMany();
    // Each URL carries this viewer's grant: the event was just shown to them, so its photos may be too.
    return new Map(rows.filter((u) => u.moderation === 'pass' || staff || u.ownerId === viewer).map((u) => [u.publicId, toUploadDto(u, u.ownerId === viewer ? undefined : this.photoGrants.grant(u.publicId, viewer))]));
  }

  private nodeRef(nodeId: number): { code: string; name: string } {
    const path = this.routing.pathOf(nodeId);
    const n = path[path.length - 1];
    return { code: n?.code ?? '', name: n?.name ?? '' };
  }

  summary(e: EventRow): EventSummaryDto {
    const photos = JSON.parse(e.photos) as string[];
    return {
      id: e.id,
      state: e.state,
      version: e.version,
      category: e.category,
      description: e.description,
      microGrid: this.nodeRef(e.nodeId),
      createdAt: e.createdAt.toISOString(),
      deadlineAt: e.deadlineAt ? e.deadlineAt.toISOString() : null,
      overdue: e.overdueAt !== null || (e.deadlineAt !== null && e.deadlineAt.getTime() < Date.now()),
      supporters: e.supporters,
      source: e.source,
      thumbUrl: photos[0] && !e.held ? `/api/v1/uploads/${photos[0]}/thumb` : null,
    };
  }

  async list(actor: Actor, q: EventListQueryDto): Promise<Page<EventSummaryDto>> {
    const limit = q.limit ?? 20;
    const qb = this.ds.getRepository(EventRow).createQueryBuilder('e');
    if (q.node) {
      const [n] = await this.ds.query('SELECT id, path FROM grid_node WHERE code = ?', [q.node]);
      if (!n) throw new AppError('VALIDATION_FAILED', 'unknown node', { fields: { node: 'no such grid node' } });
      // Asking for a node outside one's scope is refused rather than answered with an empty page.
      if (q.scope !== 'my') await this.access.require(actor, q.scope === 'subtree' ? 'event.read' : 'event.act', { nodeId: Number(n.id) });
      const [from, to] = subtreeRange(n.path);
      qb.andWhere('e.node_path >= :nFrom AND e.node_path < :nTo', { nFrom: from, nTo: to });
    }
    if (q.scope === 'my') {
      qb.andWhere('e.reporter_id = :me', { me: actor.userId });
    } else {
      const scoped = this.scopeClause(actor, q.scope === 'subtree' ? 'event.read' : 'event.act', qb);
      if (!scoped) return { items: [], nextCursor: null };
      if (q.scope === 'verify') qb.andWhere('e.state = :verifyState', { verifyState: 'reported' });
      if (q.scope === 'inbox') {
        const box = q.box ?? 'new';
        if (box === 'new') qb.andWhere('e.state IN (:...newStates) AND (e.assignee_id IS NULL OR e.assignee_id = :me)', { newStates: NEW_STATES, me: actor.userId });
        else if (box === 'in_progress') qb.andWhere('e.state = :ip AND e.handler_id = :me', { ip: 'in_progress', me: actor.userId });
        else qb.andWhere('e.overdue_at IS NOT NULL AND e.state IN (:...openStates)', { openStates: OPEN_STATES });
      }
    }
    if (q.state) qb.andWhere('e.state = :state', { state: q.state });
    if (q.category) qb.andWhere('e.category = :category', { category: q.category });
    if (q.from) qb.andWhere('e.created_at >= :from', { from: new Date(q.from) });
    if (q.to) qb.andWhere('e.created_at < :to', { to: new Date(q.to) });
    if (q.from && q.to && new Date(q.from) > new Date(q.to)) throw new AppError('VALIDATION_FAILED', 'from is after to', { fields: { from: 'must not be after to' } });
    if (q.cursor) qb.andWhere('e.id < :cursor', { cursor: q.cursor });
    const rows = await qb.orderBy('e.id', 'DESC').limit(limit + 1).getMany();
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    return { items: page.map((e) => this.summary(e)), nextCursor: more ? String(page[page.length - 1]!.id) : null };
  }

  /**
   * Limits a list to the actor's subtrees (index range scans on node_path); dept_staff see their
   * department's categories under their node, plus what was whistled to their department.
   */
  private scopeClause(actor: Actor, action: 'event.read' | 'event.act', qb: SelectQueryBuilder<EventRow>): boolean {
    const entries = this.access.scope(actor, action);
    if (!entries.length) return false;
    const parts: string[] = [];
    const params: Record<string, unknown> = {};
    entries.forEach((s, i) => {
      const [from, to] = subtreeRange(s.path);
      params[`sf${i}`] = from;
      params[`st${i}`] = to;
      const range = `(e.node_path >= :sf${i} AND e.node_path < :st${i})`;
      if (s.role === 'dept_staff') {
        params[`sd${i}`] = s.departmentId ?? -1;
        parts.push(`(${range} AND (e.department_id = :sd${i} OR e.category IN (SELECT dc.category_code FROM department_category dc WHERE dc.department_id = :sd${i})))`);
      } else {
        parts.push(range);
      }
    });
    qb.andWhere(`(${parts.join(' OR ')})`, params);
    return true;
  }

  /** Open, visible events of a category near a point, for "me too" before reporting. */
  async nearby(q: NearbyQueryDto): Promise<NearbyEventDto[]> {
    const at = storagePoint(q);
    const { lat, lng } = at;
    const radius = q.radius ?? NEARBY_RADIUS_M;
    const since = new Date(Date.now() - (q.hours ?? 72) * 3_600_000);
    const dLat = (radius / EARTH_M) * (180 / Math.PI);
    const dLng = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
    const rows = await this.ds
      .getRepository(EventRow)
      .createQueryBuilder('e')
      .where('e.category = :c AND e.created_at >= :since', { c: q.category, since })
      .andWhere('e.state IN (:...open) AND e.held = :held', { open: OPEN_STATES, held: false })
      .andWhere('e.lat BETWEEN :la0 AND :la1 AND e.lng BETWEEN :lo0 AND :lo1', { la0: lat - dLat, la1: lat + dLat, lo0: lng - dLng, lo1: lng + dLng })
      .orderBy('e.id', 'DESC')
      .limit(200)
      .getMany();
    return rows
      .map((e) => ({ ...this.summary(e), distanceM: Math.round(distanceToEventM(at, e)!) }))
      .filter((e) => e.distanceM <= radius)
      .sort((a, b) => a.distanceM - b.distanceM)
      .slice(0, 20);
  }
}
