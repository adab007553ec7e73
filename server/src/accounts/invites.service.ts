import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { GRID_LEVEL_LABEL, ROLE_LABEL, type CreateInviteRequest, type InviteDto, type MeDto, type Role } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { isUniqueViolation } from '../common/db-errors.js';
import { AppConfig } from '../config/config.js';
import { AccessService } from '../access/access.service.js';
import { grantorsOf, ROLE_LEVELS } from '../access/policy.js';
import { GridNode } from '../grids/grid-node.entity.js';
import { WechatClient } from '../wechat/wechat.client.js';
import { Department } from './department.entity.js';
import { Invite } from './invite.entity.js';
import { RoleGrantRow } from './role-grant.entity.js';
import { UsersService, toIso } from './users.service.js';

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
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly wechat: WechatClient,
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, input: CreateInviteRequest): Promise<InviteDto> {
    const node = await this.nodeByCode(input.nodeCode);
    await this.access.require(actor, 'user.invite', { nodeId: node.id }, { onlyRoles: grantorsOf(input.role) });
    const departmentId = await this.checkGrantShape(this.ds.manager, input.role, node, input.departmentId);
    return this.insert(this.ds.manager, { role: input.role, node, departmentId, createdBy: actor.userId, hours: input.expiresInHours ?? 72 });
  }

  /** Used by the create-admin CLI (no actor: the operator has shell access). */
  async createBootstrap(role: Role, nodeCode: string, hours: number): Promise<InviteDto> {
    const node = await this.nodeByCode(nodeCode);
    await this.checkGrantShape(this.ds.manager, role, node, undefined);
    return this.insert(this.ds.manager, { role, node, departmentId: null, createdBy: null, hours });
  }

  async list(actor: Actor, nodeCode: string, limit = 50): Promise<InviteDto[]> {
    const node = await this.nodeByCode(nodeCode);
    await this.access.require(actor, 'role.read', { nodeId: node.id });
    const rows = await this.ds
      .getRepository(Invite)
      .createQueryBuilder('i')
      .innerJoin(GridNode, 'n', 'n.id = i.node_id')
      .select(['i.code AS code', 'i.role AS role', 'n.code AS node_code', 'n.name AS node_name', 'i.department_id AS department_id', 'i.created_at AS created_at', 'i.expires_at AS expires_at', 'i.used_at AS used_at', 'i.revoked_at AS revoked_at'])
      .where('n.path LIKE :p', { p: `${node.path}%` })
      .orderBy('i.id', 'DESC')
      .limit(limit)
      .getRawMany();
    return rows.map((r) => ({
      code: r.code,
      role: r.role,
      nodeCode: r.node_code,
      nodeName: r.node_name,
      departmentId: r.department_id === null ? null : Number(r.department_id),
      createdAt: toIso(r.created_at),
      expiresAt: toIso(r.expires_at),
      usedAt: r.used_at ? toIso(r.used_at) : null,
      revokedAt: r.revoked_at ? toIso(r.revoked_at) : null,
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
    const r = await this.ds.getRepository(Invite).update({ id: inv.id, usedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
    if (!r.affected) throw new AppError('GONE', 'invite already used or revoked');
  }

  /** The logged-in caller takes the role the invite offers. One use only. */
  async accept(actor: Actor, code: string): Promise<MeDto> {
    if (!INVITE_CODE_RE.test(code)) throw new AppError('NOT_FOUND', 'invite not found');
    await this.ds.transaction(async (m) => {
      const inv = await m.findOneBy(Invite, { code });
      if (!inv) throw new AppError('NOT_FOUND', 'invite not found');
      if (inv.revokedAt) throw new AppError('GONE', 'invite was revoked');
      if (inv.usedAt) throw new AppError('GONE', 'invite was already used');
      if (inv.expiresAt.getTime() <= Date.now()) throw new AppError('GONE', 'invite expired');
      const now = new Date();
      // Conditional: two people racing for one code → exactly one wins.
      const took = await m.update(Invite, { id: inv.id, usedAt: IsNull(), revokedAt: IsNull() }, { usedAt: now, usedBy: actor.userId });
      if (!took.affected) throw new AppError('GONE', 'invite was already used');
      const same = await m.findOneBy(RoleGrantRow, { userId: actor.userId, role: inv.role, nodeId: inv.nodeId, revokedAt: IsNull() });
      if (!same) {
        await m.insert(RoleGrantRow, { userId: actor.userId, role: inv.role, nodeId: inv.nodeId, departmentId: inv.departmentId, grantedBy: inv.createdBy, createdAt: now, revokedAt: null, revokedBy: null });
      }
    });
    this.log.log(`user ${actor.userId} accepted an invite`);
    return this.users.me(actor.userId);
  }

  private async findForManager(actor: Actor, code: string, action: 'user.invite' | 'role.revoke'): Promise<Invite> {
    const inv = INVITE_CODE_RE.test(code) ? await this.ds.getRepository(Invite).findOneBy({ code }) : null;
    if (!inv) throw new AppError('NOT_FOUND', 'invite not found');
    await this.access.require(actor, action, { nodeId: inv.nodeId }, { onlyRoles: grantorsOf(inv.role), hide: true });
    return inv;
  }

  private async nodeByCode(code: string): Promise<GridNode> {
    const node = await this.ds.getRepository(GridNode).findOneBy({ code });
    if (!node) throw new AppError('NOT_FOUND', `grid node ${code} not found`);
    return node;
  }

  /** The role must sit at a fitting level; dept_staff need a department covering the node. */
  private async checkGrantShape(m: EntityManager, role: Role, node: GridNode, departmentId: number | undefined): Promise<number | null> {
    if (!ROLE_LEVELS[role].includes(node.level)) {
      const want = ROLE_LEVELS[role].map((l) => GRID_LEVEL_LABEL[l]).join('/');
      throw new AppError('VALIDATION_FAILED', `${ROLE_LABEL[role]} is held at a ${want} node, not ${GRID_LEVEL_LABEL[node.level]}`, { fields: { nodeCode: `must be a ${ROLE_LEVELS[role].join('/')} node` } });
    }
    if (role !== 'dept_staff') {
      if (departmentId !== undefined) throw new AppError('VALIDATION_FAILED', 'departmentId is only for dept_staff', { fields: { departmentId: 'only for dept_staff' } });
      return null;
    }
    if (departmentId === undefined) throw new AppError('VALIDATION_FAILED', 'dept_staff needs a departmentId', { fields: { departmentId: 'required for dept_staff' } });
    const dep = await m.findOneBy(Department, { id: departmentId });
    const depNode = dep ? await m.findOneBy(GridNode, { id: dep.nodeId }) : null;
    if (!dep || !depNode || !node.path.startsWith(depNode.path)) {
      throw new AppError('VALIDATION_FAILED', 'department not found for this node', { fields: { departmentId: 'no such department at or above this node' } });
    }
    return dep.id;
  }

  private async insert(m: EntityManager, x: { role: Role; node: GridNode; departmentId: number | null; createdBy: number | null; hours: number }): Promise<InviteDto> {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + x.hours * 3_600_000);
    for (let attempt = 0; ; attempt++) {
      const code = newInviteCode();
      try {
        await m.insert(Invite, { code, role: x.role, nodeId: x.node.id, departmentId: x.departmentId, createdBy: x.createdBy, createdAt: now, expiresAt, usedBy: null, usedAt: null, revokedAt: null });
      } catch (e) {
        if (isUniqueViolation(e) && attempt < 3) continue;
        throw e;
      }
      return { code, role: x.role, nodeCode: x.node.code, nodeName: x.node.name, departmentId: x.departmentId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(), usedAt: null, revokedAt: null, qrPath: `/api/v1/invites/${code}/qr` };
    }
  }
}
