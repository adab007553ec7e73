import { Injectable, Logger } from '@nestjs/common';
import { grantorsOf, maskPhone, type CreateDepartmentRequest, type DepartmentDto, type UserGrantDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { AccessService } from '../access/access.service.js';
import { CategoriesRepo } from '../catalog/categories.repo.js';
import type { GridNode } from '../grids/grid-node.entity.js';
import { GridTree } from '../grids/grid-tree.repo.js';
import { pathCodes } from '../grids/tree.js';
import { GrantsRepo } from './grants.repo.js';

/** Who holds which role where (for admins of that subtree), revoking roles, and departments. */
@Injectable()
export class GrantsService {
  private readonly log = new Logger('grants');

  constructor(
    private readonly grants: GrantsRepo,
    private readonly tree: GridTree,
    private readonly categories: CategoriesRepo,
    private readonly access: AccessService,
  ) {}

  /** Live grants at nodes within `nodeCode`'s subtree, newest first, paged by grant id. */
  async list(actor: Actor, nodeCode: string, limit = 50, before?: number): Promise<UserGrantDto[]> {
    const node = await this.nodeByCode(nodeCode);
    await this.access.require(actor, 'role.read', { nodeId: node.id });
    const rows = await this.grants.liveInSubtree(node.path, limit, before);
    return rows.map(({ phone, createdAt, ...r }) => ({
      id: r.id,
      userId: r.userId,
      userName: r.userName,
      phoneMasked: maskPhone(phone),
      role: r.role,
      nodeCode: r.nodeCode,
      nodeName: r.nodeName,
      nodeLevel: r.nodeLevel,
      departmentId: r.departmentId,
      createdAt: createdAt.toISOString(),
    }));
  }

  /** Takes a role away; effective on the holder's next request. */
  async revoke(actor: Actor, grantId: number): Promise<void> {
    const g = await this.grants.liveGrant(grantId);
    if (!g) throw new AppError('NOT_FOUND', 'grant not found');
    await this.access.require(actor, 'role.revoke', { nodeId: g.nodeId }, { onlyRoles: grantorsOf(g.role), hide: true });
    if (!(await this.grants.revoke(grantId, actor.userId))) throw new AppError('NOT_FOUND', 'grant not found');
    this.log.log(`grant ${grantId} (${g.role}) revoked by user ${actor.userId}`);
  }

  async createDepartment(actor: Actor, input: CreateDepartmentRequest): Promise<DepartmentDto> {
    const node = await this.nodeByCode(input.nodeCode);
    await this.access.require(actor, 'department.manage', { nodeId: node.id });
    if (node.level !== 'district' && node.level !== 'city') {
      throw new AppError('VALIDATION_FAILED', 'departments belong to a district or city node', { fields: { nodeCode: 'must be a district or city node' } });
    }
    const codes = [...new Set(input.categoryCodes)];
    const known = await this.categories.existing(codes);
    const unknown = codes.filter((c) => !known.includes(c));
    if (unknown.length) throw new AppError('VALIDATION_FAILED', `unknown categories: ${unknown.join(', ')}`, { fields: { categoryCodes: `unknown: ${unknown.join(', ')}` } });
    const id = await this.grants.createDepartment(input.name.trim(), node.id, codes);
    return { id, name: input.name.trim(), nodeCode: node.code, categoryCodes: codes };
  }

  /** Departments at or above `nodeCode` (the ones whose staff can work there). */
  async listDepartments(actor: Actor, nodeCode: string): Promise<DepartmentDto[]> {
    const node = await this.nodeByCode(nodeCode);
    await this.access.require(actor, 'role.read', { nodeId: node.id });
    const ancestors = await this.tree.refsByCodes(pathCodes(node.path));
    const codeOf = new Map(ancestors.map((n) => [n.id, n.code]));
    const deps = await this.grants.departmentsAt(ancestors.map((n) => n.id));
    return deps.map((d) => ({ id: d.id, name: d.name, nodeCode: codeOf.get(d.nodeId)!, categoryCodes: d.categoryCodes }));
  }

  private async nodeByCode(code: string): Promise<GridNode> {
    const node = await this.tree.byCode(code);
    if (!node) throw new AppError('NOT_FOUND', `grid node ${code} not found`);
    return node;
  }
}
