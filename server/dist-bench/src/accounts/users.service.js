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
import { maskPhone } from '@weigrid/shared';
import { AppError } from '../common/app-error.js';
import { isUniqueViolation } from '../common/db-errors.js';
import { WechatClient } from '../wechat/wechat.client.js';
import { decryptOpenData, WechatDecryptError } from '../wechat/crypto.js';
import { User } from './user.entity.js';
/** Users: created on first WeChat login, their phone binding, display name and grants. */
let UsersService = class UsersService {
    ds;
    wechat;
    constructor(ds, wechat) {
        this.ds = ds;
        this.wechat = wechat;
    }
    /** Finds or creates the user for an openid and stores the new session_key (server-side only). */
    async upsertFromWechat(openid, unionid, sessionKey) {
        const repo = this.ds.getRepository(User);
        const now = new Date();
        for (let attempt = 0; attempt < 2; attempt++) {
            const existing = await repo.findOneBy({ openid });
            if (existing) {
                await repo.update({ id: existing.id }, { sessionKey, lastLoginAt: now, ...(unionid && !existing.unionid ? { unionid } : {}) });
                return existing;
            }
            try {
                await repo.insert({ openid, unionid: unionid ?? null, sessionKey, createdAt: now, lastLoginAt: now, disabled: false, name: null, phone: null, phoneBoundAt: null });
            }
            catch (e) {
                // Two first logins of the same person at once: the other insert won; read it.
                if (isUniqueViolation(e))
                    continue;
                throw e;
            }
        }
        return repo.findOneByOrFail({ openid });
    }
    async me(userId) {
        const u = await this.ds.getRepository(User).findOneBy({ id: userId });
        if (!u)
            throw new AppError('UNAUTHENTICATED', 'user no longer exists');
        return { id: u.id, name: u.name, phoneMasked: maskPhone(u.phone), roles: await this.grantsOf(userId) };
    }
    async grantsOf(userId) {
        const rows = await this.ds.query(`SELECT g.id AS id, g.role AS role, n.code AS code, n.name AS name, n.level AS level, g.department_id AS department_id, g.created_at AS created_at
         FROM role_grant g JOIN grid_node n ON n.id = g.node_id
        WHERE g.user_id = ? AND g.revoked_at IS NULL ORDER BY g.id`, [userId]);
        return rows.map((r) => ({ id: Number(r.id), role: r.role, nodeCode: r.code, nodeName: r.name, nodeLevel: r.level, departmentId: r.department_id === null ? null : Number(r.department_id), createdAt: toIso(r.created_at) }));
    }
    async updateName(actor, name) {
        await this.ds.getRepository(User).update({ id: actor.userId }, { name: name.trim() });
        return this.me(actor.userId);
    }
    /** Binds the number behind a getPhoneNumber code; answers with the masked number only. */
    async bindPhone(actor, code) {
        const info = await this.wechat.getPhoneNumber(code);
        await this.ds.getRepository(User).update({ id: actor.userId }, { phone: info.purePhoneNumber, phoneBoundAt: new Date() });
        return this.me(actor.userId);
    }
    /** Decrypts group share info with the user's latest session_key and returns the group's opengid. */
    async shareInfo(actor, encryptedData, iv) {
        const row = await this.ds.getRepository(User).createQueryBuilder('u').addSelect('u.sessionKey').where('u.id = :id', { id: actor.userId }).getOne();
        if (!row?.sessionKey)
            throw new AppError('WECHAT_CODE_INVALID', 'no WeChat session; log in again');
        try {
            const data = decryptOpenData(row.sessionKey, encryptedData, iv, this.wechat.config.appid);
            const opengid = data.openGId ?? data.opengid;
            if (typeof opengid !== 'string' || !opengid)
                throw new WechatDecryptError('no opengid in share info');
            return { opengid };
        }
        catch (e) {
            // Usually a session_key that changed since the share ticket was fetched: log in again.
            if (e instanceof WechatDecryptError)
                throw new AppError('VALIDATION_FAILED', `share info rejected: ${e.message}`, { fields: { encryptedData: e.message } });
            throw e;
        }
    }
};
UsersService = __decorate([
    Injectable(),
    __param(0, InjectDataSource()),
    __metadata("design:paramtypes", [Function, WechatClient])
], UsersService);
export { UsersService };
export function toIso(v) {
    if (v === null)
        return '';
    if (v instanceof Date)
        return v.toISOString();
    return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`).toISOString();
}
//# sourceMappingURL=users.service.js.map