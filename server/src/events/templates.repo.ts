import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { EventTemplate } from './event.entity.js';

/** The `event_template` table (常用语). Methods take the caller's EntityManager last. */
@Injectable()
export class TemplatesRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  /** Rows for any of these categories and states ('*' included by the caller), oldest first. */
  matching(categories: readonly string[], states: readonly string[], m?: EntityManager): Promise<EventTemplate[]> {
    return this.mm(m).find(EventTemplate, { where: { category: In([...categories]), state: In([...states]) }, order: { id: 'ASC' }, take: 200 });
  }

  all(m?: EntityManager): Promise<EventTemplate[]> {
    return this.mm(m).find(EventTemplate, { order: { id: 'ASC' }, take: 1000 });
  }

  async insert(row: Omit<EventTemplate, 'id'>, m?: EntityManager): Promise<EventTemplate> {
    const r = await this.mm(m).insert(EventTemplate, { ...row });
    const id = Number((r.identifiers[0] as { id: number }).id);
    return { id, ...row };
  }

  async delete(id: number, m?: EntityManager): Promise<boolean> {
    const r = await this.mm(m).delete(EventTemplate, { id });
    return (r.affected ?? 0) > 0;
  }
}
