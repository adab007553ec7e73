import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Category } from './category.entity.js';
import { GenerateSql } from '../db/generate-sql.js';

/** The `category` table (owned by catalog). Methods take the caller's EntityManager last. */
@Injectable()
export class CategoriesRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  /** Categories in display order (sort, then code); only active ones unless `all`. */
  @GenerateSql({ name: 'active', params: [false] })
  @GenerateSql({ name: 'all', params: [true] })
  list(all: boolean, m?: EntityManager): Promise<Category[]> {
    return this.mm(m).find(Category, { where: all ? {} : { active: true }, order: { sort: 'ASC', code: 'ASC' } });
  }

  @GenerateSql({ params: ['road'] })
  byCode(code: string, m?: EntityManager): Promise<Category | null> {
    return this.mm(m).findOneBy(Category, { code });
  }

  /** Which of `codes` exist (active or not). */
  @GenerateSql({ params: [['road', 'litter']] })
  async existing(codes: readonly string[], m?: EntityManager): Promise<string[]> {
    if (codes.length === 0) return [];
    return (await this.mm(m).find(Category, { select: { code: true }, where: { code: In([...codes]) } })).map((c) => c.code);
  }

  /** Display names of the categories among `codes` that exist (active or not), by code. */
  @GenerateSql({ params: [['road', 'litter']] })
  async names(codes: readonly string[], m?: EntityManager): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const found = await this.mm(m).find(Category, { select: { code: true, name: true }, where: { code: In([...new Set(codes)]) } });
    return new Map(found.map((c) => [c.code, c.name]));
  }

  /** True when `code` names an active category. */
  @GenerateSql({ params: ['road'] })
  isActive(code: string, m?: EntityManager): Promise<boolean> {
    return this.mm(m).exists(Category, { where: { code, active: true } });
  }

  @GenerateSql({ params: [{ code: 'road', name: '道路', sort: 1, active: true }] })
  async insert(row: Partial<Category>, m?: EntityManager): Promise<void> {
    // TypeORM rewrites the object it is given (booleans become 1/0 on MySQL): pass it a copy.
    await this.mm(m).insert(Category, { ...row });
  }

  @GenerateSql({ params: ['road', { name: '道路破损' }] })
  async update(code: string, row: Partial<Category>, m?: EntityManager): Promise<void> {
    await this.mm(m).update(Category, { code }, { ...row });
  }
}
