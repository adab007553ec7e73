import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Category } from './category.entity.js';
import { GenerateSql } from '../db/generate-sql.js';

/** Display names of categories by code (category, owned by catalog): for dashboards and ledgers. */
@Injectable()
export class CategoryNames {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Name per code, for the codes that exist (active or not). */
  @GenerateSql({ params: [['road', 'litter']] })
  async of(codes: readonly string[], m?: EntityManager): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await (m ?? this.ds.manager).find(Category, { select: { code: true, name: true }, where: { code: In([...new Set(codes)]) } });
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}
