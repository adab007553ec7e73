import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ACTION_INPUTS,
  ACTIONS,
  ADMIN_ROLES,
  EVENT_ACTIONS,
  EVENT_PRIORITY_LABEL,
  canTake,
  type ActionFacts,
  type WorkflowParty,
  EVENT_OUTBOX_KINDS,
  STAGE_OF_STATE,
  isEventAction,
  nextState,
  type ActionInput,
  type ActionSpec,
  type EventAction,
  type EventCreatedDto,
  type EventPriority,
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
import { EventQueriesService } from './event-queries.service.js';
import { CasePolicy, EVENT_PII } from './case-policy.js';
import type { PiiCipher } from '../register/pii-cipher.js';
import { AppConfig } from '../config/config.js';

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
  /** 紧急 / 一般: set by staff only. */
  priority?: EventPriority;
  /** 代报: staff file it for a caller (name and phone stored encrypted). */
  onBehalf?: { name: string; phone: string };
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
    private readonly queries: EventQueriesService,
    private readonly policy: CasePolicy,
    private readonly config: AppConfig,
    @Inject(EVENT_PII) private readonly pii: PiiCipher,
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
      priority: input.priority,
      onBehalf: input.onBehalf,
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
    if (input.onBehalf && !worker) throw new AppError('FORBIDDEN', '只有这个微网格的工作人员可以代报', { fields: { onBehalf: 'staff of this micro-grid only' } });
    if (input.onBehalf && input.selfHandled) throw new AppError('VALIDATION_FAILED', 'a report filed for a caller is not self-handled', { fields: { selfHandled: 'not with onBehalf' } });
    if (input.priority && input.priority !== 'normal' && !worker) throw new AppError('FORBIDDEN', '只有工作人员可以标记紧急', { fields: { priority: 'staff only' } });
    const photos = [...new Set(input.photos ?? [])];
    let held = photos.length ? await this.checkPhotos(actor, photos) : false;
    if (actor && (await this.security.checkText(input.description, { userId: actor.userId })) !== 'pass') held = true;

    const now = new Date();
    let state: EventState = 'reported';
    let source: EventSource = input.source;
    if (input.machine) state = input.machine.accept ? 'accepted' : 'reported';
    else if (input.selfHandled) state = 'resolved';
    else if (worker) state = 'accepted';
    if (!input.machine && worker && source === 'resident') source = input.onBehalf ? 'proxy' : 'worker';
    const stage = STAGE_OF_STATE[state];
    const priority: EventPriority = input.priority ?? 'normal';
    const deadline = await this.sla.deadline(input.category, stage, now, 0, this.policy.factor(priority));
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
      priority,
      checkResult: null,
      mergedInto: null,
      closedAt: null,
      warnAt: this.policy.warnAt(now, deadline),
      escalatedAt: null,
      followupFixed: null,
      followupAt: null,
      callerName: input.onBehalf ? this.pii.encrypt('event.caller_name', input.onBehalf.name.trim()) : null,
      callerPhone: input.onBehalf ? this.pii.encrypt('event.caller_phone', input.onBehalf.phone.trim()) : null,
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

  /**
   * One workflow action. Answers what the controller shows next: `visible: false` when the action
   * handed the event to people the actor is not (转办, 改位置 to a micro-grid outside their scope).
   */
  async act(actor: Actor, id: number, actionName: string, input: EventActionDto): Promise<void> {
    if (!isEventAction(actionName)) throw new AppError('VALIDATION_FAILED', `unknown action ${actionName.slice(0, 40)}`, { fields: { action: `one of ${EVENT_ACTIONS.join(', ')}` } });
    const action: EventAction = actionName;
    const spec: ActionSpec = ACTIONS[action];
    const e = await this.repo.byId(id);
    if (!e) throw new AppError('NOT_FOUND', 'event not found');
    // "Supporter" is a party only where an action lets supporters act (reopen): one lookup then.
    const supporter = spec.parties.includes('supporter') && !e.held ? (await this.repo.supporter(e.id, actor.userId)) !== null : false;
    const parties = this.access.requireEventAction(actor, { ...e, supporter }, action);
    checkInputs(action, spec, input);
    if (input.version !== e.version) throw new AppError('STALE_VERSION', 'the event changed since you loaded it', { state: e.state, version: e.version });
    const to = nextState(action, e.state, e.prevState, input);
    if (!to) throw new AppError('INVALID_TRANSITION', `cannot ${action} an event that is ${e.state}`, { state: e.state, version: e.version });
    const facts = this.policy.facts(e);
    this.checkFacts(action, e, parties, facts);
    const photos = [...new Set(input.photos ?? [])];
    if (photos.length) await this.checkPhotos(actor, photos);

    const now = new Date();
    const set: Partial<EventRow> = { state: to, updatedAt: now };
    const data: Record<string, unknown> = {};
    const outbox: OutboxItem[] = [];
    const approver = parties.some((p) => APPROVER_ROLES.includes(p as Role));
    let merge: { target: EventRow } | null = null;
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
      case 'resolve':
      case 'rework':
        // A new 办结 needs a new 核查.
        set.checkResult = null;
        break;
      case 'check':
        set.checkResult = input.passed ? 'passed' : 'failed';
        data.passed = input.passed;
        break;
      case 'close':
        set.closedAt = now;
        this.followupOf(e, now, outbox);
        break;
      case 'reopen':
        Object.assign(set, { closedAt: null, checkResult: null });
        break;
      case 'followup':
        Object.assign(set, { followupFixed: input.fixed!, followupAt: now });
        if (input.rating !== undefined && e.rating === null) set.rating = input.rating;
        if (!input.fixed) Object.assign(set, { closedAt: null, checkResult: null });
        Object.assign(data, { fixed: input.fixed, ...(input.rating !== undefined ? { rating: input.rating } : {}) });
        break;
      case 'recategorize':
        await this.recategorize(e, input.category!, set, data);
        break;
      case 'relocate':
        await this.relocate(e, input, set, data, outbox);
        break;
      case 'transfer':
        await this.transfer(actor, e, parties, input, set, data, outbox);
        break;
      case 'merge': {
        const target = await this.mergeTarget(actor, e, input.targetId!);
        Object.assign(set, { mergedInto: target.id, closedAt: now });
        data.targetId = target.id;
        merge = { target };
        break;
      }
      case 'prioritize':
        if (input.priority === e.priority) throw new AppError('VALIDATION_FAILED', `already ${EVENT_PRIORITY_LABEL[e.priority]}`, { fields: { priority: 'unchanged' } });
        set.priority = input.priority!;
        data.priority = input.priority;
        // 紧急 shortens what is left of the stage to the urgent allowance from now (never lengthens it);
        // back to 一般 keeps the deadline, and later stages run at the normal length.
        if (input.priority === 'urgent' && e.stage && e.deadlineAt) {
          const urgent = await this.sla.deadline(e.category, e.stage, now, 0, this.policy.factor('urgent'));
          if (urgent && urgent < e.deadlineAt) set.deadlineAt = urgent;
        }
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
    // A new SLA stage starts its own clock (suspend/resume keep theirs, handled above); 紧急 events
    // get their share of it.
    const stage: SlaStage | null = STAGE_OF_STATE[to];
    const factor = this.policy.factor(set.priority ?? e.priority);
    if (action !== 'suspend' && action !== 'resume' && stage !== e.stage) {
      Object.assign(set, { stage, deadlineAt: await this.sla.deadline(e.category, stage, now, 0, factor), overdueAt: null, escalatedAt: null });
    } else if (action === 'rework') {
      Object.assign(set, { deadlineAt: await this.sla.deadline(e.category, 'handle', now, 0, factor), overdueAt: null, escalatedAt: null });
    }
    if ('deadlineAt' in set) set.warnAt = this.policy.warnAt(now, set.deadlineAt ?? null);

    if (!REQUEST_ACTIONS.includes(action)) {
      outbox.push({ kind: EVENT_OUTBOX_KINDS.stateChanged, payload: { eventId: e.id, action, from: e.state, to, actorId: actor.userId, reporterId: e.reporterId, assigneeId: (set.assigneeId ?? null) as number | null, handlerId: e.handlerId, priority: set.priority ?? e.priority, ...(merge ? { mergedInto: merge.target.id } : {}) } });
    }
    await this.ds.transaction(async (m) => {
      await this.transition(m, e, set, action === 'rate' || (action === 'followup' && set.rating !== undefined), action === 'followup');
      await this.audit(m, { eventId: e.id, action, fromState: e.state, toState: to, actorId: actor.userId, note: input.note ?? null, photos, data, at: now });
      if (merge) {
        const t = merge.target;
        // The target changes too (supporters, photos in its timeline): at the version read above.
        await this.transition(m, t, { updatedAt: now });
        await this.repo.carrySupporters(e.id, t.id, e.reporterId, t.reporterId, now, m);
        await this.audit(m, { eventId: t.id, action: 'merged_from', fromState: t.state, toState: t.state, actorId: actor.userId, note: input.note ?? null, photos: JSON.parse(e.photos) as string[], data: { sourceId: e.id }, at: now });
      }
      await enqueueOutbox(m, outbox);
    });
  }

  /** Refusals that depend on more than the state and the parties: the 核查 policy, the reopen window, merged duplicates. */
  private checkFacts(action: EventAction, e: EventRow, parties: WorkflowParty[], facts: ActionFacts): void {
    if (canTake(action, e.state, parties, facts)) return;
    const cur = { state: e.state, version: e.version };
    switch (action) {
      case 'check':
        if (parties.includes('handler')) throw new AppError('FORBIDDEN', '办结人不能核查自己的工作：请上报人或其他网格员核查', { parties });
        if (facts.checked) throw new AppError('INVALID_TRANSITION', '已核查通过', cur);
        throw new AppError('FORBIDDEN', `这一类问题由${facts.checkers?.includes('reporter') ? '上报人' : ''}${facts.checkers?.length === 1 && facts.checkers[0] === 'reporter' ? '' : '网格员'}核查`, { parties });
      case 'close':
        throw new AppError('INVALID_TRANSITION', '这一类问题需核查通过后才能结案', { ...cur, checkRequired: true });
      case 'reopen':
      case 'followup':
        if (facts.merged) throw new AppError('INVALID_TRANSITION', `已合并到 #${e.mergedInto}，请在那一件上操作`, { ...cur, mergedInto: e.mergedInto });
        if (action === 'followup') throw new AppError('INVALID_TRANSITION', '已回访过', cur);
        throw new AppError('INVALID_TRANSITION', `结案超过 ${this.config.EVENT_REOPEN_DAYS} 天，不能重新打开；请重新上报`, { ...cur, reopenDays: this.config.EVENT_REOPEN_DAYS });
      case 'rate':
        throw new AppError('INVALID_TRANSITION', 'already rated', cur);
      default:
        throw new AppError('FORBIDDEN', `you may not ${action} this event`, { parties });
    }
  }

  /** Close: the 回访 is scheduled through the outbox (delivered N days later, skipped if answered by then). */
  private followupOf(e: Pick<EventRow, 'id' | 'reporterId'>, closedAt: Date, outbox: OutboxItem[]): void {
    const due = this.policy.followupDue(closedAt);
    if (due && e.reporterId !== null) outbox.push({ kind: EVENT_OUTBOX_KINDS.followup, payload: { eventId: e.id, closedAt: closedAt.toISOString() }, dueAt: due });
  }

  /** 改类别: a known, different category; a case with a department goes to the department the 权责清单 names for the new one. */
  private async recategorize(e: EventRow, category: string, set: Partial<EventRow>, data: Record<string, unknown>): Promise<void> {
    if (category === e.category) throw new AppError('VALIDATION_FAILED', 'the event already has this category', { fields: { category: 'unchanged' } });
    if (!(await this.knownCategory(category))) throw new AppError('VALIDATION_FAILED', 'unknown category', { fields: { category: 'no such category' } });
    set.category = category;
    Object.assign(data, { fromCategory: e.category, category });
    if (e.state === 'dept_assigned' && e.departmentId !== null) {
      const dept = await this.responsibleDepartment(e, category);
      if (dept === null) throw new AppError('VALIDATION_FAILED', '权责清单中没有负责这一类别的部门：请先退回网格或转办', { fields: { category: 'no department is responsible for it here' } });
      if (dept !== e.departmentId) {
        Object.assign(set, { departmentId: dept, handlerId: null });
        data.departmentId = dept;
      }
    }
  }

  /**
   * 改位置: the point (re-routed through the in-memory index) or a micro-grid by code. Confirms the
   * micro-grid (needsGridConfirm off); a new micro-grid owns it from now on, its members are told,
   * and whoever was assigned in the old one lets go.
   */
  private async relocate(e: EventRow, input: EventActionDto, set: Partial<EventRow>, data: Record<string, unknown>, outbox: OutboxItem[]): Promise<void> {
    const r = await this.route({ requestKey: '', source: 'resident', category: e.category, description: '', location: input.location, gridCode: input.gridCode });
    if (r.id === e.nodeId && !e.needsGridConfirm && (!r.point || (r.point.lat === e.lat && r.point.lng === e.lng))) {
      throw new AppError('VALIDATION_FAILED', 'that is where the event already is', { fields: { [input.location ? 'location' : 'gridCode']: 'unchanged' } });
    }
    set.needsGridConfirm = false;
    if (r.point) Object.assign(set, { lat: r.point.lat, lng: r.point.lng });
    Object.assign(data, { fromNode: this.nodeCode(e.nodeId), toNode: r.code });
    if (r.id !== e.nodeId) {
      Object.assign(set, { nodeId: r.id, nodePath: r.path, ownerNodeId: r.id, ownerPath: r.path, handlerId: null, assigneeId: null });
      outbox.push(this.newTaskFor(e, r.id));
    }
  }

  /**
   * 转办, sideways: to a sibling micro-grid (same grid above), which takes it as a new case, or —
   * for a case with a department — to another department at the same node.
   */
  private async transfer(actor: Actor, e: EventRow, parties: WorkflowParty[], input: EventActionDto, set: Partial<EventRow>, data: Record<string, unknown>, outbox: OutboxItem[]): Promise<void> {
    if (input.departmentId !== undefined) {
      if (e.state !== 'dept_assigned' || e.departmentId === null) throw new AppError('VALIDATION_FAILED', '只有交给部门办理的案件才能转给另一个部门', { fields: { departmentId: 'the event is not with a department' } });
      if (input.departmentId === e.departmentId) throw new AppError('VALIDATION_FAILED', 'the event is already with this department', { fields: { departmentId: 'unchanged' } });
      const [from, to] = await Promise.all([this.accounts.departmentNode(e.departmentId), this.accounts.departmentNode(input.departmentId)]);
      if (to === null || to !== from) throw new AppError('VALIDATION_FAILED', '只能转给同一级的部门', { fields: { departmentId: 'not a department at the same node' } });
      Object.assign(set, { departmentId: input.departmentId, handlerId: null, assigneeId: null });
      Object.assign(data, { fromDepartmentId: e.departmentId, departmentId: input.departmentId });
      return;
    }
    if (!parties.some((p) => APPROVER_ROLES.includes(p as Role))) throw new AppError('FORBIDDEN', 'department staff transfer to another department, not to a micro-grid', { parties });
    const target = await this.grid.refByCode(input.gridCode!);
    if (!target || target.level !== 'micro') throw new AppError('VALIDATION_FAILED', 'gridCode is not a micro-grid', { fields: { gridCode: 'no such micro-grid' } });
    if (target.id === e.nodeId) throw new AppError('VALIDATION_FAILED', 'the event is already in this micro-grid', { fields: { gridCode: 'unchanged' } });
    const [mine, theirs] = await Promise.all([this.grid.parentOf(e.nodeId), this.grid.parentOf(target.id)]);
    if (!mine || !theirs || mine.id !== theirs.id) throw new AppError('VALIDATION_FAILED', '只能平级转给同一网格下的微网格；跨网格请上报上级', { fields: { gridCode: 'not a micro-grid of the same grid' } });
    Object.assign(set, { nodeId: target.id, nodePath: target.path, ownerNodeId: target.id, ownerPath: target.path, handlerId: null, assigneeId: null, departmentId: null, needsGridConfirm: false });
    Object.assign(data, { fromNode: this.nodeCode(e.nodeId), toNode: target.code });
    void actor;
    outbox.push(this.newTaskFor(e, target.id));
  }

  /** 合并: the event this one duplicates — another open case the actor handles as staff. */
  private async mergeTarget(actor: Actor, e: EventRow, targetId: number): Promise<EventRow> {
    if (targetId === e.id) throw new AppError('VALIDATION_FAILED', 'an event cannot duplicate itself', { fields: { targetId: 'the same event' } });
    const t = await this.repo.byId(targetId);
    const staff = t ? this.access.eventParties(actor, t).some((p) => APPROVER_ROLES.includes(p as Role)) : false;
    if (!t || !staff) throw new AppError('VALIDATION_FAILED', 'no such event in your area', { fields: { targetId: 'not an event you handle' } });
    if (t.mergedInto !== null || t.state === 'closed' || t.state === 'rejected') throw new AppError('VALIDATION_FAILED', '只能并入仍在办理的案件', { fields: { targetId: `the event is ${t.state}` } });
    return t;
  }

  /** The outbox row that tells a micro-grid's members of a case that just became theirs. */
  private newTaskFor(e: EventRow, nodeId: number): OutboxItem {
    return { kind: EVENT_OUTBOX_KINDS.created, payload: { eventId: e.id, state: e.state, nodeId, actorId: null, held: e.held } };
  }

  private nodeCode(nodeId: number): string {
    const path = this.routing.pathOf(nodeId);
    return path[path.length - 1]?.code ?? '';
  }

  /** The conditional UPDATE: only from the (state, version) the decision was made on. */
  async transition(m: EntityManager, e: Pick<EventRow, 'id' | 'version' | 'state'>, set: Partial<EventRow>, onlyUnrated = false, onlyNotFollowedUp = false): Promise<void> {
    if (!(await this.repo.transition(e, set, onlyUnrated, m, onlyNotFollowedUp))) {
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
    if (chosen !== undefined) {
      const above = await this.grid.refsByPaths(ancestorPaths(e.nodePath));
      const at = await this.accounts.departmentNode(chosen);
      if (at === null || !above.some((n) => n.id === at)) throw new AppError('VALIDATION_FAILED', 'no such department serves this area', { fields: { departmentId: 'not a department of this district or city' } });
      return chosen;
    }
    const dept = await this.responsibleDepartment(e, e.category);
    if (dept === null) throw new AppError('VALIDATION_FAILED', 'the responsibility list names no department for this category here; choose one', { fields: { departmentId: 'required: no responsibility row matches' } });
    return dept;
  }

  /** The 权责清单's department for a category at the deepest node above the event, or null. */
  private async responsibleDepartment(e: Pick<EventRow, 'nodePath'>, category: string): Promise<number | null> {
    // The nodes at and above the event (its micro-grid's ancestors).
    const above = await this.grid.refsByPaths(ancestorPaths(e.nodePath));
    const depth = new Map(above.map((n) => [n.id, n.path.length]));
    const [r] = (await this.responsibility.forCategoryAt(category, [...depth.keys()])).sort((x, y) => depth.get(y.nodeId)! - depth.get(x.nodeId)!);
    return r ? r.departmentId : null;
  }

  // ── calling the reporter ──

  /**
   * The reporter's number for the handler's (or assignee's) call button. The number is given to
   * them alone (others see no number at all, the handler sees it masked in the detail), and each
   * call is written to the timeline (`call_reporter`, state unchanged), so the reporter and the
   * staff over the event see who called and when.
   */
  async callReporter(actor: Actor, id: number): Promise<{ phone: string }> {
    const e = await this.repo.byId(id);
    if (!e) throw new AppError('NOT_FOUND', 'event not found');
    const { parties, staff } = await this.access.eventViewer(actor, e);
    if (parties.length === 0 && !staff) throw new AppError('NOT_FOUND', 'event not found');
    if (e.handlerId !== actor.userId && e.assigneeId !== actor.userId) throw new AppError('FORBIDDEN', '只有接单人可以联系上报人');
    if (e.anonymous) throw new AppError('FORBIDDEN', '这是匿名上报，上报人没有留下联系方式');
    const phone = await this.queries.reporterPhoneFor(actor, e);
    if (!phone) throw new AppError('NOT_FOUND', '上报人没有绑定手机号，或事件已办结', { fields: { id: 'no phone to call' } });
    await this.ds.transaction((m) => this.audit(m, { eventId: e.id, action: 'call_reporter', fromState: e.state, toState: e.state, actorId: actor.userId, note: null, at: new Date() }));
    return { phone };
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

function checkInputs(action: EventAction, spec: ActionSpec, input: EventActionDto): void {
  const allowed = new Set<ActionInput>([...(spec.requires ?? []), ...(spec.accepts ?? []), ...(spec.oneOf ?? [])]);
  const fields: Record<string, string> = {};
  const present = (k: ActionInput) => input[k] !== undefined && !(k === 'photos' && (input.photos ?? []).length === 0);
  for (const k of spec.requires ?? []) if (!present(k)) fields[k] = k === 'photos' ? `${action} needs a photo taken on site` : `required for ${action}`;
  if (spec.oneOf) {
    const given = spec.oneOf.filter(present);
    if (given.length !== 1) for (const k of spec.oneOf) fields[k] = `give exactly one of ${spec.oneOf.join(', ')}`;
  }
  // Photos go with any action (proof of work); every other input only with the actions that take it.
  for (const k of ACTION_INPUTS) if (k !== 'photos' && input[k] !== undefined && !allowed.has(k)) fields[k] = `not used by ${action}`;
  if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', `invalid input for ${action}`, { fields });
}


