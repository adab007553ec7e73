import { Inject, Injectable } from '@nestjs/common';
import { availableActions, maskPhone, OPEN_STATES, type EventDetailDto, type EventPublicDto, type EventViewDto, type EventSummaryDto, type NearbyEventDto, type Page, type Role, type TimelineEntryDto, type UploadDto, type WorkflowParty } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { AccessService } from '../access/access.service.js';
import { AccountReads } from '../accounts/account-reads.repo.js';
import { UserContacts } from '../accounts/user-contacts.repo.js';
import { GridTree } from '../grids/grid-tree.repo.js';
import { Staff } from '../accounts/staff.repo.js';
import { RoutingService } from '../routing/routing.service.js';
import { PhotoGrants, toUploadDto } from '../uploads/uploads.service.js';
import { UploadReads } from '../uploads/upload-reads.repo.js';
import type { EventListQueryDto, NearbyQueryDto } from './dto.js';
import type { EventAudit, EventRow } from './event.entity.js';
import { EventsRepo, type EventPageFilter, type EventScopePart } from './events.repo.js';
import { distanceToEventM, NEARBY_RADIUS_M, storagePoint } from './nearness.js';
import { CasePolicy, EVENT_PII } from './case-policy.js';
import type { PiiCipher } from '../register/pii-cipher.js';

const NEW_STATES = ['reported', 'accepted', 'dispatched', 'escalated', 'dept_assigned'];
const MEMBER_ROLES: readonly Role[] = ['micro_member', 'micro_leader'];
const STAFF_ROLES: readonly Role[] = ['micro_member', 'micro_leader', 'grid_worker', 'community_admin', 'street_admin', 'district_admin', 'city_admin', 'dept_staff'];
/** The bounding box of a nearby search is widened from metres to degrees with this radius. */
const EARTH_M = 6_371_000;

/** Reading the event loop: detail with timeline, scoped lists with cursor pagination, nearby duplicates. */
@Injectable()
export class EventQueriesService {
  constructor(
    private readonly access: AccessService,
    private readonly routing: RoutingService,
    private readonly photoGrants: PhotoGrants,
    private readonly repo: EventsRepo,
    private readonly grid: GridTree,
    private readonly accounts: AccountReads,
    private readonly uploadReads: UploadReads,
    private readonly contacts: UserContacts,
    private readonly staffHolders: Staff,
    private readonly policy: CasePolicy,
    @Inject(EVENT_PII) private readonly pii: PiiCipher,
  ) {}

  /**
   * The role each acting user holds over the event's micro-grid: of their grants at or above it,
   * the closest one (a grid worker who is also a community admin acts as the grid worker here).
   * One query for everyone who holds a role above the node; the reporter keeps no role label.
   */
  private async actingRoles(e: EventRow, actorIds: readonly number[]): Promise<Map<number, Role>> {
    const ids = new Set(actorIds.filter((id) => id !== e.reporterId));
    const out = new Map<number, { role: Role; depth: number }>();
    if (ids.size === 0) return new Map();
    for (const h of await this.staffHolders.atOrAbove(e.nodePath, STAFF_ROLES)) {
      if (!ids.has(h.userId)) continue;
      const seen = out.get(h.userId);
      if (!seen || h.path.length > seen.depth) out.set(h.userId, { role: h.role, depth: h.path.length });
    }
    return new Map([...out].map(([id, r]) => [id, r.role]));
  }

  /**
   * The reporter's verified phone, when the actor may call them about this event: its handler or
   * assignee, while it is open, unless the report is anonymous. null otherwise (nothing revealed).
   */
  async reporterPhoneFor(actor: Actor, e: EventRow): Promise<string | null> {
    if (e.reporterId === null || e.anonymous || e.reporterId === actor.userId) return null;
    if (e.handlerId !== actor.userId && e.assigneeId !== actor.userId) return null;
    if (!OPEN_STATES.includes(e.state)) return null;
    const c = (await this.contacts.byIds([e.reporterId])).get(e.reporterId);
    return c?.phone && c.phoneBoundAt ? c.phone : null;
  }

  /**
   * What the actor is to the event, or 404 when they may not see it at all. A supporter who is
   * nothing else to the event gets the public view only (see `publicView`): saying "me too"
   * must not open the reporter, the handlers or the address to whoever stands nearby.
   */
  private async viewerParties(actor: Actor, e: EventRow): Promise<{ parties: WorkflowParty[]; staff: boolean; supportedAt: Date | null }> {
    const { parties, staff } = await this.access.eventViewer(actor, e);
    const s = await this.repo.supporter(e.id, actor.userId);
    const supportedAt = s ? s.at : null;
    const visible = parties.length > 0 || staff || (supportedAt !== null && !e.held);
    if (!visible) throw new AppError('NOT_FOUND', 'event not found');
    return { parties, staff, supportedAt };
  }

  /** The full detail for the reporter, the handler and staff in scope; the public view for a supporter only. */
  async view(actor: Actor, id: number): Promise<EventViewDto> {
    const e = await this.repo.byId(id);
    if (!e) throw new AppError('NOT_FOUND', 'event not found');
    const who = await this.viewerParties(actor, e);
    if (who.parties.length === 0 && !who.staff) return this.publicView(e, who.supportedAt!);
    return this.fullView(actor, e, who);
  }

  /**
   * The full detail right after the actor handed the event on (转办, 改位置 to a micro-grid out of
   * their scope): they just saw all of it, so they get it once more, with no actions.
   */
  async detailAfterHandOff(actor: Actor, id: number): Promise<EventDetailDto> {
    const e = await this.repo.byId(id);
    if (!e) throw new AppError('NOT_FOUND', 'event not found');
    const { parties, staff } = await this.access.eventViewer(actor, e);
    if (parties.length > 0 || staff) return this.fullView(actor, e, { parties, staff, supportedAt: null });
    return { ...(await this.fullView(actor, e, { parties: [], staff: true, supportedAt: null })), actions: [] };
  }

  /** The full detail, for callers that are a party to the event (after an action); 404 for anyone else. */
  async detail(actor: Actor, id: number): Promise<EventDetailDto> {
    const e = await this.repo.byId(id);
    if (!e) throw new AppError('NOT_FOUND', 'event not found');
    const who = await this.viewerParties(actor, e);
    if (who.parties.length === 0 && !who.staff) throw new AppError('NOT_FOUND', 'event not found');
    return this.fullView(actor, e, who);
  }

  /** Category, state, micro-grid name, one's own support and the state changes: nothing about people, places or notes. */
  private async publicView(e: EventRow, supportedAt: Date): Promise<EventPublicDto> {
    // Only the state changes: requests (延期/缓办) and ratings leave the state as it was and say who asked.
    const audit = await this.repo.stateChanges(e.id);
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
      version: e.version,
      // A supporter's only action: reopen a case closed not long ago.
      actions: availableActions(e.state, ['supporter'], this.policy.facts(e)),
      mergedInto: e.mergedInto,
    };
  }

  private async fullView(actor: Actor, e: EventRow, { parties, staff, supportedAt }: { parties: WorkflowParty[]; staff: boolean; supportedAt: Date | null }): Promise<EventDetailDto> {
    const id = e.id;
    const mine = e.reporterId === actor.userId;
    const audit: EventAudit[] = await this.repo.audit(id);
    const actorIds = [...new Set(audit.map((a) => a.actorId).filter((x): x is number => x !== null))];
    const [names, roles] = await Promise.all([this.accounts.namesByIds(actorIds), this.actingRoles(e, actorIds)]);
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
        actor: {
          id: hidden ? null : a.actorId,
          name: hidden ? '匿名' : a.actorId === null ? null : (names.get(a.actorId) ?? null),
          role: hidden || a.actorId === null ? null : (roles.get(a.actorId) ?? null),
          system: a.actorId === null,
        },
        note: a.note,
        photos: (JSON.parse(a.photos) as string[]).flatMap((p) => (uploads.has(p) ? [uploads.get(p)!] : [])),
      };
    });
    const owner = this.nodeRef(e.ownerNodeId);
    const phone = await this.reporterPhoneFor(actor, e);
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
      actions: availableActions(e.state, supportedAt !== null && !e.held ? [...parties, 'supporter'] : parties, this.policy.facts(e)),
      supportedByMe: supportedAt !== null,
      reporterCall: phone ? { phoneMasked: maskPhone(phone)! } : null,
      check: { required: this.policy.check(e.category).required, result: e.checkResult, checkers: [...this.policy.check(e.category).checkers] },
      mergedInto: e.mergedInto,
      closedAt: e.closedAt ? e.closedAt.toISOString() : null,
      followup: e.followupAt && e.followupFixed !== null ? { fixed: e.followupFixed, at: e.followupAt.toISOString() } : null,
      onBehalf: staff ? this.caller(e) : null,
    };
  }

  /** 代报: the caller's name and masked phone, decrypted for staff only. */
  private caller(e: EventRow): { name: string; phoneMasked: string } | null {
    if (e.callerName === null || e.callerPhone === null) return null;
    const phone = this.pii.decrypt('event.caller_phone', e.callerPhone);
    return { name: this.pii.decrypt('event.caller_name', e.callerName), phoneMasked: phone.length > 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : `${phone.slice(0, 1)}****` };
  }

  /** Uploads by public id; held ones only for their owner and staff. */
  private async uploads(ids: string[], viewer: number, staff: boolean): Promise<Map<string, UploadDto>> {
    if (!ids.length) return new Map();
    const rows = await this.uploadReads.byPublicIds(ids);
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
      priority: e.priority,
      thumbUrl: photos[0] && !e.held ? `/api/v1/uploads/${photos[0]}/thumb` : null,
    };
  }

  async list(actor: Actor, q: EventListQueryDto): Promise<Page<EventSummaryDto>> {
    const limit = q.limit ?? 20;
    const f: EventPageFilter = { limit: limit + 1 };
    if (q.node) {
      const n = await this.grid.refByCode(q.node);
      if (!n) throw new AppError('VALIDATION_FAILED', 'unknown node', { fields: { node: 'no such grid node' } });
      // Asking for a node outside one's scope is refused rather than answered with an empty page.
      if (q.scope !== 'my') await this.access.require(actor, q.scope === 'subtree' ? 'event.read' : 'event.act', { nodeId: n.id });
      f.under = n.path;
    }
    if (q.scope === 'my') {
      f.reporterId = actor.userId;
    } else {
      const { parts: scope, roles: scopeRoles } = await this.scopeParts(actor, q.scope === 'subtree' ? 'event.read' : 'event.act');
      if (!scope.length) return { items: [], nextCursor: null };
      f.scope = scope;
      if (q.scope === 'verify') f.states = ['reported'];
      if (q.scope === 'inbox') {
        // A micro-grid member cannot verify: a report waiting for 立案 is not their task (it is
        // pushed to the grid worker; it reaches members once verified).
        f.scope = scope.map((p, i) => (MEMBER_ROLES.includes(scopeRoles[i]!) ? { ...p, notStates: ['reported'] } : p));
        const box = q.box ?? 'new';
        if (box === 'new') Object.assign(f, { states: NEW_STATES, unassignedOr: actor.userId });
        else if (box === 'in_progress') Object.assign(f, { states: ['in_progress'], handlerId: actor.userId });
        else Object.assign(f, { overdue: true, states: OPEN_STATES });
      }
    }
    if (q.state) f.state = q.state;
    if (q.category) f.category = q.category;
    if (q.source) f.source = q.source;
    if (q.from) f.from = new Date(q.from);
    if (q.to) f.to = new Date(q.to);
    if (q.from && q.to && new Date(q.from) > new Date(q.to)) throw new AppError('VALIDATION_FAILED', 'from is after to', { fields: { from: 'must not be after to' } });
    if (q.cursor) f.beforeId = q.cursor;
    const rows = await this.repo.page(f);
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    return { items: page.map((e) => this.summary(e)), nextCursor: more ? String(page[page.length - 1]!.id) : null };
  }

  /**
   * The actor's subtrees for a list; dept_staff see their department's categories under their
   * node, plus what was whistled to their department.
   */
  private async scopeParts(actor: Actor, action: 'event.read' | 'event.act'): Promise<{ parts: EventScopePart[]; roles: Role[] }> {
    const entries = this.access.scope(actor, action);
    const depts = entries.filter((s) => s.role === 'dept_staff' && s.departmentId != null).map((s) => s.departmentId!);
    const categories = await this.accounts.categoriesOf(depts);
    const parts = entries.map((s) =>
      // A dept_staff entry without a department matches no department and no category: nothing.
      s.role === 'dept_staff' ? { path: s.path, department: { id: s.departmentId ?? -1, categories: s.departmentId != null ? (categories.get(s.departmentId) ?? []) : [] } } : { path: s.path },
    );
    return { parts, roles: entries.map((s) => s.role) };
  }

  /** Open, visible events of a category near a point, for "me too" before reporting. */
  async nearby(q: NearbyQueryDto): Promise<NearbyEventDto[]> {
    const at = storagePoint(q);
    const { lat, lng } = at;
    const radius = q.radius ?? NEARBY_RADIUS_M;
    const since = new Date(Date.now() - (q.hours ?? 72) * 3_600_000);
    const dLat = (radius / EARTH_M) * (180 / Math.PI);
    const dLng = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
    const rows = await this.repo.nearby({ category: q.category, since, openStates: OPEN_STATES, lat: [lat - dLat, lat + dLat], lng: [lng - dLng, lng + dLng] });
    return rows
      .map((e) => ({ ...this.summary(e), distanceM: Math.round(distanceToEventM(at, e)!) }))
      .filter((e) => e.distanceM <= radius)
      .sort((a, b) => a.distanceM - b.distanceM)
      .slice(0, 20);
  }
}
