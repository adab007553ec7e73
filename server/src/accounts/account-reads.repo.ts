import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Department, DepartmentCategory } from './department.entity.js';
import { User } from './user.entity.js';
import { GenerateSql } from '../db/generate-sql.js';

/**
 * Narrow reads of accounts' tables for other modules (events: who acted on an event, which
 * department serves where and handles what). Methods take the caller's EntityManager last.
 */
@Injectable()
export class AccountReads {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  /** Display names by user id; unknown ids are left out. */
  @GenerateSql({ params: [[7, 8]] })
  async namesByIds(ids: readonly number[], m?: EntityManager): Promise<Map<number, string | null>> {
    if (ids.length === 0) return new Map();
    const rows = await this.mm(m).find(User, { select: { id: true, name: true }, where: { id: In([...new Set(ids)]) } });
    return new Map(rows.map((r) => [Number(r.id), r.name]));
  }

  /** Department names by id (open311: the agency responsible for a case); unknown ids are left out. */
  async departmentNames(ids: readonly number[], m?: EntityManager): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.mm(m).find(Department, { select: { id: true, name: true }, where: { id: In([...new Set(ids)]) } });
    return new Map(rows.map((r) => [Number(r.id), r.name]));
  }

  /** The node a department serves, or null when there is no such department. */
  @GenerateSql({ params: [1] })
  async departmentNode(id: number, m?: EntityManager): Promise<number | null> {
    const d = await this.mm(m).findOne(Department, { select: { id: true, nodeId: true }, where: { id } });
    return d ? Number(d.nodeId) : null;
  }

  /** True when any of these departments handles the category. */
  @GenerateSql({ params: [[1, 2], 'road'] })
  async anyHandles(departmentIds: readonly number[], categoryCode: string, m?: EntityManager): Promise<boolean> {
    if (departmentIds.length === 0) return false;
    return this.mm(m).exists(DepartmentCategory, { where: { categoryCode, departmentId: In([...new Set(departmentIds)]) } });
  }

  /** The categories each department handles (departments handling none are left out). */
  @GenerateSql({ params: [[1, 2]] })
  async categoriesOf(departmentIds: readonly number[], m?: EntityManager): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    if (departmentIds.length === 0) return out;
    const rows = await this.mm(m).find(DepartmentCategory, { where: { departmentId: In([...new Set(departmentIds)]) } });
    for (const r of rows) {
      const id = Number(r.departmentId);
      out.set(id, [...(out.get(id) ?? []), r.categoryCode]);
    }
    return out;
  }
}
