import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EVENT_OUTBOX_KINDS, type EventState, type SlaStage } from '@weigrid/shared';
import { AppConfig } from '../config/config.js';
import { AppError } from '../common/app-error.js';
import { enqueueOutbox } from '../outbox/enqueue.js';
import type { EventRow } from './event.entity.js';
import { EventsRepo } from './events.repo.js';
import { EventsService } from './events.service.js';
import { CasePolicy } from './case-policy.js';

const BATCH = 200;
/** States whose deadline the scheduler watches (suspended events have none). */
const WATCHED: EventState[] = ['reported', 'accepted', 'dispatched', 'in_progress', 'escalated', 'dept_assigned', 'resolved'];

/**
 * The deadline scheduler. Every EVENT_SCAN_MS it finds events whose current stage passed its
 * deadline and, per event in one transaction: marks it overdue, raises it one level up the tree
 * (owner node → its parent, so the next level sees it) and records that in the audit trail, with
 * an outbox row that tells the staff up there. A resolved event the reporter never confirmed is
 * closed by the system when its close stage runs out. Each change is a conditional UPDATE on the
 * version, so several instances scanning at once mark each event once.
 */
@Injectable()
export class OverdueService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('overdue');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly events: EventsService,
    private readonly config: AppConfig,
    private readonly repo: EventsRepo,
    private readonly policy: CasePolicy,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.EVENT_SCAN_MS > 0) {
      this.timer = setInterval(() => void this.scan().catch((e: Error) => this.log.warn(`overdue scan failed: ${e.message}`)), this.config.EVENT_SCAN_MS);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass; returns how many events it changed. Concurrent calls share one pass. */
  scan(now = new Date()): Promise<number> {
    this.running ??= this.pass(now).finally(() => (this.running = null));
    return this.running;
  }

  private async pass(now: Date): Promise<number> {
    let changed = 0;
    const each = async (rows: EventRow[], fn: (e: EventRow) => Promise<unknown>) => {
      for (const e of rows) {
        try {
          await fn(e);
          changed++;
        } catch (err) {
          // Someone acted on it meanwhile: the next pass sees its new deadline.
          if (!(err instanceof AppError && err.code === 'STALE_VERSION')) throw err;
        }
      }
    };
    // A resolved case whose 核查 the policy requires is not closed by the clock: it is raised instead.
    await each(await this.repo.due(WATCHED, now, BATCH), (e) => (e.state === 'resolved' && !this.policy.facts(e, now).checkPending ? this.autoClose(e, now) : this.markOverdue(e, now)));
    const every = this.config.EVENT_ESCALATE_EVERY_HOURS;
    if (every > 0) await each(await this.repo.stillOverdue(WATCHED, new Date(now.getTime() - every * 3_600_000), now, BATCH), (e) => this.markOverdue(e, now, true));
    let warned = 0;
    for (const e of await this.repo.dueWarnings(WATCHED, now, BATCH)) if (await this.warn(e, now)) warned++;
    if (changed) this.log.log(`${changed} event(s) passed their deadline`);
    if (warned) this.log.log(`${warned} event(s) near their deadline (临期预警)`);
    return changed + warned;
  }

  /** Overdue: raise one level (again, every EVENT_ESCALATE_EVERY_HOURS while it stays overdue) and tell the staff up there. */
  private async markOverdue(e: EventRow, now: Date, again = false): Promise<void> {
    const parent = await this.events.parentOf(e.ownerNodeId);
    const set: Partial<EventRow> = { updatedAt: now, escalatedAt: now };
    if (!again) set.overdueAt = now;
    if (parent) Object.assign(set, { ownerNodeId: parent.id, ownerPath: parent.path });
    const stage = e.stage as SlaStage;
    await this.ds.transaction(async (m) => {
      await this.events.transition(m, e, set);
      await this.events.audit(m, { eventId: e.id, action: 'overdue', fromState: e.state, toState: e.state, actorId: null, note: null, data: { stage, ownerNodeId: parent?.id ?? e.ownerNodeId, ...(again ? { repeated: true } : {}) }, at: now });
      await enqueueOutbox(m, [{ kind: EVENT_OUTBOX_KINDS.overdue, payload: { eventId: e.id, stage, nodeId: e.nodeId, ownerNodeId: parent?.id ?? e.ownerNodeId, priority: e.priority, repeated: again } }]);
    });
  }

  /** 临期预警: once per deadline (the warning time is cleared conditionally), no version bump. */
  private async warn(e: EventRow, now: Date): Promise<boolean> {
    return this.ds.transaction(async (m) => {
      if (!(await this.repo.clearWarning(e.id, e.warnAt!, m))) return false;
      await this.events.audit(m, { eventId: e.id, action: 'due_soon', fromState: e.state, toState: e.state, actorId: null, note: null, data: { stage: e.stage, deadlineAt: e.deadlineAt?.toISOString() }, at: now });
      await enqueueOutbox(m, [{ kind: EVENT_OUTBOX_KINDS.dueSoon, payload: { eventId: e.id, stage: e.stage, deadlineAt: e.deadlineAt?.toISOString() ?? null, priority: e.priority } }]);
      return true;
    });
  }

  private async autoClose(e: EventRow, now: Date): Promise<void> {
    const due = this.policy.followupDue(now);
    await this.ds.transaction(async (m) => {
      await this.events.transition(m, e, { state: 'closed', stage: null, deadlineAt: null, warnAt: null, closedAt: now, updatedAt: now });
      await this.events.audit(m, { eventId: e.id, action: 'close', fromState: 'resolved', toState: 'closed', actorId: null, note: '逾期未确认，系统自动结案', at: now });
      await enqueueOutbox(m, [
        { kind: EVENT_OUTBOX_KINDS.stateChanged, payload: { eventId: e.id, action: 'close', from: 'resolved', to: 'closed', actorId: null, reporterId: e.reporterId, assigneeId: null } },
        ...(due && e.reporterId !== null ? [{ kind: EVENT_OUTBOX_KINDS.followup, payload: { eventId: e.id, closedAt: now.toISOString() }, dueAt: due }] : []),
      ]);
    });
  }
}
