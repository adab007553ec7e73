import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { EventSetting, SlaPolicyRow } from './event.entity.js';
import { GenerateSql, TX } from '../db/generate-sql.js';

/** The `sla_policy` and `event_setting` tables. Methods take the caller's EntityManager last. */
@Injectable()
export class SlaRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  @GenerateSql({ params: [] })
  policies(m?: EntityManager): Promise<SlaPolicyRow[]> {
    return this.mm(m).find(SlaPolicyRow);
  }

  /** Replaces the policy of (category, stage); call inside a transaction. */
  @GenerateSql({ params: [{ category: 'road', stage: 'handle', hours: 48, mode: 'working' }, TX] })
  async replacePolicy(row: Omit<SlaPolicyRow, 'id'>, m: EntityManager): Promise<void> {
    await m.delete(SlaPolicyRow, { category: row.category, stage: row.stage });
    await m.insert(SlaPolicyRow, { ...row });
  }

  @GenerateSql({ params: ['working_days'] })
  async setting(key: string, m?: EntityManager): Promise<string | null> {
    return (await this.mm(m).findOneBy(EventSetting, { key }))?.value ?? null;
  }

  /** Replaces a setting; call inside a transaction. */
  @GenerateSql({ params: ['working_days', '[]', TX] })
  async replaceSetting(key: string, value: string, m: EntityManager): Promise<void> {
    await m.delete(EventSetting, { key });
    await m.insert(EventSetting, { key, value });
  }
}
