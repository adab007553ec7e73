var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EVENT_OUTBOX_KINDS, EVENT_STATE_LABEL } from '@weigrid/shared';
import { AppConfig } from '../config/config.js';
import { enqueueOutbox } from '../outbox/enqueue.js';
import { SenderRegistry } from '../outbox/sender-registry.js';
import { PermanentSendError } from '../outbox/send-result.js';
import { NotifyService } from './notify.service.js';
import { dbIso } from './subscribe.sender.js';
/** Outbox kind of the delayed "still unclaimed?" check this module schedules for new tasks. */
export const EVENT_UNCLAIMED = 'event.unclaimed';
const MICRO_ROLES = ['micro_member', 'micro_leader'];
const UPPER_ROLES = ['grid_worker', 'community_admin', 'street_admin', 'district_admin', 'city_admin'];
const UNCLAIMED_STATES = ['reported', 'accepted', 'dispatched'];
const STAGE_LABEL = { verify: '核实', handle: '处置', close: '结案' };
export const eventPage = (id) => `pages/event/index?id=${id}`;
/**
 * Who is told what about events (the events module writes the outbox rows in its transitions):
 * - new task → the micro-grid's members (inbox + push); if nobody has claimed it after
 *   NOTIFY_UNCLAIMED_MINUTES, the grid worker above them; if the micro-grid has no members, the grid
 *   worker at once. Held reports (content under review) tell nobody.
 * - state change → the reporter (not when they made the change themselves); a dispatch → the
 *   assignee as a new task.
 * - overdue → the staff of the node the event was raised to (the next level up).
 * Each fan-out is one transaction keyed by the outbox row, so a re-delivered row adds nothing.
 */
let EventSenders = class EventSenders {
    registry;
    notify;
    config;
    ds;
    constructor(registry, notify, config, ds) {
        this.registry = registry;
        this.notify = notify;
        this.config = config;
        this.ds = ds;
    }
    onModuleInit() {
        this.registry.register(EVENT_OUTBOX_KINDS.created, (p, c) => this.created(p, c));
        this.registry.register(EVENT_OUTBOX_KINDS.stateChanged, (p, c) => this.stateChanged(p, c));
        this.registry.register(EVENT_OUTBOX_KINDS.overdue, (p, c) => this.overdue(p, c));
        this.registry.register(EVENT_OUTBOX_KINDS.supported, async () => ({ skipped: 'supports are counted, nobody is notified' }));
        this.registry.register(EVENT_UNCLAIMED, (p, c) => this.unclaimed(p, c));
    }
    async created(p, ctx) {
        if (p.held)
            return { skipped: 'report held for content review' };
        const e = await this.event(p.eventId);
        if (e.state === 'resolved' || e.state === 'closed' || e.state === 'rejected')
            return { skipped: `event already ${e.state}` };
        const members = (await this.usersAt([e.node_id], MICRO_ROLES)).filter((u) => u !== p.actorId);
        const src = `ob:${ctx.messageId}`;
        await this.ds.transaction(async (m) => {
            if (members.length) {
                await this.notify.tell(m, members, this.taskMessage(e, 'task_new'), src);
                await enqueueOutbox(m, [{ kind: EVENT_UNCLAIMED, payload: { eventId: e.id }, dueAt: new Date(Date.now() + this.config.NOTIFY_UNCLAIMED_MINUTES * 60_000) }]);
            }
            else {
                await this.notify.tell(m, await this.gridWorkers(e.node_path), this.taskMessage(e, 'task_unclaimed'), src);
            }
        });
    }
    async unclaimed(p, ctx) {
        const e = await this.event(p.eventId);
        if (e.handler_id !== null || !UNCLAIMED_STATES.includes(e.state))
            return { skipped: 'claimed in time' };
        const workers = await this.gridWorkers(e.node_path);
        if (!workers.length)
            return { skipped: 'no grid worker above this micro-grid' };
        await this.ds.transaction((m) => this.notify.tell(m, workers, this.taskMessage(e, 'task_unclaimed'), `ob:${ctx.messageId}`));
    }
    async stateChanged(p, ctx) {
        const e = await this.event(p.eventId);
        const src = `ob:${ctx.messageId}`;
        const label = EVENT_STATE_LABEL[p.to] ?? p.to;
        const category = e.category_name ?? e.category;
        await this.ds.transaction(async (m) => {
            if (p.reporterId && p.reporterId !== p.actorId) {
                await this.notify.tell(m, [p.reporterId], {
                    kind: 'event_progress',
                    title: `您反映的问题${label}`,
                    body: `${category}：${label}`,
                    page: eventPage(e.id),
                    refType: 'event',
                    refId: e.id,
                    template: 'event_progress',
                    values: { category, state: label, time: new Date().toISOString(), eventNo: String(e.id), remark: e.address ?? e.node_name },
                }, src);
            }
            if (p.action === 'dispatch' && p.assigneeId && p.assigneeId !== p.actorId) {
                await this.notify.tell(m, [p.assigneeId], this.taskMessage(e, 'task_new'), `${src}:a`);
            }
        });
    }
    async overdue(p, ctx) {
        const e = await this.event(p.eventId);
        const [owner] = await this.ds.query('SELECT path FROM grid_node WHERE id = ?', [p.ownerNodeId ?? e.node_id]);
        // The staff at the node it was raised to, or the nearest node above that has any.
        const chain = ancestors(owner?.path ?? e.node_path).reverse();
        let staff = [];
        for (const path of chain) {
            staff = await this.usersAtPath(path, UPPER_ROLES);
            if (staff.length)
                break;
        }
        if (!staff.length)
            return { skipped: 'no staff above this event' };
        const category = e.category_name ?? e.category;
        const stage = STAGE_LABEL[p.stage ?? e.stage ?? ''] ?? '处置';
        await this.ds.transaction((m) => this.notify.tell(m, staff, {
            kind: 'event_overdue',
            title: `超期：${category}`,
            body: `${e.node_name} · ${stage}阶段已超期`,
            page: eventPage(e.id),
            refType: 'event',
            refId: e.id,
            template: 'event_overdue',
            values: { category, place: e.address ?? e.node_name, deadline: e.deadline_at ? dbIso(e.deadline_at) : new Date().toISOString(), eventNo: String(e.id), stage },
        }, `ob:${ctx.messageId}`));
    }
    taskMessage(e, kind) {
        const category = e.category_name ?? e.category;
        const where = e.address ?? e.node_name;
        return {
            kind,
            title: kind === 'task_new' ? `新任务：${category}` : `无人认领：${category}`,
            body: kind === 'task_new' ? `${e.node_name} · ${where}` : `${e.node_name}的事件尚无人认领，请跟进`,
            page: eventPage(e.id),
            refType: 'event',
            refId: e.id,
            template: 'task_new',
            values: { category, place: where, time: dbIso(e.created_at), eventNo: String(e.id), description: e.description },
        };
    }
    async event(id) {
        const [e] = await this.ds.query(`SELECT e.id AS id, e.state AS state, e.category AS category, c.name AS category_name, e.address AS address, e.description AS description,
              e.node_id AS node_id, e.node_path AS node_path, n.name AS node_name, e.handler_id AS handler_id, e.reporter_id AS reporter_id,
              e.stage AS stage, e.deadline_at AS deadline_at, e.created_at AS created_at
         FROM event e JOIN grid_node n ON n.id = e.node_id LEFT JOIN category c ON c.code = e.category
        WHERE e.id = ?`, [id]);
        if (!e)
            throw new PermanentSendError(`event ${id} not found`);
        return { ...e, id: Number(e.id), node_id: Number(e.node_id), handler_id: e.handler_id === null ? null : Number(e.handler_id), reporter_id: e.reporter_id === null ? null : Number(e.reporter_id) };
    }
    async usersAt(nodeIds, roles) {
        const rows = await this.ds.query(`SELECT DISTINCT user_id FROM role_grant WHERE node_id IN (${nodeIds.map(() => '?').join(',')}) AND role IN (${roles.map(() => '?').join(',')}) AND revoked_at IS NULL`, [...nodeIds, ...roles]);
        return rows.map((r) => Number(r.user_id));
    }
    async usersAtPath(path, roles) {
        const rows = await this.ds.query(`SELECT DISTINCT g.user_id AS user_id FROM grid_node n JOIN role_grant g ON g.node_id = n.id WHERE n.path = ? AND g.role IN (${roles.map(() => '?').join(',')}) AND g.revoked_at IS NULL`, [path, ...roles]);
        return rows.map((r) => Number(r.user_id));
    }
    /** Grid workers holding the role at any node above (or at) this path. */
    async gridWorkers(nodePath) {
        const paths = ancestors(nodePath);
        const rows = await this.ds.query(`SELECT DISTINCT g.user_id AS user_id FROM grid_node n JOIN role_grant g ON g.node_id = n.id WHERE n.path IN (${paths.map(() => '?').join(',')}) AND g.role = 'grid_worker' AND g.revoked_at IS NULL`, paths);
        return rows.map((r) => Number(r.user_id));
    }
};
EventSenders = __decorate([
    Injectable(),
    __param(3, InjectDataSource()),
    __metadata("design:paramtypes", [SenderRegistry,
        NotifyService,
        AppConfig, Function])
], EventSenders);
export { EventSenders };
/** '5101/510104/510104017/' → ['5101/', '5101/510104/', '5101/510104/510104017/'] */
export function ancestors(path) {
    const parts = path.split('/').filter(Boolean);
    return parts.map((_, i) => `${parts.slice(0, i + 1).join('/')}/`);
}
//# sourceMappingURL=event.senders.js.map