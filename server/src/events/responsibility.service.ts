import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ResponsibilityDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { AccessService } from '../access/access.service.js';
import { ancestorPaths, subtreeRange } from '../grids/tree.js';
import type { ResponsibilityInputDto } from './dto.js';
import { Responsibility } from './event.entity.js';

interface Row {
  id: number;
  node_code: string;
  category: string;
  department_id: number;
  matter: string;
}

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
  ) {}

  async list(actor: Actor, nodeCode?: string): Promise<ResponsibilityDto[]> {
    const scope = this.access.scope(actor, 'event.read');
    if (!scope.length) throw new AppError('FORBIDDEN', 'not allowed: responsibility list');
    let where = '';
    const params: unknown[] = [];
    if (nodeCode) {
      const [n] = await this.ds.query('SELECT id, path FROM grid_node WHERE code = ?', [nodeCode]);
      if (!n) throw new AppError('VALIDATION_FAILED', 'unknown node', { fields: { node: 'no such grid node' } });
      await this.access.require(actor, 'event.read', { nodeId: Number(n.id) });
      // What applies at the node (rows at it and above) and what its subtree sets for itself.
      const [from, to] = subtreeRange(n.path);
      const above = ancestorPaths(n.path);
      where = `WHERE (n.path >= ? AND n.path < ?) OR n.path IN (${above.map(() => '?').join(',')})`;
      params.push(from, to, ...above);
    }
    const rows: Row[] = await this.ds.query(
      `SELECT r.id AS id, n.code AS node_code, r.category AS category, r.department_id AS department_id, r.matter AS matter
         FROM responsibility r JOIN grid_node n ON n.id = r.node_id ${where} ORDER BY n.path, r.category LIMIT 1000`,
      params,
    );
    return rows.map((r) => ({ id: Number(r.id), nodeCode: r.node_code, category: r.category, departmentId: Number(r.department_id), matter: r.matter }));
  }

  /** Sets who handles a category under a node (replacing the previous row there). */
  async put(actor: Actor, input: ResponsibilityInputDto): Promise<ResponsibilityDto> {
    const [n] = await this.ds.query('SELECT id, path FROM grid_node WHERE code = ?', [input.nodeCode]);
    if (!n) throw new AppError('VALIDATION_FAILED', 'unknown node', { fields: { nodeCode: 'no such grid node' } });
    await this.access.require(actor, 'department.manage', { nodeId: Number(n.id) });
    const [c] = await this.ds.query('SELECT code FROM category WHERE code = ?', [input.category]);
    if (!c) throw new AppError('VALIDATION_FAILED', 'unknown category', { fields: { category: 'no such category' } });
    // The department must serve this node: it sits at the node or above it.
    const [d] = await this.ds.query('SELECT d.id AS id FROM department d JOIN grid_node dn ON dn.id = d.node_id WHERE d.id = ? AND SUBSTR(?, 1, LENGTH(dn.path)) = dn.path', [input.departmentId, n.path]);
    if (!d) throw new AppError('VALIDATION_FAILED', 'no such department serves this node', { fields: { departmentId: 'not a department at or above this node' } });
    const nodeId = Number(n.id);
    await this.ds.transaction(async (m) => {
      await m.delete(Responsibility, { nodeId, category: input.category });
      await m.insert(Responsibility, { nodeId, category: input.category, departmentId: input.departmentId, matter: input.matter ?? '' });
    });
    const [row] = await this.ds.query('SELECT id FROM responsibility WHERE node_id = ? AND category = ?', [nodeId, input.category]);
    return { id: Number(row.id), nodeCode: input.nodeCode, category: input.category, departmentId: input.departmentId, matter: input.matter ?? '' };
  }

  async remove(actor: Actor, id: number): Promise<void> {
    const r = await this.ds.getRepository(Responsibility).findOneBy({ id });
    if (!r) throw new AppError('NOT_FOUND', 'responsibility row not found');
    await this.access.require(actor, 'department.manage', { nodeId: r.nodeId }, { hide: true });
    await this.ds.getRepository(Responsibility).delete({ id });
  }
}
