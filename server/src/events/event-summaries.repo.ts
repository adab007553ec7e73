import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import type { HouseholdFileDto } from '@weigrid/shared';
import { HouseholdEvents } from '../register/household-file-ports.js';
import { EventRow } from './event.entity.js';
import { GenerateSql } from '../db/generate-sql.js';

/** event reads for the register's household file (bound as HouseholdEvents). */
@Injectable()
export class EventSummaries implements HouseholdEvents {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  @GenerateSql({ params: [[1, 2]] })
  async summaries(ids: readonly number[]): Promise<HouseholdFileDto['events']> {
    if (ids.length === 0) return [];
    const rows = await this.ds.manager.find(EventRow, { select: { id: true, description: true, state: true, createdAt: true }, where: { id: In([...new Set(ids)]) }, order: { id: 'ASC' } });
    return rows.map((r) => ({ id: r.id, title: r.description.slice(0, 100), state: r.state, at: r.createdAt.toISOString() }));
  }
}
