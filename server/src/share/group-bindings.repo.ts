import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { dbDate, num } from '../db/rows.js';
import { GroupBinding } from './group-binding.entity.js';

/** The `group_binding` table (owned by share): WeChat group opengid → micro-grid. Methods take the caller's EntityManager last. */
@Injectable()
export class GroupBindingsRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  byOpengid(opengid: string, m?: EntityManager): Promise<GroupBinding | null> {
    return this.mm(m).findOneBy(GroupBinding, { opengid });
  }

  async rebind(id: number, values: { nodeId: number; boundBy: number; updatedAt: Date }, m?: EntityManager): Promise<void> {
    await this.mm(m).update(GroupBinding, { id }, values);
  }

  /** Throws a unique violation when the opengid is bound already. */
  async insert(row: Omit<GroupBinding, 'id'>, m?: EntityManager): Promise<void> {
    await this.mm(m).insert(GroupBinding, { ...row });
  }

  /** The node a group is bound to and when, or null. */
  async nodeOf(opengid: string, m?: EntityManager): Promise<{ nodeId: number; updatedAt: Date } | null> {
    const [row]: { node_id: number | string; updated_at: unknown }[] = await this.mm(m).query('SELECT b.node_id AS node_id, b.updated_at AS updated_at FROM group_binding b WHERE b.opengid = ?', [opengid]);
    return row ? { nodeId: num(row.node_id), updatedAt: dbDate(row.updated_at) } : null;
  }

  async countAt(nodeId: number, m?: EntityManager): Promise<number> {
    const [{ n }]: { n: number | string }[] = await this.mm(m).query('SELECT COUNT(*) AS n FROM group_binding WHERE node_id = ?', [nodeId]);
    return num(n);
  }
}
