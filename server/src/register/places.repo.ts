import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { RegHousehold, RegOrganization, RegPlace, RegRiskItem } from './entities.js';
import { inSubtrees } from './subtrees.js';

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
  place(id: number, m?: EntityManager): Promise<RegPlace | null> {
    return this.mm(m).findOneBy(RegPlace, { id });
  }

  /** Inserts a place and answers its id; a unique violation when the address is taken in the micro-grid. */
  async insertPlace(row: NewRow<RegPlace>, m?: EntityManager): Promise<number> {
    const r = await this.mm(m).insert(RegPlace, row);
    return Number(r.identifiers[0]!.id);
  }

  /** Changes a place if it was last changed at `updatedAt` (its version). */
  async updatePlace(id: number, updatedAt: Date, set: Partial<RegPlace>, m?: EntityManager): Promise<number> {
    return (await this.mm(m).update(RegPlace, { id, updatedAt }, set)).affected ?? 0;
  }

  /** Places under any of `paths` with id > `after`, by id, at most `limit`. */
  placesIn(paths: readonly string[], after: number | undefined, limit: number, m?: EntityManager): Promise<RegPlace[]> {
    return this.pageIn(RegPlace, 'p', paths, after, limit, m);
  }

  // ── households ──
  household(id: number, m?: EntityManager): Promise<RegHousehold | null> {
    return this.mm(m).findOneBy(RegHousehold, { id });
  }

  async insertHousehold(row: NewRow<RegHousehold>, m?: EntityManager): Promise<number> {
    const r = await this.mm(m).insert(RegHousehold, row);
    return Number(r.identifiers[0]!.id);
  }

  /** Changes a household if its version is still `version`. */
  async updateHousehold(id: number, version: number, set: Partial<RegHousehold>, m?: EntityManager): Promise<number> {
    return (await this.mm(m).update(RegHousehold, { id, version }, set)).affected ?? 0;
  }

  // ── organizations ──
  organization(id: number, m?: EntityManager): Promise<RegOrganization | null> {
    return this.mm(m).findOneBy(RegOrganization, { id });
  }

  async insertOrganization(row: NewRow<RegOrganization>, m?: EntityManager): Promise<number> {
    const r = await this.mm(m).insert(RegOrganization, row);
    return Number(r.identifiers[0]!.id);
  }

  /** Changes an organization if it was last changed at `updatedAt` (its version). */
  async updateOrganization(id: number, updatedAt: Date, set: Partial<RegOrganization>, m?: EntityManager): Promise<number> {
    return (await this.mm(m).update(RegOrganization, { id, updatedAt }, set)).affected ?? 0;
  }

  async deleteOrganization(id: number, m?: EntityManager): Promise<void> {
    await this.mm(m).delete(RegOrganization, { id });
  }

  organizationsAt(placeId: number, m?: EntityManager): Promise<RegOrganization[]> {
    return this.mm(m).find(RegOrganization, { where: { placeId }, order: { id: 'ASC' } });
  }

  organizationsIn(paths: readonly string[], after: number | undefined, limit: number, m?: EntityManager): Promise<RegOrganization[]> {
    return this.pageIn(RegOrganization, 'o', paths, after, limit, m);
  }

  // ── risk items ──
  risk(id: number, m?: EntityManager): Promise<RegRiskItem | null> {
    return this.mm(m).findOneBy(RegRiskItem, { id });
  }

  async insertRisk(row: NewRow<RegRiskItem>, m?: EntityManager): Promise<number> {
    const r = await this.mm(m).insert(RegRiskItem, row);
    return Number(r.identifiers[0]!.id);
  }

  /** Changes a risk item if its version is still `version`. */
  async updateRisk(id: number, version: number, set: Partial<RegRiskItem>, m?: EntityManager): Promise<number> {
    return (await this.mm(m).update(RegRiskItem, { id, version }, set)).affected ?? 0;
  }

  /** A place's risk items, newest first, at most `limit`. */
  risksAt(placeId: number, limit: number, m?: EntityManager): Promise<RegRiskItem[]> {
    return this.mm(m).find(RegRiskItem, { where: { placeId }, order: { id: 'DESC' }, take: limit });
  }

  risksIn(paths: readonly string[], state: string | undefined, after: number | undefined, limit: number, m?: EntityManager): Promise<RegRiskItem[]> {
    return this.pageIn(RegRiskItem, 'r', paths, after, limit, m, state ? { sql: 'r.state = :s', params: { s: state } } : undefined);
  }

  /** One page by id of a table with a grid_path column, restricted to the subtrees under `paths`. */
  private pageIn<T extends RegPlace | RegOrganization | RegRiskItem>(
    entity: new () => T,
    alias: string,
    paths: readonly string[],
    after: number | undefined,
    limit: number,
    m?: EntityManager,
    extra?: { sql: string; params: Record<string, unknown> },
  ): Promise<T[]> {
    const s = inSubtrees(`${alias}.grid_path`, paths);
    const qb = this.mm(m).getRepository(entity).createQueryBuilder(alias).where(s.sql, s.params);
    if (extra) qb.andWhere(extra.sql, extra.params);
    if (after) qb.andWhere(`${alias}.id > :c`, { c: after });
    return qb.orderBy(`${alias}.id`, 'ASC').limit(limit).getMany();
  }
}
