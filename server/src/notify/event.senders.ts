import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EVENT_OUTBOX_KINDS, EVENT_STATE_LABEL, type EventState, type Role } from '@weigrid/shared';
import { Staff } from '../accounts/staff.repo.js';
import { GridTree } from '../grids/grid-tree.repo.js';
import { AppConfig } from '../config/config.js';
import { ancestorPaths } from '../grids/tree.js';
import { enqueueOutbox, type OutboxItem } from '../outbox/enqueue.js';
import { SenderRegistry } from '../outbox/sender-registry.js';
import { PermanentSendError, type BatchItem, type SendContext, type SendOutcome } from '../outbox/send-result.js';
import { NotifyService, type Message, type Tell } from './notify.service.js';
import { CategoriesRepo } from '../catalog/categories.repo.js';
import { NotifyEventReads, type EventForNotify } from './event-reads.js';

/** Outbox kind of the delayed "still unclaimed?" check this module schedules for new tasks. */
export const EVENT_UNCLAIMED = 'event.unclaimed';
const MICRO_ROLES: Role[] = ['micro_member', 'micro_leader'];
const UPPER_ROLES: Role[] = ['grid_worker', 'community_admin', 'street_admin', 'district_admin', 'city_admin'];
const UNCLAIMED_STATES: EventState[] = ['reported', 'accepted', 'dispatched'];
const STAGE_LABEL: Record<string, string> = { verify: '核实', handle: '处置', close: '结案' };

export const eventPage = (id: number) => `pages/event/index?id=${id}`;

interface EventRow extends EventForNotify {
  /** null when the category row is gone: its code is shown instead. */
  categoryName: string | null;
  nodeName: string;
}

/**
 * Who is told what about events (the events module writes the outbox rows in its transitions):
 * - new task → the micro-grid's members (inbox + push); if nobody has claimed it after
 *   NOTIFY_UNCLAIMED_MINUTES, the grid worker above them; if the micro-grid has no members, the grid
 *   worker at once. Held reports (content under review) tell nobody.
 * - state change → the reporter and everyone who said "me too" (not whoever made the change);
 *   a dispatch → the assignee as a new task.
 * - overdue → the staff of the node the event was raised to (the next level up).
 * Each fan-out is one transaction keyed by the outbox row, so a re-delivered row adds nothing.
 */
@Injectable()
export class EventSenders implements OnModuleInit {
  constructor(
    private readonly registry: SenderRegistry,
    private readonly notify: NotifyService,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly staff: Staff,
    private readonly tree: GridTree,
    private readonly events: NotifyEventReads,
    private readonly categories: CategoriesRepo,
  ) {}

  onModuleInit(): void {
    // New reports come in bursts: a claimed batch of them is told in one transaction.
    this.registry.register(
      EVENT_OUTBOX_KINDS.created,
      async (p, c) => (await this.created([{ payload: p, ctx: c }]))[0],
      (items) => this.created(items),
    );
    this.registry.register(EVENT_OUTBOX_KINDS.stateChanged, (p, c) => this.stateChanged(p as StateChangedPayload, c));
    this.registry.register(EVENT_OUTBOX_KINDS.overdue, (p, c) => this.overdue(p as OverduePayload, c));
    // A "me too" is counted on the event; supporters then follow it (see stateChanged).
    this.registry.register(EVENT_OUTBOX_KINDS.supported, async () => ({ skipped: 'counted on the event; supporters hear of later changes' }));
    this.registry.register(EVENT_UNCLAIMED, (p, c) => this.unclaimed(p as { eventId: number }, c));
  }

  private async created(items: BatchItem[]): Promise<SendOutcome[]> {
    const outcomes: SendOutcome[] = items.map((it) => ((it.payload as CreatedPayload).held ? { skipped: 'report held for content review' } : undefined));
    const live = items.flatMap((it, i) => (outcomes[i] ? [] : [{ p: it.payload as CreatedPayload, src: `ob:${it.ctx.messageId}`, i }]));
    const events = await this.eventRows(live.map((x) => x.p.eventId));
    const open = live.flatMap((x) => {
      const e = events.get(x.p.eventId)!;
      if (e.state !== 'resolved' && e.state !== 'closed' && e.state !== 'rejected') return [{ ...x, e }];
      outcomes[x.i] = { skipped: `event already ${e.state}` };
      return [];
    });
    const members = await this.staff.byNodes([...new Set(open.map((x) => x.e.nodeId))], MICRO_ROLES);
    const tells: (Tell & { timer: boolean })[] = [];
    for (const { p, e, src } of open) {
      const crew = (members.get(e.nodeId) ?? []).filter((u) => u !== p.actorId);
      // Read before the transaction: a query on this.ds inside it would take a second connection
      // while holding one, and a burst of deliveries then wedges the pool (issue 16).
      if (crew.length) tells.push({ userIds: crew, message: this.taskMessage(e, 'task_new'), sourceKey: src, timer: true });
      else tells.push({ userIds: await this.gridWorkers(e.nodePath), message: this.taskMessage(e, 'task_unclaimed'), sourceKey: src, timer: false });
    }
    if (tells.length) {
      await this.ds.transaction(async (m) => {
        const { toldBefore } = await this.notify.tellMany(m, tells);
        // The "still unclaimed?" check, once per report (not again when its row is re-delivered).
        const due = new Date(Date.now() + this.config.NOTIFY_UNCLAIMED_MINUTES * 60_000);
        const timers: OutboxItem[] = tells.flatMap((t, i) => (t.timer && !toldBefore.has(t.sourceKey!) ? [{ kind: EVENT_UNCLAIMED, payload: { eventId: open[i]!.e.id }, dueAt: due }] : []));
        await enqueueOutbox(m, timers);
      });
    }
    return outcomes;
  }

  private async unclaimed(p: { eventId: number }, ctx: SendContext): Promise<SendOutcome> {
    const e = await this.event(p.eventId);
    if (e.handlerId !== null || !UNCLAIMED_STATES.includes(e.state)) return { skipped: 'claimed in time' };
    const workers = await this.gridWorkers(e.nodePath);
    if (!workers.length) return { skipped: 'no grid worker above this micro-grid' };
    await this.ds.transaction((m) => this.notify.tell(m, workers, this.taskMessage(e, 'task_unclaimed'), `ob:${ctx.messageId}`));
  }

  private async stateChanged(p: StateChangedPayload, ctx: SendContext): Promise<SendOutcome> {
    const e = await this.event(p.eventId);
    const src = `ob:${ctx.messageId}`;
    const label = EVENT_STATE_LABEL[p.to] ?? p.to;
    const category = e.categoryName ?? e.category;
    // Supporters see the public view only (micro-grid, never the address): so do their messages.
    const progress = (title: string, remark: string): Message => ({
      kind: 'event_progress',
      title,
      body: `${category}：${label}`,
      page: eventPage(e.id),
      refType: 'event',
      refId: e.id,
      template: 'event_progress',
      values: { category, state: label, time: new Date().toISOString(), eventNo: String(e.id), remark },
    });
    await this.ds.transaction(async (m) => {
      if (p.reporterId && p.reporterId !== p.actorId) await this.notify.tell(m, [p.reporterId], progress(`您反映的问题${label}`, e.address ?? e.nodeName), src);
      // People who said "me too" follow the event: they hear of each change as the reporter does.
      const supporters = await this.events.supporterIds(e.id, m);
      const followers = supporters.filter((u) => u !== p.actorId && u !== p.reporterId);
      if (followers.length) await this.notify.tell(m, followers, progress(`您关注的问题${label}`, e.nodeName), `${src}:s`);
      if (p.action === 'dispatch' && p.assigneeId && p.assigneeId !== p.actorId) {
        await this.notify.tell(m, [p.assigneeId], this.taskMessage(e, 'task_new'), `${src}:a`);
      }
    });
  }

  private async overdue(p: OverduePayload, ctx: SendContext): Promise<SendOutcome> {
    const e = await this.event(p.eventId);
    const ownerPath = await this.tree.pathOf(p.ownerNodeId ?? e.nodeId);
    // The staff at the node it was raised to, or the nearest node above that has any.
    const chain = ancestorPaths(ownerPath ?? e.nodePath).reverse();
    let staff: number[] = [];
    for (const path of chain) {
      staff = await this.usersAtPath(path, UPPER_ROLES);
      if (staff.length) break;
    }
    if (!staff.length) return { skipped: 'no staff above this event' };
    const category = e.categoryName ?? e.category;
    const stage = STAGE_LABEL[p.stage ?? e.stage ?? ''] ?? '处置';
    await this.ds.transaction((m) =>
      this.notify.tell(
        m,
        staff,
        {
          kind: 'event_overdue',
          title: `超期：${category}`,
          body: `${e.nodeName} · ${stage}阶段已超期`,
          page: eventPage(e.id),
          refType: 'event',
          refId: e.id,
          template: 'event_overdue',
          values: { category, place: e.address ?? e.nodeName, deadline: e.deadlineAt ? e.deadlineAt.toISOString() : new Date().toISOString(), eventNo: String(e.id), stage },
        },
        `ob:${ctx.messageId}`,
      ),
    );
  }

  private taskMessage(e: EventRow, kind: 'task_new' | 'task_unclaimed'): Message {
    const category = e.categoryName ?? e.category;
    const where = e.address ?? e.nodeName;
    return {
      kind,
      title: kind === 'task_new' ? `新任务：${category}` : `无人认领：${category}`,
      body: kind === 'task_new' ? `${e.nodeName} · ${where}` : `${e.nodeName}的事件尚无人认领，请跟进`,
      page: eventPage(e.id),
      refType: 'event',
      refId: e.id,
      template: 'task_new',
      values: { category, place: where, time: e.createdAt.toISOString(), eventNo: String(e.id), description: e.description },
    };
  }

  private async event(id: number): Promise<EventRow> {
    return (await this.eventRows([id])).get(id)!;
  }

  /** The events with their node's and category's names; a missing one makes the delivery permanent-fail. */
  private async eventRows(ids: number[]): Promise<Map<number, EventRow>> {
    const found = await this.events.forNotifyMany(ids);
    // Node names through the GridTree port (grid_node is the grids module's), category names through the catalog.
    const nodes = new Map((await this.tree.refsByIds([...new Set([...found.values()].map((e) => e.nodeId))])).map((n) => [n.id, n]));
    const categories = await this.categories.names([...found.values()].map((e) => e.category));
    const out = new Map<number, EventRow>();
    for (const id of ids) {
      const e = found.get(id);
      const node = e ? nodes.get(e.nodeId) : undefined;
      if (!e || !node) throw new PermanentSendError(`event ${id} not found`);
      out.set(id, { ...e, categoryName: categories.get(e.category) ?? null, nodeName: node.name });
    }
    return out;
  }

  private usersAtPath(path: string, roles: Role[]): Promise<number[]> {
    return this.staff.atPath(path, roles);
  }

  /** Grid workers holding the role at any node above (or at) this path. */
  private async gridWorkers(nodePath: string): Promise<number[]> {
    return [...new Set((await this.staff.atOrAbove(nodePath, ['grid_worker'])).map((h) => h.userId))];
  }
}


interface CreatedPayload {
  eventId: number;
  state: EventState;
  nodeId: number;
  actorId: number | null;
  held?: boolean;
}
interface StateChangedPayload {
  eventId: number;
  action: string;
  from: EventState;
  to: EventState;
  actorId: number | null;
  reporterId: number | null;
  assigneeId: number | null;
}
interface OverduePayload {
  eventId: number;
  stage?: string;
  nodeId: number;
  ownerNodeId?: number;
}
