import { Injectable } from '@nestjs/common';
import type { GridContactsDto, GridLevel, GroupBindingDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { isUniqueViolation } from '../db/errors.js';
import { AccessService } from '../access/access.service.js';
import { UsersService } from '../accounts/users.service.js';
import { AppConfig } from '../config/config.js';
import { WechatClient } from '../wechat/wechat.client.js';
import { decryptOpenData, WechatDecryptError } from '../wechat/crypto.js';
import { GridTree } from '../grids/grid-tree.repo.js';
import { UserReads } from '../accounts/user-reads.repo.js';
import { GroupBindingsRepo } from './group-bindings.repo.js';
import { Staff } from '../accounts/staff.repo.js';
import { UserContacts } from '../accounts/user-contacts.repo.js';

interface NodeRow {
  id: number;
  code: string;
  name: string;
  level: GridLevel;
  path: string;
  is_virtual: number | boolean;
}

/**
 * Group chats and share cards. A grid worker binds their micro-grid's WeChat group once: the
 * mini-program sends the group's encrypted share info with a fresh login code, the server gets the
 * current session key for that code, decrypts (AES-128-CBC, watermark appid checked) the opengid
 * and stores opengid → micro-grid. Cards opened later in that group resolve to the micro-grid.
 */
@Injectable()
export class ShareService {
  constructor(
    private readonly bindings: GroupBindingsRepo,
    private readonly userReads: UserReads,
    private readonly access: AccessService,
    private readonly wechat: WechatClient,
    private readonly users: UsersService,
    private readonly config: AppConfig,
    private readonly tree: GridTree,
    private readonly staff: Staff,
    private readonly userContacts: UserContacts,
  ) {}

  /**
   * 网格员公示: the grid worker(s) of a micro-grid — those of the nearest level above it that has
   * any — with their name and WeChat-verified phone, and whether a group chat is bound to it. Any
   * logged-in user may ask (residents look up their own grid's worker; the same facts hang on the
   * board in every community); only micro-grids are answered, so it cannot list the staff of a
   * street or a district, and nothing else about the people (no openid, no other roles).
   */
  async contacts(_actor: Actor, code: string): Promise<GridContactsDto> {
    const n = /^\d{4,21}$/.test(code) ? await this.tree.refByCode(code) : null;
    if (!n) throw new AppError('NOT_FOUND', 'grid node not found', { fields: { code: 'no such node' } });
    if (n.level !== 'micro') throw new AppError('VALIDATION_FAILED', 'contacts are listed for micro-grids', { fields: { code: 'must be a micro-grid' } });
    const holders = await this.staff.atOrAbove(n.path, ['grid_worker']);
    const nearest = holders.reduce((a, h) => (h.path.length > a.length ? h.path : a), '');
    const ids = [...new Set(holders.filter((h) => h.path === nearest).map((h) => h.userId))];
    const [people, enabled, groups] = await Promise.all([this.userContacts.byIds(ids), this.userReads.enabledContacts(ids), this.bindings.countAt(n.id)]);
    const live = new Set(enabled.map((u) => u.id));
    const contacts = ids
      .filter((id) => live.has(id) && people.has(id))
      .sort((a, b) => a - b)
      .map((id) => {
        const p = people.get(id)!;
        return { name: p.name, role: 'grid_worker' as const, phone: p.phone && p.phoneBoundAt ? p.phone : null };
      });
    return { node: { code: n.code, name: n.name, level: n.level }, contacts, groupBound: groups > 0 };
  }

  async bind(actor: Actor, input: { code: string; encryptedData: string; iv: string; nodeCode: string }): Promise<GroupBindingDto> {
    const node = await this.node(input.nodeCode);
    if (node.level !== 'micro') throw new AppError('VALIDATION_FAILED', 'groups bind to micro-grids', { fields: { nodeCode: 'must be a micro-grid' } });
    await this.access.require(actor, 'group.bind', { nodeId: node.id });
    const opengid = await this.opengid(actor, input);
    const now = new Date();
    for (let attempt = 0; attempt < 2; attempt++) {
      const existing = await this.bindings.byOpengid(opengid);
      if (existing) {
        await this.bindings.rebind(existing.id, { nodeId: node.id, boundBy: actor.userId, updatedAt: now });
        break;
      }
      try {
        await this.bindings.insert({ opengid, nodeId: node.id, boundBy: actor.userId, createdAt: now, updatedAt: now });
        break;
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
    }
    return { node: { code: node.code, name: node.name, level: node.level }, boundAt: now.toISOString() };
  }

  /** Which micro-grid the group a card was opened in belongs to (node null: not bound). */
  async resolve(actor: Actor, input: { code: string; encryptedData: string; iv: string }): Promise<GroupBindingDto> {
    const opengid = await this.opengid(actor, input);
    const row = await this.bindings.nodeOf(opengid);
    const node = row ? await this.tree.refById(row.nodeId) : null;
    if (!row || !node) return { node: null, boundAt: null };
    return { node: { code: node.code, name: node.name, level: node.level }, boundAt: row.updatedAt.toISOString() };
  }

  /** Groups bound to a micro-grid (count only: opengids stay on the server). */
  async bindingsOf(actor: Actor, nodeCode: string): Promise<{ node: { code: string; name: string }; groups: number }> {
    const node = await this.node(nodeCode);
    await this.access.require(actor, 'grid.read', { nodeId: node.id }, { hide: true });
    return { node: { code: node.code, name: node.name }, groups: await this.bindings.countAt(node.id) };
  }

  /** A mini-program code that opens the report page pre-set to this micro-grid (virtual ones too). */
  async qrcode(actor: Actor, nodeCode: string): Promise<Buffer> {
    const node = await this.node(nodeCode);
    if (node.level !== 'micro') throw new AppError('VALIDATION_FAILED', 'QR codes are made for micro-grids', { fields: { nodeCode: 'must be a micro-grid' } });
    await this.access.require(actor, 'grid.read', { nodeId: node.id }, { hide: true });
    // scene ≤ 32 visible chars: 'g=' + an 18-digit code fits; the page reads it from options.scene.
    return this.wechat.getWxacodeUnlimit({ scene: `g=${node.code}`, page: 'pages/report/index', envVersion: this.config.WECHAT_ENV_VERSION });
  }

  private async node(code: string): Promise<NodeRow> {
    const n = await this.tree.refByCode(code);
    if (!n) throw new AppError('NOT_FOUND', 'grid node not found', { fields: { nodeCode: 'no such node' } });
    return { id: n.id, code: n.code, name: n.name, level: n.level, path: n.path, is_virtual: n.virtual };
  }

  /**
   * The opengid in the share info. The login code must be the caller's own (same openid); its
   * session key is the current one and is kept like any login's. WeChat encrypts share info with
   * the key current when the client fetched it, so the key stored before this exchange is tried
   * too (they are normally the same; they differ if the key rotated in between).
   */
  private async opengid(actor: Actor, input: { code: string; encryptedData: string; iv: string }): Promise<string> {
    const me = await this.userReads.wechatIdentity(actor.userId);
    const s = await this.wechat.code2Session(input.code);
    if (!me || me.openid !== s.openid) throw new AppError('FORBIDDEN', 'the login code belongs to another WeChat user');
    await this.users.upsertFromWechat(s.openid, s.unionid, s.sessionKey);
    const keys = [s.sessionKey, ...(me.sessionKey && me.sessionKey !== s.sessionKey ? [me.sessionKey] : [])];
    let problem = 'cannot decrypt';
    for (const key of keys) {
      try {
        const data = decryptOpenData<{ openGId?: string }>(key, input.encryptedData, input.iv, this.wechat.config.appid);
        if (typeof data.openGId !== 'string' || !/^[\w-]{1,64}$/.test(data.openGId)) throw new WechatDecryptError('no opengid in share info');
        return data.openGId;
      } catch (e) {
        if (!(e instanceof WechatDecryptError)) throw e;
        problem = e.message;
        // A watermark of another app or a payload without opengid will not improve with another key.
        if (!/cannot decrypt|not JSON/.test(problem)) break;
      }
    }
    throw new AppError('VALIDATION_FAILED', `share info rejected: ${problem}`, { fields: { encryptedData: problem } });
  }
}
