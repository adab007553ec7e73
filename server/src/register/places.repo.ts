import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { RegHousehold, RegOrganization, RegPlace, RegRiskItem } from './entities.js';
import { inSubtrees } from './subtrees.js';
import { GenerateSql } from '../db/generate-sql.js';

type NewRow<T> = Omit<T, 'id'>;

/**
 * reg_place, reg_household, reg_organization and reg_risk_item (owned by register): a place and
 * what is filed at it. Methods take the caller's EntityManager last. Optimistic updates answer
 * how many rows they changed (0: someone else changed the row first).
 */
@Injectable()
export class PlacesRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  // ── places ──
  @GenerateSql({ params: [1] })
  place(id: number, m?: EntityManager): Promise<RegPlace | null> {
    return this.mm(m).findOneBy(RegPlace, { id });
  }

  /** Inserts a place and answers its id; a unique violation when the address is taken in the micro-grid. */
  @GenerateSql({ params: [{ gridNodeId: 1, gridPath: '5101/510104/510104017/', address: '玉林北路1号', building: '1栋', unit: '2单元', room: '301', lng: 104.06, lat: 30.66, createdAt: new Date('2026-01-15T08:00:00.000Z'), updatedAt: new Date('2026-01-15T08:00:00.000Z') }] })
  async insertPlace(row: NewRow<RegPlace>, m?: EntityManager): Promise<number> {
    const r = await this.mm(m).insert(RegPlace, row);
    return Number(r.identifiers[0]!.id);
  }

  /** Changes a place if it was last changed at `updatedAt` (its version). */
  @GenerateSql({ params: [1, new Date('2026-01-15T08:00:00.000Z'), { room: '302', updatedAt: new Date('2026-01-31T16:00:00.000Z') }] })
  async updatePlace(id: number, updatedAt: Date, set: Partial<RegPlace>, m?: EntityManager): Promise<number> {
    return (await this.mm(m).update(RegPlace, { id, updatedAt }, set)).affected ?? 0;
  }

  /** Places under any of `paths` with id > `after`, by id, at most `limit`. */
  @GenerateSql({ name: 'first page', params: [['5101/510104/510104017/'], undefined, 51] })
  @GenerateSql({ name: 'after a cursor', params: [['5101/510104/510104017/', '5101/510104/510104018/'], 10, 51] })
  placesIn(paths: readonly string[], after: number | undefined, limit: number, m?: EntityManager): Promise<RegPlace[]> {
    return pageIn(this.mm(m), RegPlace, 'p', paths, after, limit);
  }

  // ── households ──
  @GenerateSql({ params: [1] })
  household(id: number, m?: EntityManager): Promise<RegHousehold | null> {
    return this.mm(m).findOneBy(RegHousehold, { id });
  }

  @GenerateSql({ params: [{ placeId: 1, gridNodeId: 1, gridPath: '5101/510104/510104017/', code: 'H001', note: '', version: 1, createdAt: new Date('2026-01-15T08:00:00.000Z'), updatedAt: new Date('2026-01-15T08:00:00.000Z') }] })
  async insertHousehold(row: NewRow<RegHousehold>, m?: EntityManager): Promise<number> {
    const r = await this.mm(m).insert(RegHousehold, row);
    return Number(r.identifiers[0]!.id);
  }

  /** Changes a household if its version is still `version`. */
  @GenerateSql({ params: [1, 1, { note: '独居', version: 2, updatedAt: new Date('2026-01-15T08:00:00.000Z') }] })
  async updateHousehold(id: number, version: number, set: Partial<RegHousehold>, m?: EntityManager): Promise<number> {
    return (await this.mm(m).update(RegHousehold, { id, version }, set)).affected ?? 0;
  }

  // ── organizations ──
  @GenerateSql({ params: [1] })
  organization(id: number, m?: EntityManager): Promise<RegOrganization | null> {
    return this.mm(m).findOneBy(RegOrganization, { id });
  }

  @GenerateSql({ params: [{ placeId: 1, gridPath: '5101/510104/510104017/', name: '玉林小吃店', kind: 'shop', creditCode: null, contactName: null, contactPhone: null, createdAt: new Date('2026-01-15T08:00:00.000Z'), updatedAt: new Date('2026-01-15T08:00:00.000Z') }] })
  async insertOrganization(row: NewRow<RegOrganization>, m?: EntityManager): Promise<number> {
    const r = await this.mm(m).insert(RegOrganization, row);
    return Number(r.identifiers[0]!.id);
  }

  /** Changes an organization if it was last changed at `updatedAt` (its version). */
  @GenerateSql({ params: [1, new Date('2026-01-15T08:00:00.000Z'), { name: '玉林面馆', updatedAt: new Date('2026-01-31T16:00:00.000Z') }] })
  async updateOrganization(id: number, updatedAt: Date, set: Partial<RegOrganization>, m?: EntityManager): Promise<number> {
    return (await this.mm(m).update(RegOrganization, { id, updatedAt }, set)).affected ?? 0;
  }

  @GenerateSql({ params: [1] })
  async deleteOrganization(id: number, m?: EntityManager): Promise<void> {
    await this.mm(m).delete(RegOrganization, { id });
  }

  @GenerateSql({ params: [1] })
  organizationsAt(placeId: number, m?: EntityManager): Promise<RegOrganization[]> {
    return this.mm(m).find(RegOrganization, { where: { placeId }, order: { id: 'ASC' } });
  }

  @GenerateSql({ params: [['5101/510104/510104017/'], 10, 51] })
  organizationsIn(paths: readonly string[], after: number | undefined, limit: number, m?: EntityManager): Promise<RegOrganization[]> {
    return pageIn(this.mm(m), RegOrganization, 'o', paths, after, limit);
  }

  // ── risk items ──
  @GenerateSql({ params: [1] })
  risk(id: number, m?: EntityManager): Promise<RegRiskItem | null> {
    return this.mm(m).findOneBy(RegRiskItem, { id });
  }

  @GenerateSql({ params: [{ placeId: 1, householdId: null, gridPath: '5101/510104/510104017/', kind: 'fire', state: 'open', note: '', version: 1, createdAt: new Date('2026-01-15T08:00:00.000Z'), updatedAt: new Date('2026-01-15T08:00:00.000Z'), resolvedAt: null }] })
  async insertRisk(row: NewRow<RegRiskItem>, m?: EntityManager): Promise<number> {
    const r = await this.mm(m).insert(RegRiskItem, row);
    return Number(r.identifiers[0]!.id);
  }

  /** Changes a risk item if its version is still `version`. */
  @GenerateSql({ params: [1, 1, { state: 'resolved', resolvedAt: new Date('2026-01-15T08:00:00.000Z'), version: 2, updatedAt: new Date('2026-01-15T08:00:00.000Z') }] })
  async updateRisk(id: number, version: number, set: Partial<RegRiskItem>, m?: EntityManager): Promise<number> {
    return (await this.mm(m).update(RegRiskItem, { id, version }, set)).affected ?? 0;
  }

  /** A place's risk items, newest first, at most `limit`. */
  @GenerateSql({ params: [1, 20] })
  risksAt(placeId: number, limit: number, m?: EntityManager): Promise<RegRiskItem[]> {
    return this.mm(m).find(RegRiskItem, { where: { placeId }, order: { id: 'DESC' }, take: limit });
  }

  @GenerateSql({ name: 'first page', params: [['5101/510104/510104017/'], undefined, undefined, 51] })
  @GenerateSql({ name: 'of a state, after a cursor', params: [['5101/510104/510104017/'], 'open', 10, 51] })
  risksIn(paths: readonly string[], state: string | undefined, after: number | undefined, limit: number, m?: EntityManager): Promise<RegRiskItem[]> {
    return pageIn(this.mm(m), RegRiskItem, 'r', paths, after, limit, state ? { sql: 'r.state = :s', params: { s: state } } : undefined);
  }

}

/** One page by id of a table with a grid_path column, restricted to the subtrees under `paths`. */
function pageIn<T extends RegPlace | RegOrganization | RegRiskItem>(
  mm: EntityManager,
  entity: new () => T,
  alias: string,
  paths: readonly string[],
  after: number | undefined,
  limit: number,
  extra?: { sql: string; params: Record<string, unknown> },
): Promise<T[]> {
  const s = inSubtrees(`${alias}.grid_path`, paths);
  const qb = mm.getRepository(entity).createQueryBuilder(alias).where(s.sql, s.params);
  if (extra) qb.andWhere(extra.sql, extra.params);
  if (after) qb.andWhere(`${alias}.id > :c`, { c: after });
  return qb.orderBy(`${alias}.id`, 'ASC').limit(limit).getMany();
}
