import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { dbDate, num } from '../db/rows.js';
import { GroupBinding } from './group-binding.entity.js';
import { GenerateSql } from '../db/generate-sql.js';

/** The `group_binding` table (owned by share): WeChat group opengid → micro-grid. Methods take the caller's EntityManager last. */
@Injectable()
export class GroupBindingsRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  @GenerateSql({ params: ['tGabc123'] })
  byOpengid(opengid: string, m?: EntityManager): Promise<GroupBinding | null> {
    return this.mm(m).findOneBy(GroupBinding, { opengid });
  }

  @GenerateSql({ params: [1, { nodeId: 2, boundBy: 7, updatedAt: new Date('2026-01-15T08:00:00.000Z') }] })
  async rebind(id: number, values: { nodeId: number; boundBy: number; updatedAt: Date }, m?: EntityManager): Promise<void> {
    await this.mm(m).update(GroupBinding, { id }, values);
  }

  /** Throws a unique violation when the opengid is bound already. */
  @GenerateSql({ params: [{ opengid: 'tGabc123', nodeId: 1, boundBy: 7, createdAt: new Date('2026-01-15T08:00:00.000Z'), updatedAt: new Date('2026-01-15T08:00:00.000Z') }] })
  async insert(row: Omit<GroupBinding, 'id'>, m?: EntityManager): Promise<void> {
    await this.mm(m).insert(GroupBinding, { ...row });
  }

  /** The node a group is bound to and when, or null. */
  @GenerateSql({ params: ['tGabc123'] })
  async nodeOf(opengid: string, m?: EntityManager): Promise<{ nodeId: number; updatedAt: Date } | null> {
    const [row]: { node_id: number | string; updated_at: unknown }[] = await this.mm(m).query('SELECT b.node_id AS node_id, b.updated_at AS updated_at FROM group_binding b WHERE b.opengid = ?', [opengid]);
    return row ? { nodeId: num(row.node_id), updatedAt: dbDate(row.updated_at) } : null;
  }

  @GenerateSql({ params: [1] })
  async countAt(nodeId: number, m?: EntityManager): Promise<number> {
    const [{ n }]: { n: number | string }[] = await this.mm(m).query('SELECT COUNT(*) AS n FROM group_binding WHERE node_id = ?', [nodeId]);
    return num(n);
  }
}
