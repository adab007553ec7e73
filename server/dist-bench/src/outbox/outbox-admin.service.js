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
import { AppError } from '../common/app-error.js';
import { AccessService } from '../access/access.service.js';
import { OUTBOX_STATUSES } from './outbox.entity.js';
/** What admins see of the outbox: the queue's health and the dead letters, which they may requeue. */
let OutboxAdminService = class OutboxAdminService {
    ds;
    access;
    constructor(ds, access) {
        this.ds = ds;
        this.access = access;
    }
    guard(actor) {
        if (this.access.scope(actor, 'outbox.admin').length === 0)
            throw new AppError('FORBIDDEN', 'not allowed: outbox.admin');
    }
    async stats(actor) {
        this.guard(actor);
        const rows = await this.ds.query(`SELECT status, kind, COUNT(*) AS n, MIN(due_at) AS oldest FROM outbox GROUP BY status, kind`);
        const byStatus = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0]));
        const kinds = new Map();
        for (const r of rows) {
            byStatus[r.status] = (byStatus[r.status] ?? 0) + Number(r.n);
            const k = kinds.get(r.kind) ?? { kind: r.kind, waiting: 0, dead: 0, oldestDueSeconds: null };
            if (r.status === 'pending' || r.status === 'sending') {
                k.waiting += Number(r.n);
                const age = r.oldest ? Math.max(0, Math.round((Date.now() - toDate(r.oldest).getTime()) / 1000)) : null;
                if (age !== null)
                    k.oldestDueSeconds = Math.max(k.oldestDueSeconds ?? 0, age);
            }
            if (r.status === 'dead')
                k.dead += Number(r.n);
            kinds.set(r.kind, k);
        }
        return { byStatus, kinds: [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind)) };
    }
    async list(actor, q) {
        this.guard(actor);
        const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
        const params = [q.status];
        let where = 'status = ?';
        if (q.kind) {
            where += ' AND kind = ?';
            params.push(q.kind);
        }
        if (q.cursor) {
            where += ' AND id < ?';
            params.push(q.cursor);
        }
        const rows = await this.ds.query(`SELECT id, kind, status, attempts, last_error, due_at, created_at, payload FROM outbox WHERE ${where} ORDER BY id DESC LIMIT ${limit + 1}`, params);
        const items = rows.slice(0, limit).map((r) => ({
            id: Number(r.id),
            kind: r.kind,
            status: r.status,
            attempts: Number(r.attempts),
            lastError: r.last_error,
            dueAt: toDate(r.due_at).toISOString(),
            createdAt: toDate(r.created_at).toISOString(),
            payload: redact(r.payload),
        }));
        return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
    }
    /** Puts a dead row back in the queue with fresh attempts (after fixing what killed it). */
    async retry(actor, id) {
        this.guard(actor);
        const now = new Date(Math.floor(Date.now() / 1000) * 1000);
        const r = await this.ds
            .createQueryBuilder()
            .update('outbox')
            .set({ status: 'pending', attempts: 0, dueAt: now, claimedBy: null, claimedUntil: null })
            .where("id = :id AND status = 'dead'", { id })
            .execute();
        if (!r.affected) {
            const [row] = await this.ds.query('SELECT status FROM outbox WHERE id = ?', [id]);
            if (!row)
                throw new AppError('NOT_FOUND', 'outbox row not found');
            throw new AppError('INVALID_TRANSITION', `only dead rows can be retried (this one is ${row.status})`);
        }
        return { id, status: 'pending' };
    }
};
OutboxAdminService = __decorate([
    Injectable(),
    __param(0, InjectDataSource()),
    __metadata("design:paramtypes", [Function, AccessService])
], OutboxAdminService);
export { OutboxAdminService };
function toDate(v) {
    return v instanceof Date ? v : new Date(`${v.replace(' ', 'T')}Z`);
}
function redact(payload) {
    try {
        return JSON.parse(payload, (k, v) => (k === 'openid' && typeof v === 'string' ? `${v.slice(0, 4)}…` : v));
    }
    catch {
        return payload.slice(0, 200);
    }
}
//# sourceMappingURL=outbox-admin.service.js.map