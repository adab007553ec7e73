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
import { isUniqueViolation } from '../common/db-errors.js';
import { AccessService } from '../access/access.service.js';
import { UsersService } from '../accounts/users.service.js';
import { AppConfig } from '../config/config.js';
import { WechatClient } from '../wechat/wechat.client.js';
import { decryptOpenData, WechatDecryptError } from '../wechat/crypto.js';
import { GroupBinding } from './group-binding.entity.js';
/**
 * Group chats and share cards. A grid worker binds their micro-grid's WeChat group once: the
 * mini-program sends the group's encrypted share info with a fresh login code, the server gets the
 * current session key for that code, decrypts (AES-128-CBC, watermark appid checked) the opengid
 * and stores opengid → micro-grid. Cards opened later in that group resolve to the micro-grid.
 */
let ShareService = class ShareService {
    ds;
    access;
    wechat;
    users;
    config;
    constructor(ds, access, wechat, users, config) {
        this.ds = ds;
        this.access = access;
        this.wechat = wechat;
        this.users = users;
        this.config = config;
    }
    async bind(actor, input) {
        const node = await this.node(input.nodeCode);
        if (node.level !== 'micro')
            throw new AppError('VALIDATION_FAILED', 'groups bind to micro-grids', { fields: { nodeCode: 'must be a micro-grid' } });
        await this.access.require(actor, 'group.bind', { nodeId: node.id });
        const opengid = await this.opengid(actor, input);
        const repo = this.ds.getRepository(GroupBinding);
        const now = new Date();
        for (let attempt = 0; attempt < 2; attempt++) {
            const existing = await repo.findOneBy({ opengid });
            if (existing) {
                await repo.update({ id: existing.id }, { nodeId: node.id, boundBy: actor.userId, updatedAt: now });
                break;
            }
            try {
                await repo.insert({ opengid, nodeId: node.id, boundBy: actor.userId, createdAt: now, updatedAt: now });
                break;
            }
            catch (e) {
                if (!isUniqueViolation(e))
                    throw e;
            }
        }
        return { node: { code: node.code, name: node.name, level: node.level }, boundAt: now.toISOString() };
    }
    /** Which micro-grid the group a card was opened in belongs to (node null: not bound). */
    async resolve(actor, input) {
        const opengid = await this.opengid(actor, input);
        const [row] = await this.ds.query('SELECT n.code AS code, n.name AS name, n.level AS level, b.updated_at AS updated_at FROM group_binding b JOIN grid_node n ON n.id = b.node_id WHERE b.opengid = ?', [opengid]);
        if (!row)
            return { node: null, boundAt: null };
        const at = row.updated_at instanceof Date ? row.updated_at : new Date(`${String(row.updated_at).replace(' ', 'T')}Z`);
        return { node: { code: row.code, name: row.name, level: row.level }, boundAt: at.toISOString() };
    }
    /** Groups bound to a micro-grid (count only: opengids stay on the server). */
    async bindingsOf(actor, nodeCode) {
        const node = await this.node(nodeCode);
        await this.access.require(actor, 'grid.read', { nodeId: node.id }, { hide: true });
        const [{ n }] = await this.ds.query('SELECT COUNT(*) AS n FROM group_binding WHERE node_id = ?', [node.id]);
        return { node: { code: node.code, name: node.name }, groups: Number(n) };
    }
    /** A mini-program code that opens the report page pre-set to this micro-grid (virtual ones too). */
    async qrcode(actor, nodeCode) {
        const node = await this.node(nodeCode);
        if (node.level !== 'micro')
            throw new AppError('VALIDATION_FAILED', 'QR codes are made for micro-grids', { fields: { nodeCode: 'must be a micro-grid' } });
        await this.access.require(actor, 'grid.read', { nodeId: node.id }, { hide: true });
        // scene ≤ 32 visible chars: 'g=' + an 18-digit code fits; the page reads it from options.scene.
        return this.wechat.getWxacodeUnlimit({ scene: `g=${node.code}`, page: 'pages/report/index', envVersion: this.config.WECHAT_ENV_VERSION });
    }
    async node(code) {
        const [n] = await this.ds.query('SELECT id, code, name, level, path, is_virtual FROM grid_node WHERE code = ?', [code]);
        if (!n)
            throw new AppError('NOT_FOUND', 'grid node not found', { fields: { nodeCode: 'no such node' } });
        return { ...n, id: Number(n.id) };
    }
    /**
     * The opengid in the share info. The login code must be the caller's own (same openid); its
     * session key is the current one and is kept like any login's. WeChat encrypts share info with
     * the key current when the client fetched it, so the key stored before this exchange is tried
     * too (they are normally the same; they differ if the key rotated in between).
     */
    async opengid(actor, input) {
        const [me] = await this.ds.query('SELECT openid, session_key FROM app_user WHERE id = ?', [actor.userId]);
        const s = await this.wechat.code2Session(input.code);
        if (!me || me.openid !== s.openid)
            throw new AppError('FORBIDDEN', 'the login code belongs to another WeChat user');
        await this.users.upsertFromWechat(s.openid, s.unionid, s.sessionKey);
        const keys = [s.sessionKey, ...(me.session_key && me.session_key !== s.sessionKey ? [String(me.session_key)] : [])];
        let problem = 'cannot decrypt';
        for (const key of keys) {
            try {
                const data = decryptOpenData(key, input.encryptedData, input.iv, this.wechat.config.appid);
                if (typeof data.openGId !== 'string' || !/^[\w-]{1,64}$/.test(data.openGId))
                    throw new WechatDecryptError('no opengid in share info');
                return data.openGId;
            }
            catch (e) {
                if (!(e instanceof WechatDecryptError))
                    throw e;
                problem = e.message;
                // A watermark of another app or a payload without opengid will not improve with another key.
                if (!/cannot decrypt|not JSON/.test(problem))
                    break;
            }
        }
        throw new AppError('VALIDATION_FAILED', `share info rejected: ${problem}`, { fields: { encryptedData: problem } });
    }
};
ShareService = __decorate([
    Injectable(),
    __param(0, InjectDataSource()),
    __metadata("design:paramtypes", [Function, AccessService,
        WechatClient,
        UsersService,
        AppConfig])
], ShareService);
export { ShareService };
//# sourceMappingURL=share.service.js.map