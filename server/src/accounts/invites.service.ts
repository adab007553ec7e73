import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { GRID_LEVEL_LABEL, grantorsOf, ROLE_LABEL, ROLE_LEVELS, type CreateInviteRequest, type InviteDto, type MeDto, type Role } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppConfig } from '../config/config.js';
import { AccessService } from '../access/access.service.js';
import type { GridNode } from '../grids/grid-node.entity.js';
import { GridTree } from '../grids/grid-tree.repo.js';
import { WechatClient } from '../wechat/wechat.client.js';
import { GrantsRepo } from './grants.repo.js';
import type { Invite } from './invite.entity.js';
import { UsersService } from './users.service.js';
import { dbIso } from '../db/rows.js';

/** Crockford base32 without I, L, O, U: read aloud or typed from a screen without confusion. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const INVITE_CODE_RE = /^[0-9A-HJKMNP-TV-Z]{10}$/;
/** The mini-program page an invite QR opens; it reads `scene=inv=<code>`. */
export const INVITE_PAGE = 'pages/invite/index';

export function newInviteCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/**
 * Onboarding: an admin (or grid worker, for micro-grid roles) invites someone to a role at a node
 * inside their scope; the invitee logs in and accepts the code (typed, or from the QR). Invites
 * are one-time and expire. The same checks apply to revoking roles.
 */
@Injectable()
export class InvitesService {
  private readonly log = new Logger('invites');

  constructor(
    // For opening the accept transaction; its queries go through the repositories with `m`.
    @InjectDataSource() private readonly ds: DataSource,
    private readonly grants: GrantsRepo,
    private readonly tree: GridTree,
    private readonly access: AccessService,
    private readonly wechat: WechatClient,
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, input: CreateInviteRequest): Promise<InviteDto> {
    const node = await this.nodeByCode(input.nodeCode);
    await this.access.require(actor, 'user.invite', { nodeId: node.id }, { onlyRoles: grantorsOf(input.role) });
    const departmentId = await this.checkGrantShape(input.role, node, input.departmentId);
    return this.insert({ role: input.role, node, departmentId, createdBy: actor.userId, hours: input.expiresInHours ?? 72 });
  }

  /** Used by the create-admin CLI (no actor: the operator has shell access). */
  async createBootstrap(role: Role, nodeCode: string, hours: number): Promise<InviteDto> {
    const node = await this.nodeByCode(nodeCode);
    await this.checkGrantShape(role, node, undefined);
    return this.insert({ role, node, departmentId: null, createdBy: null, hours });
  }

  async list(actor: Actor, nodeCode: string, limit = 50): Promise<InviteDto[]> {
    const node = await this.nodeByCode(nodeCode);
    await this.access.require(actor, 'role.read', { nodeId: node.id });
    const rows = await this.grants.invitesInSubtree(node.path, limit);
    return rows.map((r) => ({
      code: r.code,
      role: r.role,
      nodeCode: r.node_code,
      nodeName: r.node_name,
      departmentId: r.department_id === null ? null : Number(r.department_id),
      createdAt: dbIso(r.created_at),
      expiresAt: dbIso(r.expires_at),
      usedAt: r.used_at ? dbIso(r.used_at) : null,
      revokedAt: r.revoked_at ? dbIso(r.revoked_at) : null,
      qrPath: `/api/v1/invites/${r.code}/qr`,
    }));
  }

  /** The mini-program code (PNG) that opens the accept page with this invite. */
  async qr(actor: Actor, code: string): Promise<Buffer> {
    const inv = await this.findForManager(actor, code, 'user.invite');
    return this.wechat.getWxacodeUnlimit({ scene: `inv=${inv.code}`, page: INVITE_PAGE, envVersion: this.config.WECHAT_ENV_VERSION });
  }

  async revoke(actor: Actor, code: string): Promise<void> {
    const inv = await this.findForManager(actor, code, 'role.revoke');
    if (!(await this.grants.revokeInvite(inv.id))) throw new AppError('GONE', 'invite already used or revoked');
  }

  /** The logged-in caller takes the role the invite offers. One use only. */
  async accept(actor: Actor, code: string): Promise<MeDto> {
    if (!INVITE_CODE_RE.test(code)) throw new AppError('NOT_FOUND', 'invite not found');
    await this.ds.transaction(async (m) => {
      const inv = await this.grants.inviteByCode(code, m);
      if (!inv) throw new AppError('NOT_FOUND', 'invite not found');
      if (inv.revokedAt) throw new AppError('GONE', 'invite was revoked');
      if (inv.usedAt) throw new AppError('GONE', 'invite was already used');
      if (inv.expiresAt.getTime() <= Date.now()) throw new AppError('GONE', 'invite expired');
      const now = new Date();
      // Conditional: two people racing for one code → exactly one wins.
      if (!(await this.grants.takeInvite(inv.id, actor.userId, now, m))) throw new AppError('GONE', 'invite was already used');
      await this.grants.grantOnce({ userId: actor.userId, role: inv.role, nodeId: inv.nodeId, departmentId: inv.departmentId, grantedBy: inv.createdBy, at: now }, m);
    });
    this.log.log(`user ${actor.userId} accepted an invite`);
    return this.users.me(actor.userId);
  }

  private async findForManager(actor: Actor, code: string, action: 'user.invite' | 'role.revoke'): Promise<Invite> {
    const inv = INVITE_CODE_RE.test(code) ? await this.grants.inviteByCode(code) : null;
    if (!inv) throw new AppError('NOT_FOUND', 'invite not found');
    await this.access.require(actor, action, { nodeId: inv.nodeId }, { onlyRoles: grantorsOf(inv.role), hide: true });
    return inv;
  }

  private async nodeByCode(code: string): Promise<GridNode> {
    const node = await this.tree.byCode(code);
    if (!node) throw new AppError('NOT_FOUND', `grid node ${code} not found`);
    return node;
  }

  /** The role must sit at a fitting level; dept_staff need a department covering the node. */
  private async checkGrantShape(role: Role, node: GridNode, departmentId: number | undefined): Promise<number | null> {
    if (!ROLE_LEVELS[role].includes(node.level)) {
      const want = ROLE_LEVELS[role].map((l) => GRID_LEVEL_LABEL[l]).join('/');
      throw new AppError('VALIDATION_FAILED', `${ROLE_LABEL[role]} is held at a ${want} node, not ${GRID_LEVEL_LABEL[node.level]}`, { fields: { nodeCode: `must be a ${ROLE_LEVELS[role].join('/')} node` } });
    }
    if (role !== 'dept_staff') {
      if (departmentId !== undefined) throw new AppError('VALIDATION_FAILED', 'departmentId is only for dept_staff', { fields: { departmentId: 'only for dept_staff' } });
      return null;
    }
    if (departmentId === undefined) throw new AppError('VALIDATION_FAILED', 'dept_staff needs a departmentId', { fields: { departmentId: 'required for dept_staff' } });
    const dep = await this.grants.departmentById(departmentId);
    const depNode = dep ? await this.tree.byId(dep.nodeId) : null;
    if (!dep || !depNode || !node.path.startsWith(depNode.path)) {
      throw new AppError('VALIDATION_FAILED', 'department not found for this node', { fields: { departmentId: 'no such department at or above this node' } });
    }
    return dep.id;
  }

  private async insert(x: { role: Role; node: GridNode; departmentId: number | null; createdBy: number | null; hours: number }): Promise<InviteDto> {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + x.hours * 3_600_000);
    for (let attempt = 0; ; attempt++) {
      const code = newInviteCode();
      try {
        await this.grants.insertInvite({ code, role: x.role, nodeId: x.node.id, departmentId: x.departmentId, createdBy: x.createdBy, createdAt: now, expiresAt, usedBy: null, usedAt: null, revokedAt: null });
      } catch (e) {
        if (isUniqueViolation(e) && attempt < 3) continue;
        throw e;
      }
      return { code, role: x.role, nodeCode: x.node.code, nodeName: x.node.name, departmentId: x.departmentId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(), usedAt: null, revokedAt: null, qrPath: `/api/v1/invites/${code}/qr` };
    }
  }
}
