import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { num } from '../db/rows.js';
import { WebhookSource } from './event.entity.js';
import { GenerateSql } from '../db/generate-sql.js';

/** The `webhook_source` table (machines that may post events). Methods take the caller's EntityManager last. */
@Injectable()
export class WebhookSourcesRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  @GenerateSql({ params: ['camera-1'] })
  byName(name: string, m?: EntityManager): Promise<WebhookSource | null> {
    return this.mm(m).findOneBy(WebhookSource, { name });
  }

  /** Inserts a source and answers its id; throws a unique violation when the name is taken. */
  @GenerateSql({ params: [{ name: 'camera-1', secret: '0123456789abcdef0123456789abcdef', minConfidence: 0.8, active: true, createdAt: new Date('2026-01-15T08:00:00.000Z') }] })
  async insert(row: Omit<WebhookSource, 'id'>, m?: EntityManager): Promise<number> {
    const r = await this.mm(m).insert(WebhookSource, { ...row });
    return num(r.identifiers[0]!.id);
  }

  @GenerateSql({ params: [] })
  list(m?: EntityManager): Promise<WebhookSource[]> {
    return this.mm(m).find(WebhookSource, { order: { id: 'ASC' } });
  }
}
