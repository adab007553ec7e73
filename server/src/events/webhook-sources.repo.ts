import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { num } from '../db/rows.js';
import { WebhookSource } from './event.entity.js';

/** The `webhook_source` table (machines that may post events). Methods take the caller's EntityManager last. */
@Injectable()
export class WebhookSourcesRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  byName(name: string, m?: EntityManager): Promise<WebhookSource | null> {
    return this.mm(m).findOneBy(WebhookSource, { name });
  }

  /** Inserts a source and answers its id; throws a unique violation when the name is taken. */
  async insert(row: Omit<WebhookSource, 'id'>, m?: EntityManager): Promise<number> {
    const r = await this.mm(m).insert(WebhookSource, { ...row });
    return num(r.identifiers[0]!.id);
  }

  list(m?: EntityManager): Promise<WebhookSource[]> {
    return this.mm(m).find(WebhookSource, { order: { id: 'ASC' } });
  }
}
