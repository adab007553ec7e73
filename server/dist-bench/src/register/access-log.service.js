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
import { RegAccessLog } from './entities.js';
/**
 * The register's access log (PIPL): every reveal of a person's full record, every lookup by phone or
 * ID number, every export, and every attempt outside the caller's scope. Denials are written even
 * though the request fails, so they are committed outside the request's own transaction.
 */
let AccessLogService = class AccessLogService {
    ds;
    access;
    constructor(ds, access) {
        this.ds = ds;
        this.access = access;
    }
    async record(actor, e, em) {
        await (em ?? this.ds.manager).insert(RegAccessLog, {
            at: new Date(),
            userId: actor.userId,
            action: e.action.slice(0, 32),
            targetType: e.targetType.slice(0, 16),
            targetId: e.targetId ?? null,
            gridPath: e.gridPath ?? null,
            allowed: e.allowed,
            detail: (e.detail ?? '').slice(0, 300),
            requestId: null,
        });
    }
    /**
     * `AccessService.require`, plus an access-log row when it says no. Out-of-scope reads answer
     * 404 (the caller does not learn the record exists); writes answer 403.
     */
    async requireOrLog(actor, action, target, log, hide = true) {
        const g = await this.access.check(actor, action, { nodePath: target.gridPath });
        if (g)
            return;
        await this.record(actor, { action: `denied:${action}`, targetType: log.targetType, targetId: log.targetId, gridPath: target.gridPath, allowed: false });
        if (hide)
            throw new AppError('NOT_FOUND', 'not found');
        throw new AppError('FORBIDDEN', `not allowed: ${action}`);
    }
    /** Admins read the log of their own subtree (by the target's grid path), newest first. */
    async query(actor, q) {
        const s = this.access.scopeWhere(actor, 'register.audit', 'l.grid_path');
        if (!s)
            throw new AppError('FORBIDDEN', 'not allowed: register.audit');
        const qb = this.ds.getRepository(RegAccessLog).createQueryBuilder('l').where(s.sql, s.params);
        if (q.userId !== undefined)
            qb.andWhere('l.user_id = :u', { u: q.userId });
        if (q.action !== undefined)
            qb.andWhere('l.action = :a', { a: q.action });
        if (q.allowed !== undefined)
            qb.andWhere('l.allowed = :al', { al: q.allowed });
        if (q.targetType !== undefined)
            qb.andWhere('l.target_type = :tt', { tt: q.targetType });
        if (q.targetId !== undefined)
            qb.andWhere('l.target_id = :ti', { ti: q.targetId });
        if (q.before !== undefined)
            qb.andWhere('l.id < :b', { b: q.before });
        const rows = await qb.orderBy('l.id', 'DESC').limit(q.limit + 1).getMany();
        const more = rows.length > q.limit;
        const items = rows.slice(0, q.limit).map((r) => ({ id: r.id, at: r.at.toISOString(), userId: r.userId, action: r.action, targetType: r.targetType, targetId: r.targetId, gridPath: r.gridPath, allowed: !!r.allowed, detail: r.detail }));
        return { items, nextCursor: more ? String(items[items.length - 1].id) : null };
    }
};
AccessLogService = __decorate([
    Injectable(),
    __param(0, InjectDataSource()),
    __metadata("design:paramtypes", [Function, AccessService])
], AccessLogService);
export { AccessLogService };
//# sourceMappingURL=access-log.service.js.map