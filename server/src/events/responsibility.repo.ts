import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { num } from '../db/rows.js';
import { Responsibility } from './event.entity.js';
import { GenerateSql, TX } from '../db/generate-sql.js';

/** The `responsibility` table (责任清单). Rows name their node by id; paths come from GridTree. Methods take the caller's EntityManager last. */
@Injectable()
export class ResponsibilityRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  /** The nodes that have any row (few: rows sit at districts and streets). */
  @GenerateSql({ params: [] })
  async nodeIds(m?: EntityManager): Promise<number[]> {
    const rows = (await this.mm(m).query('SELECT DISTINCT node_id FROM responsibility')) as { node_id: number | string }[];
    return rows.map((r) => num(r.node_id));
  }

  /** Rows at these nodes (any category). */
  @GenerateSql({ params: [[1, 2]] })
  atNodes(nodeIds: readonly number[], m?: EntityManager): Promise<Responsibility[]> {
    if (nodeIds.length === 0) return Promise.resolve([]);
    return this.mm(m).find(Responsibility, { where: { nodeId: In([...nodeIds]) } });
  }

  /** Rows for one category at any of these nodes. */
  @GenerateSql({ params: ['road', [1, 2]] })
  forCategoryAt(category: string, nodeIds: readonly number[], m?: EntityManager): Promise<Responsibility[]> {
    if (nodeIds.length === 0) return Promise.resolve([]);
    return this.mm(m).find(Responsibility, { where: { category, nodeId: In([...nodeIds]) } });
  }

  @GenerateSql({ params: [1] })
  byId(id: number, m?: EntityManager): Promise<Responsibility | null> {
    return this.mm(m).findOneBy(Responsibility, { id });
  }

  /** Replaces the row of (node, category); call inside a transaction. Answers the new row's id. */
  @GenerateSql({ params: [{ nodeId: 1, category: 'road', departmentId: 1, matter: '道路破损修复' }, TX] })
  async replace(row: Omit<Responsibility, 'id'>, m: EntityManager): Promise<number> {
    await m.delete(Responsibility, { nodeId: row.nodeId, category: row.category });
    await m.insert(Responsibility, { ...row });
    const r = await m.findOne(Responsibility, { select: { id: true }, where: { nodeId: row.nodeId, category: row.category } });
    return num(r!.id);
  }

  @GenerateSql({ params: [1] })
  async delete(id: number, m?: EntityManager): Promise<void> {
    await this.mm(m).delete(Responsibility, { id });
  }
}
