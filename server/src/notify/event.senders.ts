import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ADMIN_ROLES, EVENT_OUTBOX_KINDS, EVENT_STATE_LABEL, type EventState, type Role } from '@weigrid/shared';
import type { EntityManager } from 'typeorm';
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
 * - new report (待核实) → those who can verify it (立案 / 不予立案): the grid workers above the
 *   micro-grid, or, where there is none, the admins of the nearest level above that has any. A
 *   micro-grid member cannot act on an unverified report, so it is not pushed to them.
 * - new task (verified, or created past verification: self-handled, machine intake) → the
 *   micro-grid's members (inbox + push), and the "still unclaimed?" timer starts then: if nobody
 *   has claimed it after NOTIFY_UNCLAIMED_MINUTES, the grid worker above them is told; if the
 *   micro-grid has no members, the grid worker at once. Held reports (content under review) tell nobody.
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
    this.registry.register(EVENT_OUTBOX_KINDS.dueSoon, (p, c) => this.dueSoon(p as { eventId: number; stage?: string | null }, c));
    this.registry.register(EVENT_OUTBOX_KINDS.followup, (p, c) => this.followup(p as { eventId: number }, c));
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
    // Read before the transaction: a query on this.ds inside it would take a second connection
    // while holding one, and a burst of deliveries then wedges the pool (issue 16).
    const offered = open.filter((x) => x.e.state !== 'reported');
    const members = await this.staff.byNodes([...new Set(offered.map((x) => x.e.nodeId))], MICRO_ROLES);
    const verifiersAt = new Map<string, number[]>();
    const tells: (Tell & { timer: boolean; eventId: number })[] = [];
    for (const { p, e, src, i } of open) {
      // The automatic acknowledgement (常用语 for `reported`) to a resident for their new report — not
      // for a hand-over (改位置 / 转办 write this kind again with no actor) nor staff's own reports.
      if (p.actorId !== null && p.actorId === e.reporterId && p.state === 'reported') {
        const category = e.categoryName ?? e.category;
        const ack: Message = { kind: 'event_ack', title: `已收到：${category}`, body: await this.events.ackText(e.category), page: eventPage(e.id), refType: 'event', refId: e.id, template: null, values: {} };
        tells.push({ userIds: [p.actorId], message: ack, sourceKey: `${src}:ack`, timer: false, eventId: e.id });
      }
      if (e.state === 'reported') {
        // 待核实: only those who can 立案 it are told; members hear of it once it is verified.
        if (!verifiersAt.has(e.nodePath)) verifiersAt.set(e.nodePath, await this.verifiers(e.nodePath));
        const to = verifiersAt.get(e.nodePath)!.filter((u) => u !== p.actorId);
        if (to.length) tells.push({ userIds: to, message: this.taskMessage(e, 'task_verify'), sourceKey: src, timer: false, eventId: e.id });
        else outcomes[i] = { skipped: 'nobody above this micro-grid can verify' };
        continue;
      }
      const crew = (members.get(e.nodeId) ?? []).filter((u) => u !== p.actorId);
      if (crew.length) tells.push({ userIds: crew, message: this.taskMessage(e, 'task_new'), sourceKey: src, timer: true, eventId: e.id });
      else tells.push({ userIds: await this.gridWorkers(e.nodePath), message: this.taskMessage(e, 'task_unclaimed'), sourceKey: src, timer: false, eventId: e.id });
    }
    if (tells.length) {
      await this.ds.transaction(async (m) => {
        const { toldBefore } = await this.notify.tellMany(m, tells);
        // The "still unclaimed?" check, once per report (not again when its row is re-delivered).
        const due = new Date(Date.now() + this.config.NOTIFY_UNCLAIMED_MINUTES * 60_000);
        const timers: OutboxItem[] = tells.flatMap((t) => (t.timer && !toldBefore.has(t.sourceKey!) ? [{ kind: EVENT_UNCLAIMED, payload: { eventId: t.eventId }, dueAt: due }] : []));
        await enqueueOutbox(m, timers);
      });
    }
    return outcomes;
  }

  /** Who is offered a verified task: the micro-grid's members, or the grid workers when it has none. */
  private async memberOffer(e: EventRow, actorId: number | null): Promise<{ members: number[]; workers: number[] }> {
    const members = ((await this.staff.byNodes([e.nodeId], MICRO_ROLES)).get(e.nodeId) ?? []).filter((u) => u !== actorId);
    const workers = members.length ? [] : (await this.gridWorkers(e.nodePath)).filter((u) => u !== actorId);
    return { members, workers };
  }

  /** Tells them (inside the caller's transaction) and starts the "still unclaimed?" timer for members, once per source. */
  private async offerTask(m: EntityManager, e: EventRow, offer: { members: number[]; workers: number[] }, src: string): Promise<void> {
    if (offer.members.length) {
      const { toldBefore } = await this.notify.tellMany(m, [{ userIds: offer.members, message: this.taskMessage(e, 'task_new'), sourceKey: src }]);
      if (!toldBefore.has(src)) await enqueueOutbox(m, [{ kind: EVENT_UNCLAIMED, payload: { eventId: e.id }, dueAt: new Date(Date.now() + this.config.NOTIFY_UNCLAIMED_MINUTES * 60_000) }]);
    } else if (offer.workers.length) {
      await this.notify.tell(m, offer.workers, this.taskMessage(e, 'task_unclaimed'), src);
    }
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
    // Verified: now it is work for the micro-grid's members (read before the transaction).
    const offer = p.action === 'verify' ? await this.memberOffer(e, p.actorId) : null;
    const merged = p.action === 'merge' && p.mergedInto ? `，已并入 #${p.mergedInto} 一并办理` : '';
    // Back to the handler: 返工, a failed 核查, 重新打开, a 回访 that says it is not fixed.
    const back = p.to === 'in_progress' && (p.from === 'resolved' || p.from === 'closed') && p.handlerId && p.handlerId !== p.actorId ? p.handlerId : null;
    await this.ds.transaction(async (m) => {
      if (offer) await this.offerTask(m, e, offer, `${src}:t`);
      if (p.reporterId && p.reporterId !== p.actorId) await this.notify.tell(m, [p.reporterId], progress(`您反映的问题${label}${merged}`, e.address ?? e.nodeName), src);
      if (back) await this.notify.tell(m, [back], { ...this.taskMessage(e, 'task_new'), title: `${urgent(p.priority)}需重新处置：${category}` }, `${src}:h`);
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
          title: `${urgent(e.priority)}${p.repeated ? '持续' : ''}超期：${category}`,
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

  /** 临期预警: the handler, or (nobody claimed it) the micro-grid's members, or the grid workers above. */
  private async dueSoon(p: { eventId: number; stage?: string | null }, ctx: SendContext): Promise<SendOutcome> {
    const e = await this.event(p.eventId);
    if (e.state === 'closed' || e.state === 'rejected' || e.state === 'suspended') return { skipped: `event ${e.state}` };
    let to = e.handlerId !== null ? [e.handlerId] : ((await this.staff.byNodes([e.nodeId], MICRO_ROLES)).get(e.nodeId) ?? []);
    if (!to.length) to = await this.gridWorkers(e.nodePath);
    if (!to.length) return { skipped: 'nobody to warn' };
    const category = e.categoryName ?? e.category;
    const stage = STAGE_LABEL[p.stage ?? e.stage ?? ''] ?? '处置';
    await this.ds.transaction((m) =>
      this.notify.tell(
        m,
        to,
        {
          kind: 'event_due_soon',
          title: `${urgent(e.priority)}临期：${category}`,
          body: `${e.nodeName} · ${stage}时限将到，请尽快办理`,
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

  /** 回访: N days after closing, ask the reporter whether it is really fixed (skipped when answered, reopened or merged). */
  private async followup(p: { eventId: number }, ctx: SendContext): Promise<SendOutcome> {
    const e = await this.event(p.eventId);
    if (e.state !== 'closed' || e.followupAt !== null || e.mergedInto !== null || e.reporterId === null) return { skipped: 'no follow-up needed' };
    const category = e.categoryName ?? e.category;
    await this.ds.transaction((m) =>
      this.notify.tell(
        m,
        [e.reporterId!],
        {
          kind: 'event_followup',
          title: `回访：${category}真的解决了吗？`,
          body: '点开告诉我们问题是否已经解决；没有解决会重新办理',
          page: eventPage(e.id),
          refType: 'event',
          refId: e.id,
          template: 'event_progress',
          values: { category, state: '回访', time: new Date().toISOString(), eventNo: String(e.id), remark: '问题真的解决了吗？' },
        },
        `ob:${ctx.messageId}`,
      ),
    );
  }

  private taskMessage(e: EventRow, kind: 'task_new' | 'task_unclaimed' | 'task_verify'): Message {
    const category = e.categoryName ?? e.category;
    const where = e.address ?? e.nodeName;
    const text = {
      task_new: { title: `新任务：${category}`, body: `${e.nodeName} · ${where}` },
      task_unclaimed: { title: `无人认领：${category}`, body: `${e.nodeName}的事件尚无人认领，请跟进` },
      task_verify: { title: `待核实：${category}`, body: `${e.nodeName} · ${where}，请核实后立案或不予立案` },
    }[kind];
    return {
      kind,
      title: `${urgent(e.priority)}${text.title}`,
      body: text.body,
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

  /**
   * Who can verify a report in this micro-grid: the grid workers above it; where there is none,
   * the admins at the nearest level above that has any (community first).
   */
  private async verifiers(nodePath: string): Promise<number[]> {
    const workers = await this.gridWorkers(nodePath);
    if (workers.length) return workers;
    const admins = await this.staff.atOrAbove(nodePath, ADMIN_ROLES);
    if (!admins.length) return [];
    const nearest = admins.reduce((a, h) => (h.path.length > a.length ? h.path : a), '');
    return [...new Set(admins.filter((h) => h.path === nearest).map((h) => h.userId))];
  }

  /** Grid workers holding the role at any node above (or at) this path. */
  private async gridWorkers(nodePath: string): Promise<number[]> {
    return [...new Set((await this.staff.atOrAbove(nodePath, ['grid_worker'])).map((h) => h.userId))];
  }
}


/** 紧急 cases say so first in every title. */
function urgent(priority: string | undefined): string {
  return priority === 'urgent' ? '【紧急】' : '';
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
  handlerId?: number | null;
  priority?: string;
  mergedInto?: number;
}
interface OverduePayload {
  eventId: number;
  stage?: string;
  nodeId: number;
  ownerNodeId?: number;
  repeated?: boolean;
}
