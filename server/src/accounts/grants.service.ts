import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource } from 'typeorm';
import { maskPhone, type CreateDepartmentRequest, type DepartmentDto, type GridLevel, type Role, type UserGrantDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { AccessService } from '../access/access.service.js';
import { grantorsOf } from '../access/policy.js';
import { Category } from '../catalog/category.entity.js';
import { GridNode } from '../grids/grid-node.entity.js';
import { Department, DepartmentCategory } from './department.entity.js';
import { RoleGrantRow } from './role-grant.entity.js';
import { toIso } from './users.service.js';

/** Who holds which role where (for admins of that subtree), revoking roles, and departments. */
@Injectable()
export class GrantsService {
  private readonly log = new Logger('grants');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
  ) {}

  /** Live grants at nodes within `nodeCode`'s subtree, newest first, paged by grant id. */
  async list(actor: Actor, nodeCode: string, limit = 50, before?: number): Promise<UserGrantDto[]> {
    const node = await this.nodeByCode(nodeCode);
    await this.access.require(actor, 'role.read', { nodeId: node.id });
    const params: unknown[] = [`${node.path}%`];
    let cursor = '';
    if (before !== undefined) {
      cursor = 'AND g.id < ?';
      params.push(before);
    }
    params.push(limit);
    const rows: { id: number; user_id: number; role: Role; code: string; name: string; level: GridLevel; department_id: number | null; created_at: Date | string; user_name: string | null; phone: string | null }[] = await this.ds.query(
      `SELECT g.id AS id, g.user_id AS user_id, g.role AS role, n.code AS code, n.name AS name, n.level AS level, g.department_id AS department_id, g.created_at AS created_at, u.name AS user_name, u.phone AS phone
         FROM role_grant g JOIN grid_node n ON n.id = g.node_id JOIN app_user u ON u.id = g.user_id
        WHERE n.path LIKE ? AND g.revoked_at IS NULL ${cursor}
        ORDER BY g.id DESC LIMIT ?`,
      params,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      userId: Number(r.user_id),
      userName: r.user_name,
      phoneMasked: maskPhone(r.phone),
      role: r.role,
      nodeCode: r.code,
      nodeName: r.name,
      nodeLevel: r.level,
      departmentId: r.department_id === null ? null : Number(r.department_id),
      createdAt: toIso(r.created_at),
    }));
  }

  /** Takes a role away; effective on the holder's next request. */
  async revoke(actor: Actor, grantId: number): Promise<void> {
    const g = await this.ds.getRepository(RoleGrantRow).findOneBy({ id: grantId, revokedAt: IsNull() });
    if (!g) throw new AppError('NOT_FOUND', 'grant not found');
    await this.access.require(actor, 'role.revoke', { nodeId: g.nodeId }, { onlyRoles: grantorsOf(g.role), hide: true });
    const r = await this.ds.getRepository(RoleGrantRow).update({ id: grantId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedBy: actor.userId });
    if (!r.affected) throw new AppError('NOT_FOUND', 'grant not found');
    this.log.log(`grant ${grantId} (${g.role}) revoked by user ${actor.userId}`);
  }

  async createDepartment(actor: Actor, input: CreateDepartmentRequest): Promise<DepartmentDto> {
    const node = await this.nodeByCode(input.nodeCode);
    await this.access.require(actor, 'department.manage', { nodeId: node.id });
    if (node.level !== 'district' && node.level !== 'city') {
      throw new AppError('VALIDATION_FAILED', 'departments belong to a district or city node', { fields: { nodeCode: 'must be a district or city node' } });
    }
    const codes = [...new Set(input.categoryCodes)];
    const known = codes.length ? await this.ds.getRepository(Category).createQueryBuilder('c').where('c.code IN (:...codes)', { codes }).getMany() : [];
    const unknown = codes.filter((c) => !known.some((k) => k.code === c));
    if (unknown.length) throw new AppError('VALIDATION_FAILED', `unknown categories: ${unknown.join(', ')}`, { fields: { categoryCodes: `unknown: ${unknown.join(', ')}` } });
    const id = await this.ds.transaction(async (m) => {
      const r = await m.insert(Department, { name: input.name.trim(), nodeId: node.id, createdAt: new Date() });
      const depId = Number(r.identifiers[0]!.id);
      if (codes.length) await m.insert(DepartmentCategory, codes.map((c) => ({ departmentId: depId, categoryCode: c })));
      return depId;
    });
    return { id, name: input.name.trim(), nodeCode: node.code, categoryCodes: codes };
  }

  /** Departments at or above `nodeCode` (the ones whose staff can work there). */
  async listDepartments(actor: Actor, nodeCode: string): Promise<DepartmentDto[]> {
    const node = await this.nodeByCode(nodeCode);
    await this.access.require(actor, 'role.read', { nodeId: node.id });
    const ancestors = node.path.split('/').filter(Boolean);
    const deps = await this.ds
      .getRepository(Department)
      .createQueryBuilder('d')
      .innerJoin(GridNode, 'n', 'n.id = d.node_id')
      .select(['d.id AS id', 'd.name AS name', 'n.code AS node_code'])
      .where('n.code IN (:...codes)', { codes: ancestors })
      .orderBy('d.id')
      .getRawMany();
    const cats = deps.length ? await this.ds.getRepository(DepartmentCategory).createQueryBuilder('dc').where('dc.department_id IN (:...ids)', { ids: deps.map((d) => Number(d.id)) }).getMany() : [];
    return deps.map((d) => ({ id: Number(d.id), name: d.name, nodeCode: d.node_code, categoryCodes: cats.filter((c) => c.departmentId === Number(d.id)).map((c) => c.categoryCode) }));
  }

  private async nodeByCode(code: string): Promise<GridNode> {
    const node = await this.ds.getRepository(GridNode).findOneBy({ code });
    if (!node) throw new AppError('NOT_FOUND', `grid node ${code} not found`);
    return node;
  }
}
