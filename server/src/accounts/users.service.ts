import { Injectable } from '@nestjs/common';
import { maskPhone, type GrantDto, type MeDto, type ShareInfoDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { isUniqueViolation } from '../db/errors.js';
import { WechatClient } from '../wechat/wechat.client.js';
import { decryptOpenData, WechatDecryptError } from '../wechat/crypto.js';
import { AuthUsers } from '../auth/auth-users.js';
import { Staff } from './staff.repo.js';
import type { User } from './user.entity.js';
import { UsersRepo } from './users.repo.js';

/** Users: created on first WeChat login, their phone binding, display name and grants. */
@Injectable()
export class UsersService implements AuthUsers {
  constructor(
    private readonly users: UsersRepo,
    private readonly staff: Staff,
    private readonly wechat: WechatClient,
  ) {}

  /** Finds or creates the user for an openid and stores the new session_key (server-side only). */
  async upsertFromWechat(openid: string, unionid: string | undefined, sessionKey: string): Promise<User> {
    const repo = this.users;
    const now = new Date();
    for (let attempt = 0; attempt < 2; attempt++) {
      const existing = await repo.byOpenid(openid);
      if (existing) {
        await repo.update(existing.id, { sessionKey, lastLoginAt: now, ...(unionid && !existing.unionid ? { unionid } : {}) });
        return existing;
      }
      try {
        await repo.insert({ openid, unionid: unionid ?? null, sessionKey, createdAt: now, lastLoginAt: now, disabled: false, name: null, phone: null, phoneBoundAt: null });
      } catch (e) {
        // Two first logins of the same person at once: the other insert won; read it.
        if (isUniqueViolation(e)) continue;
        throw e;
      }
    }
    const u = await repo.byOpenid(openid);
    if (!u) throw new Error(`user ${openid.slice(0, 4)}… vanished during login`);
    return u;
  }

  async isActive(userId: number): Promise<boolean> {
    const u = await this.users.byId(userId);
    return !!u && !u.disabled;
  }

  async me(userId: number): Promise<MeDto> {
    const u = await this.users.byId(userId);
    if (!u) throw new AppError('UNAUTHENTICATED', 'user no longer exists');
    return { id: u.id, name: u.name, phoneMasked: maskPhone(u.phone), roles: await this.grantsOf(userId) };
  }

  async grantsOf(userId: number): Promise<GrantDto[]> {
    const rows = await this.staff.grantsOf(userId);
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  }

  async updateName(actor: Actor, name: string): Promise<MeDto> {
    await this.users.update(actor.userId, { name: name.trim() });
    return this.me(actor.userId);
  }

  /** Binds the number behind a getPhoneNumber code; answers with the masked number only. */
  async bindPhone(actor: Actor, code: string): Promise<MeDto> {
    const info = await this.wechat.getPhoneNumber(code);
    await this.users.update(actor.userId, { phone: info.purePhoneNumber, phoneBoundAt: new Date() });
    return this.me(actor.userId);
  }

  /** Decrypts group share info with the user's latest session_key and returns the group's opengid. */
  async shareInfo(actor: Actor, encryptedData: string, iv: string): Promise<ShareInfoDto> {
    const sessionKey = await this.users.sessionKey(actor.userId);
    if (!sessionKey) throw new AppError('WECHAT_CODE_INVALID', 'no WeChat session; log in again');
    try {
      const data = decryptOpenData<{ openGId?: string; opengid?: string }>(sessionKey, encryptedData, iv, this.wechat.config.appid);
      const opengid = data.openGId ?? data.opengid;
      if (typeof opengid !== 'string' || !opengid) throw new WechatDecryptError('no opengid in share info');
      return { opengid };
    } catch (e) {
      // Usually a session_key that changed since the share ticket was fetched: log in again.
      if (e instanceof WechatDecryptError) throw new AppError('VALIDATION_FAILED', `share info rejected: ${e.message}`, { fields: { encryptedData: e.message } });
      throw e;
    }
  }
}
