import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ACTIONS,
  ADMIN_ROLES,
  EVENT_ACTIONS,
  EVENT_OUTBOX_KINDS,
  STAGE_OF_STATE,
  isEventAction,
  nextState,
  type ActionInput,
  type ActionSpec,
  type EventAction,
  type EventCreatedDto,
  type EventState,
  type LocateResultDto,
  type Role,
  type SlaStage,
  type SupportEventDto,
  type SupportEventRequest,
} from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { Batcher, type Settled } from '../db/batcher.js';
import { DbBreaker } from '../db/breaker.js';
import { isDbUnavailable, isUniqueViolation } from '../db/errors.js';
import { enqueueOutbox, type OutboxItem } from '../outbox/enqueue.js';
import { CategoriesRepo } from '../catalog/categories.repo.js';
import { AccountReads } from '../accounts/account-reads.repo.js';
import { Staff } from '../accounts/staff.repo.js';
import { GridTree } from '../grids/grid-tree.repo.js';
import { ancestorPaths } from '../grids/tree.js';
import { AccessService } from '../access/access.service.js';
import { RoutingService } from '../routing/routing.service.js';
import { CONTENT_SECURITY, type ContentSecurity } from '../uploads/content-security.js';
import { UploadReads } from '../uploads/upload-reads.repo.js';
import type { CreateEventDto, EventActionDto } from './dto.js';
import type { EventRow, EventSource } from './event.entity.js';
import { EventsRepo, type AuditInput } from './events.repo.js';
import { distanceToEventM, NEARBY_RADIUS_M, storagePoint } from './nearness.js';
import { ResponsibilityRepo } from './responsibility.repo.js';
import { SlaService } from './sla.service.js';

const APPROVER_ROLES: readonly Role[] = ['grid_worker', ...ADMIN_ROLES];
const ASSIGNABLE_ROLES: readonly Role[] = ['micro_member', 'micro_leader', 'grid_worker'];
/** Categories change rarely; an edit reaches intake on every instance within this. */
const CATEGORY_CACHE_MS = 10_000;
/** Reports per intake transaction at most, and intake transactions in flight at once (of the pool). */
const INTAKE_MAX_BATCH = 100;
const INTAKE_WRITERS = 3;
/** Requests (延期/缓办 applications) are recorded for approvers; they change nothing and notify nobody. */
const REQUEST_ACTIONS: readonly EventAction[] = ['request_extension', 'request_suspension'];

/** The micro-grid (or fallback node) a report is routed to; `path` is grid_node.path. */
interface Routed {
  id: number;
  code: string;
  name: string;
  path: string;
  point: { lat: number; lng: number } | null;
  fallback: LocateResultDto['fallback'];
}

/** A report ready to write: the event row and what its audit row and answer need. */
interface PreparedIntake {
  row: Omit<EventRow, 'id'>;
  action: 'report' | 'self_handle';
  auditData: string | null;
  microGrid: { code: string; name: string };
}

/** Intake as other modules call it (campaign answers, patrol findings, machine alerts). */
export interface IntakeInput {
  requestKey: string;
  source: EventSource;
  category: string;
  description: string;
  location?: { lat: number; lng: number; crs?: 'gcj02' | 'wgs84' };
  gridCode?: string;
  address?: string | null;
  photos?: string[];
  anonymous?: boolean;
  selfHandled?: boolean;
  /** Machine intake: accepted straight away (confident) or left for verification. */
  machine?: { confidence: number; accept: boolean; data?: Record<string, unknown> };
}

/**
 * The event loop's writes: intake (idempotent by request key, routed in memory, deadlined) and
 * transitions (the workflow table in @weigrid/shared decides what is legal; each transition is a
 * conditional UPDATE on (id, version, state) + an audit row + outbox rows in one transaction).
 */
@Injectable()
export class EventsService {
  private categories: { at: number; codes: Set<string> } | null = null;
  /** Group commit of intake writes (see writeBatch); per process, it holds nothing between batches. */
  private readonly writer = new Batcher<PreparedIntake, EventCreatedDto>((items) => this.writeBatch(items), { maxBatch: INTAKE_MAX_BATCH, concurrency: INTAKE_WRITERS });

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly routing: RoutingService,
    private readonly sla: SlaService,
    @Inject(CONTENT_SECURITY) private readonly security: ContentSecurity,
    private readonly repo: EventsRepo,
    private readonly responsibility: ResponsibilityRepo,
    private readonly grid: GridTree,
    private readonly staff: Staff,
    private readonly categoriesRepo: CategoriesRepo,
    private readonly accounts: AccountReads,
    private readonly uploads: UploadReads,
    private readonly access: AccessService,
  ) {}

  // ── intake ──

  report(actor: Actor, input: CreateEventDto): Promise<EventCreatedDto> {
    return this.intake(actor, {
      requestKey: `u${actor.userId}:${input.requestId}`,
      source: 'resident',
      category: input.category,
      description: input.description,
      location: input.location,
      gridCode: input.gridCode,
      address: input.address ?? null,
      photos: input.photos,
      anonymous: input.anonymous,
      selfHandled: input.selfHandled,
    });
  }

  /**
   * Idempotent by request key: the row is inserted first and a unique violation means "already
   * stored" (answered from the stored row), so the common case costs no lookup. Writes go through
   * a group commit (see `writeBatch`); each report still gets its event row, audit row and outbox row
   * in one transaction.
   */
  async intake(actor: Actor | null, input: IntakeInput): Promise<EventCreatedDto> {
    DbBreaker.for(this.ds).check();
    let prepared: PreparedIntake;
    try {
      prepared = await this.prepare(actor, input);
    } catch (e) {
      // A retry answers what was stored even if the report would no longer pass (category retired,
      // grid redrawn, photos deleted): that costs a lookup only on this rare path.
      if (e instanceof AppError) {
        const stored = await this.replay(input.requestKey);
        if (stored) return stored;
      }
      throw e;
    }
    return this.writer.submit(prepared);
  }

  /** Everything intake decides before writing: validation, routing, access, moderation, deadline. */
  private async prepare(actor: Actor | null, input: IntakeInput): Promise<PreparedIntake> {
    if (!(await this.knownCategory(input.category))) throw new AppError('VALIDATION_FAILED', 'unknown category', { fields: { category: 'no such category' } });
    const node = await this.route(input);
    const nodePath = node.path;
    const worker = actor !== null && this.access.isGridStaffAt(actor, nodePath);
    if (input.selfHandled && !worker) throw new AppError('FORBIDDEN', 'only grid staff of this micro-grid can report a problem as already handled', { fields: { selfHandled: 'not allowed' } });
    const photos = [...new Set(input.photos ?? [])];
    let held = photos.length ? await this.checkPhotos(actor, photos) : false;
    if (actor && (await this.security.checkText(input.description, { userId: actor.userId })) !== 'pass') held = true;

    const now = new Date();
    let state: EventState = 'reported';
    let source: EventSource = input.source;
    if (input.machine) state = input.machine.accept ? 'accepted' : 'reported';
    else if (input.selfHandled) state = 'resolved';
    else if (worker) state = 'accepted';
    if (!input.machine && worker && source === 'resident') source = 'worker';
    const stage = STAGE_OF_STATE[state];
    const deadline = await this.sla.deadline(input.category, stage, now);
    const loc = node.point;
    const row = {
      requestKey: input.requestKey,
      source,
      category: input.category,
      description: input.description,
      address: input.address ?? null,
      lat: loc ? loc.lat : null,
      lng: loc ? loc.lng : null,
      nodeId: node.id,
      nodePath,
      ownerNodeId: node.id,
      ownerPath: nodePath,
      state,
      prevState: null,
      version: 1,
      reporterId: actor?.userId ?? null,
      anonymous: input.anonymous ?? false,
      handlerId: input.selfHandled ? actor!.userId : null,
      assigneeId: null,
      departmentId: null,
      photos: JSON.stringify(photos),
      stage,
      deadlineAt: deadline,
      slaLeftMs: null,
      overdueAt: null,
      supporters: 0,
      rating: null,
      ratingComment: null,
      held,
      needsGridConfirm: node.fallback !== null,
      confidence: input.machine?.confidence ?? null,
      createdAt: now,
      updatedAt: now,
    };
    return {
      row,
      action: input.selfHandled ? 'self_handle' : 'report',
      auditData: input.machine ? JSON.stringify({ confidence: input.machine.confidence, ...input.machine.data }) : null,
      microGrid: { code: node.code, name: node.name },
    };
  }

  /**
   * Writes a batch of prepared reports in one transaction: one multi-row INSERT per table, the new
   * ids matched by request key (unique) from RETURNING or one SELECT — no reliance on consecutive
   * auto-increment ids. The same key twice in a batch is written once and the later one answered
   * as a replay. If the batch fails for any reason but an unreachable database — typically a retry
   * whose original is already stored, perhaps by another instance — each report is written on its
   * own, so one bad report never fails its neighbours.
   */
  private async writeBatch(items: PreparedIntake[]): Promise<Settled<EventCreatedDto>[]> {
    const first = new Map<string, number>();
    items.forEach((it, i) => {
      if (!first.has(it.row.requestKey)) first.set(it.row.requestKey, i);
    });
    // Rows in key order: two instances inserting overlapping keys then take the unique-index locks
    // in the same order, which avoids most deadlocks between their batches.
    const unique = [...first.values()].map((i) => items[i]!).sort((a, b) => (a.row.requestKey < b.row.requestKey ? -1 : a.row.requestKey > b.row.requestKey ? 1 : 0));
    let ids: Map<string, number>;
    try {
      ids = await this.ds.transaction(async (m) => {
        const byKey = await this.repo.insertIntake(unique.map((u) => u.row), m);
        await this.repo.insertAudits(unique.map((u) => ({
          eventId: byKey.get(u.row.requestKey)!,
          action: u.action,
          fromState: null,
          toState: u.row.state,
          actorId: u.row.reporterId,
          note: null,
          photos: u.row.photos,
          data: u.auditData,
          at: u.row.createdAt,
        })), m);
        await enqueueOutbox(m, unique.map((u) => ({ kind: EVENT_OUTBOX_KINDS.created, payload: { eventId: byKey.get(u.row.requestKey)!, state: u.row.state, nodeId: u.row.nodeId, actorId: u.row.reporterId, held: u.row.held } })));
        return byKey;
      });
    } catch (e) {
      if (isDbUnavailable(e)) {
        DbBreaker.for(this.ds).trip();
        throw e;
      }
      // A deadlock (another instance inserting the same keys, or a Galera certification
      // conflict) was already retried by the DataSource (db/tx-retry.ts); now go one by one.
      if (items.length > 1) return Promise.all(items.map(async (it) => (await this.writeBatch([it]))[0]!));
      // Two requests with the same key raced: the loser answers what the winner stored.
      if (isUniqueViolation(e)) {
        const again = await this.replay(items[0]!.row.requestKey);
        if (again) return [{ ok: true, value: again }];
      }
      return [{ ok: false, error: e }];
    }
    return items.map((it, i) => {
      const w = items[first.get(it.row.requestKey)!]!;
      return {
        ok: true,
        value: { id: ids.get(it.row.requestKey)!, state: w.row.state, version: 1, microGrid: w.microGrid, replayed: first.get(it.row.requestKey) !== i, needsGridConfirm: w.row.needsGridConfirm, held: w.row.held },
      };
    });
  }

  private async replay(requestKey: string): Promise<EventCreatedDto | null> {
    const r = await this.repo.byRequestKey(requestKey);
    if (!r) return null;
    const path = this.routing.pathOf(r.nodeId);
    const node = path[path.length - 1];
    return {
      id: r.id,
      state: r.state,
      version: r.version,
      microGrid: { code: node?.code ?? '', name: node?.name ?? '' },
      replayed: true,
      needsGridConfirm: r.needsGridConfirm,
      held: r.held,
    };
  }

  /**
   * Where the report goes: a chosen micro-grid by code (read from the database, so a node created
   * moments ago on another instance is found), else the point through the in-memory index.
   */
  private async route(input: IntakeInput): Promise<Routed> {
    if (input.gridCode) {
      const n = await this.grid.refByCode(input.gridCode);
      if (!n || n.level !== 'micro') throw new AppError('VALIDATION_FAILED', 'gridCode is not a micro-grid', { fields: { gridCode: 'no such micro-grid' } });
      return { id: n.id, code: n.code, name: n.name, path: n.path, point: null, fallback: null };
    }
    if (!input.location) throw new AppError('VALIDATION_FAILED', 'give a location or a gridCode', { fields: { location: 'required unless gridCode is given' } });
    const r = this.routing.locate(input.location);
    if (!r) throw new AppError('LOCATION_OUT_OF_AREA', 'the location is outside the area this service covers', { fields: { location: 'outside the served area' } });
    return { id: r.node.id, code: r.node.code, name: r.node.name, path: `${r.path.map((p) => p.code).join('/')}/`, point: r.point, fallback: r.fallback };
  }

  private async knownCategory(code: string): Promise<boolean> {
    if (!this.categories || Date.now() - this.categories.at > CATEGORY_CACHE_MS) {
      const rows = await this.categoriesRepo.list(false);
      this.categories = { at: Date.now(), codes: new Set(rows.map((r) => r.code)) };
    }
    return this.categories.codes.has(code);
  }

  /** Photos must be the actor's own uploads; returns whether any is held by content security. */
  private async checkPhotos(actor: Actor | null, ids: string[]): Promise<boolean> {
    if (!actor) throw new AppError('VALIDATION_FAILED', 'machine reports carry no uploads', { fields: { photos: 'not allowed' } });
    const verdicts = await this.uploads.ownModerations(actor.userId, ids);
    if (verdicts.length !== ids.length) throw new AppError('VALIDATION_FAILED', 'unknown photo', { fields: { photos: 'each must be one of your uploads' } });
    return verdicts.some((v) => v !== 'pass');
  }

  // ── transitions ──

  async act(actor: Actor, id: number, actionName: string, input: EventActionDto): Promise<void> {
    if (!isEventAction(actionName)) throw new AppError('VALIDATION_FAILED', `unknown action ${actionName.slice(0, 40)}`, { fields: { action: `one of ${EVENT_ACTIONS.join(', ')}` } });
    const action: EventAction = actionName;
    const spec: ActionSpec = ACTIONS[action];
    const e = await this.repo.byId(id);
    if (!e) throw new AppError('NOT_FOUND', 'event not found');
    const parties = this.access.requireEventAction(actor, e, action);
    checkInputs(action, spec, input);
    if (input.version !== e.version) throw new AppError('STALE_VERSION', 'the event changed since you loaded it', { state: e.state, version: e.version });
    const to = nextState(action, e.state, e.prevState);
    if (!to) throw new AppError('INVALID_TRANSITION', `cannot ${action} an event that is ${e.state}`, { state: e.state, version: e.version });
    if (action === 'rate' && e.rating !== null) throw new AppError('INVALID_TRANSITION', 'already rated', { state: e.state, version: e.version });
    const photos = [...new Set(input.photos ?? [])];
    if (photos.length) await this.checkPhotos(actor, photos);

    const now = new Date();
    const set: Partial<EventRow> = { state: to, updatedAt: now };
    const data: Record<string, unknown> = {};
    const approver = parties.some((p) => APPROVER_ROLES.includes(p as Role));
    switch (action) {
      case 'dispatch':
        if (input.assigneeId !== undefined) {
          await this.checkAssignee(input.assigneeId, e.nodePath);
          set.assigneeId = input.assigneeId;
          data.assigneeId = input.assigneeId;
        }
        break;
      case 'claim':
        if (e.assigneeId !== null && e.assigneeId !== actor.userId && !approver) throw new AppError('FORBIDDEN', 'this task was dispatched to someone else');
        set.handlerId = actor.userId;
        break;
      case 'escalate': {
        const parent = await this.parentOf(e.ownerNodeId);
        if (!parent) throw new AppError('VALIDATION_FAILED', 'already at the top of the tree', { fields: { action: 'nothing above' } });
        Object.assign(set, { ownerNodeId: parent.id, ownerPath: parent.path, handlerId: null, assigneeId: null });
        data.ownerNodeId = parent.id;
        break;
      }
      case 'whistle': {
        const dept = await this.departmentFor(e, input.departmentId);
        Object.assign(set, { departmentId: dept, handlerId: null, assigneeId: null });
        data.departmentId = dept;
        break;
      }
      case 'return':
        Object.assign(set, { departmentId: null, handlerId: null });
        break;
      case 'rate':
        Object.assign(set, { rating: input.rating!, ratingComment: input.note ?? null });
        data.rating = input.rating;
        break;
      case 'approve_extension':
        if (e.deadlineAt && e.stage) {
          set.deadlineAt = await this.sla.extend(e.category, e.stage, e.deadlineAt, input.hours!);
          if (set.deadlineAt > now) set.overdueAt = null;
        }
        data.hours = input.hours;
        break;
      case 'request_extension':
        data.hours = input.hours;
        break;
      case 'suspend':
        Object.assign(set, { prevState: e.state, deadlineAt: null, slaLeftMs: e.deadlineAt && e.stage ? Math.min(2_000_000_000, await this.sla.remainingMs(e.category, e.stage, now, e.deadlineAt)) : null });
        break;
      case 'resume':
        Object.assign(set, { prevState: null, slaLeftMs: null });
        if (e.stage && e.slaLeftMs !== null) set.deadlineAt = await this.sla.resumeDeadline(e.category, e.stage, now, e.slaLeftMs);
        break;
      default:
        break;
    }
    // A new SLA stage starts its own clock (suspend/resume keep theirs, handled above).
    const stage: SlaStage | null = STAGE_OF_STATE[to];
    if (action !== 'suspend' && action !== 'resume' && stage !== e.stage) {
      Object.assign(set, { stage, deadlineAt: await this.sla.deadline(e.category, stage, now), overdueAt: null });
    } else if (action === 'rework') {
      Object.assign(set, { deadlineAt: await this.sla.deadline(e.category, 'handle', now), overdueAt: null });
    }

    const outbox: OutboxItem[] = REQUEST_ACTIONS.includes(action)
      ? []
      : [{ kind: EVENT_OUTBOX_KINDS.stateChanged, payload: { eventId: e.id, action, from: e.state, to, actorId: actor.userId, reporterId: e.reporterId, assigneeId: (set.assigneeId ?? null) as number | null } }];
    await this.ds.transaction(async (m) => {
      await this.transition(m, e, set, action === 'rate');
      await this.audit(m, { eventId: e.id, action, fromState: e.state, toState: to, actorId: actor.userId, note: input.note ?? null, photos, data, at: now });
      await enqueueOutbox(m, outbox);
    });
  }

  /** The conditional UPDATE: only from the (state, version) the decision was made on. */
  async transition(m: EntityManager, e: Pick<EventRow, 'id' | 'version' | 'state'>, set: Partial<EventRow>, onlyUnrated = false): Promise<void> {
    if (!(await this.repo.transition(e, set, onlyUnrated, m))) {
      const cur = await this.repo.stateVersion(e.id, m);
      throw new AppError('STALE_VERSION', 'someone else changed the event first', { state: cur?.state, version: cur?.version });
    }
  }

  async audit(m: EntityManager, a: AuditInput): Promise<void> {
    await this.repo.insertAudit(a, m);
  }

  private async checkAssignee(userId: number, nodePath: string): Promise<void> {
    if (!(await this.staff.holdsAtOrAbove(userId, ASSIGNABLE_ROLES, nodePath))) throw new AppError('VALIDATION_FAILED', 'the assignee does not work this micro-grid', { fields: { assigneeId: 'must be a micro-grid member, leader or grid worker of this micro-grid' } });
  }

  parentOf(nodeId: number): Promise<{ id: number; path: string } | null> {
    return this.grid.parentOf(nodeId);
  }

  /** 吹哨: the department chosen, or the responsibility list's row at the deepest node above. */
  private async departmentFor(e: EventRow, chosen: number | undefined): Promise<number> {
    const paths = ancestorPaths(e.nodePath);
    // The nodes at and above the event (its micro-grid's ancestors), deepest last.
    const above = await this.grid.refsByPaths(paths);
    if (chosen !== undefined) {
      const at = await this.accounts.departmentNode(chosen);
      if (at === null || !above.some((n) => n.id === at)) throw new AppError('VALIDATION_FAILED', 'no such department serves this area', { fields: { departmentId: 'not a department of this district or city' } });
      return chosen;
    }
    const depth = new Map(above.map((n) => [n.id, n.path.length]));
    const [r] = (await this.responsibility.forCategoryAt(e.category, [...depth.keys()])).sort((x, y) => depth.get(y.nodeId)! - depth.get(x.nodeId)!);
    if (!r) throw new AppError('VALIDATION_FAILED', 'the responsibility list names no department for this category here; choose one', { fields: { departmentId: 'required: no responsibility row matches' } });
    return r.departmentId;
  }

  // ── supporters ("me too") ──

  /**
   * "Me too" from where the supporter stands: within the nearby radius of the event's point (the
   * rule of `/events/nearby`), else 422 SUPPORT_TOO_FAR and nothing is written. Distance is checked
   * before anything else about the event is said, so a far caller learns only that it is not near.
   */
  async support(actor: Actor, id: number, input: SupportEventRequest): Promise<SupportEventDto> {
    const e = await this.repo.byId(id);
    if (!e || e.held) throw new AppError('NOT_FOUND', 'event not found');
    const d = distanceToEventM(storagePoint(input.location), e);
    if (d === null || d > NEARBY_RADIUS_M) {
      throw new AppError('SUPPORT_TOO_FAR', `只有在这个问题附近（${NEARBY_RADIUS_M} 米内）才能点“我也遇到”`, { radiusM: NEARBY_RADIUS_M, fields: { location: d === null ? 'this event has no point to be near' : `more than ${NEARBY_RADIUS_M} m from the event` } });
    }
    if (e.state === 'closed' || e.state === 'rejected' || e.state === 'resolved') throw new AppError('INVALID_TRANSITION', 'the event is no longer open', { state: e.state, version: e.version });
    if (e.reporterId === actor.userId) throw new AppError('VALIDATION_FAILED', 'you reported this event yourself', { fields: { id: 'own report' } });
    const now = new Date();
    await this.ds.transaction(async (m) => {
      try {
        await this.repo.addSupporter(id, actor.userId, now, m);
      } catch (err) {
        if (isUniqueViolation(err)) return; // pressing twice counts once
        throw err;
      }
      await this.repo.countSupporter(id, m);
      await enqueueOutbox(m, [{ kind: EVENT_OUTBOX_KINDS.supported, payload: { eventId: id, userId: actor.userId } }]);
    });
    return { supporters: await this.repo.supporters(id), supportedByMe: true };
  }
}

/** The new row's id from an INSERT's raw result: mysql2 gives a header with insertId, better-sqlite3 the rowid. */
function checkInputs(action: EventAction, spec: ActionSpec, input: EventActionDto): void {
  const allowed = new Set<ActionInput>([...(spec.requires ?? []), ...(spec.accepts ?? [])]);
  const fields: Record<string, string> = {};
  for (const k of spec.requires ?? []) if (input[k] === undefined) fields[k] = `required for ${action}`;
  for (const k of ['note', 'assigneeId', 'departmentId', 'hours', 'rating'] as const) if (input[k] !== undefined && !allowed.has(k)) fields[k] = `not used by ${action}`;
  if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', `invalid input for ${action}`, { fields });
}


