import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ResponsibilityDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { AccessService } from '../access/access.service.js';
import { AccountReads } from '../accounts/account-reads.repo.js';
import { CategoriesRepo } from '../catalog/categories.repo.js';
import { GridTree } from '../grids/grid-tree.repo.js';
import { ancestorPaths, subtreeRange } from '../grids/tree.js';
import type { ResponsibilityInputDto } from './dto.js';
import { ResponsibilityRepo } from './responsibility.repo.js';

const LIST_LIMIT = 1000;

/**
 * The responsibility list (责任清单): category → department under a node, edited by district and
 * city admins (`department.manage`). 吹哨 without a chosen department uses the deepest row above
 * the event.
 */
@Injectable()
export class ResponsibilityService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: ResponsibilityRepo,
    private readonly grid: GridTree,
    private readonly categories: CategoriesRepo,
    private readonly accounts: AccountReads,
  ) {}

  async list(actor: Actor, nodeCode?: string): Promise<ResponsibilityDto[]> {
    const scope = this.access.scope(actor, 'event.read');
    if (!scope.length) throw new AppError('FORBIDDEN', 'not allowed: responsibility list');
    let applies: (path: string) => boolean = () => true;
    if (nodeCode) {
      const n = await this.grid.refByCode(nodeCode);
      if (!n) throw new AppError('VALIDATION_FAILED', 'unknown node', { fields: { node: 'no such grid node' } });
      await this.access.require(actor, 'event.read', { nodeId: n.id });
      // What applies at the node (rows at it and above) and what its subtree sets for itself.
      const [from, to] = subtreeRange(n.path);
      const above = new Set(ancestorPaths(n.path));
      applies = (p) => (p >= from && p < to) || above.has(p);
    }
    // Rows sit at few nodes (districts, streets): their paths from the tree, filtered here.
    const nodes = (await this.grid.refsByIds(await this.repo.nodeIds())).filter((n) => applies(n.path));
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const rows = (await this.repo.atNodes([...byId.keys()])).map((r) => ({ r, n: byId.get(r.nodeId)! }));
    rows.sort((x, y) => cmp(x.n.path, y.n.path) || cmp(x.r.category, y.r.category));
    return rows.slice(0, LIST_LIMIT).map(({ r, n }) => ({ id: r.id, nodeCode: n.code, category: r.category, departmentId: r.departmentId, matter: r.matter }));
  }

  /** Sets who handles a category under a node (replacing the previous row there). */
  async put(actor: Actor, input: ResponsibilityInputDto): Promise<ResponsibilityDto> {
    const n = await this.grid.refByCode(input.nodeCode);
    if (!n) throw new AppError('VALIDATION_FAILED', 'unknown node', { fields: { nodeCode: 'no such grid node' } });
    await this.access.require(actor, 'department.manage', { nodeId: n.id });
    if (!(await this.categories.byCode(input.category))) throw new AppError('VALIDATION_FAILED', 'unknown category', { fields: { category: 'no such category' } });
    // The department must serve this node: it sits at the node or above it.
    const deptNode = await this.accounts.departmentNode(input.departmentId);
    const deptPath = deptNode === null ? null : await this.grid.pathOf(deptNode);
    if (deptPath === null || !ancestorPaths(n.path).includes(deptPath)) throw new AppError('VALIDATION_FAILED', 'no such department serves this node', { fields: { departmentId: 'not a department at or above this node' } });
    const nodeId = n.id;
    const id = await this.ds.transaction((m) => this.repo.replace({ nodeId, category: input.category, departmentId: input.departmentId, matter: input.matter ?? '' }, m));
    return { id, nodeCode: input.nodeCode, category: input.category, departmentId: input.departmentId, matter: input.matter ?? '' };
  }

  async remove(actor: Actor, id: number): Promise<void> {
    const r = await this.repo.byId(id);
    if (!r) throw new AppError('NOT_FOUND', 'responsibility row not found');
    await this.access.require(actor, 'department.manage', { nodeId: r.nodeId }, { hide: true });
    await this.repo.delete(id);
  }
}

/** Code-unit order, as SQLite sorted the list (paths hold digits and '/'; category codes [a-z0-9_]). */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
