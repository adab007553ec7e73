import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ClaimMethod, ClaimState } from '@weigrid/shared';
import { dbDate, num, numOrNull } from '../db/rows.js';
import { RegClaim } from './entities.js';
import { subtreeSql } from '../grids/grid-tree.repo.js';
import { GenerateSql } from '../db/generate-sql.js';

/** A claim with the record (ciphertexts) and the place the deciding staff see. */
export interface ClaimDetail {
  id: number;
  state: ClaimState;
  method: ClaimMethod;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: number | null;
  reason: string;
  householdId: number;
  personId: number;
  userId: number;
  gridNodeId: number;
  address: string;
  building: string;
  unit: string;
  room: string;
  personName: string;
  relation: string;
  phoneEnc: string | null;
  idEnc: string | null;
}

export type ClaimDetailQuery = { id: number } | { state: ClaimState; paths: readonly string[]; after?: number; limit: number };

/** reg_claim (owned by register). Methods take the caller's EntityManager last. */
@Injectable()
export class ClaimsRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  @GenerateSql({ params: [1] })
  byId(id: number, m?: EntityManager): Promise<RegClaim | null> {
    return this.mm(m).findOneBy(RegClaim, { id });
  }

  /** The person's live claim (pending or confirmed), if any. */
  @GenerateSql({ params: [1] })
  liveFor(personId: number, m?: EntityManager): Promise<RegClaim | null> {
    return this.mm(m).findOneBy(RegClaim, { personId, live: 1 });
  }

  /** Inserts a claim and answers its id; a unique violation when the person has a live claim already. */
  @GenerateSql({ params: [{ personId: 1, householdId: 1, gridNodeId: 1, gridPath: '5101/510104/510104017/', userId: 7, state: 'pending', method: 'phone', live: 1, createdAt: new Date('2026-01-15T08:00:00.000Z'), decidedAt: null, decidedBy: null, reason: '' }] })
  async insert(row: Omit<RegClaim, 'id'>, m?: EntityManager): Promise<number> {
    const r = await this.mm(m).insert(RegClaim, row);
    return Number(r.identifiers[0]!.id);
  }

  /** Decides a claim only while it is still pending; answers the rows changed (0: decided already). */
  @GenerateSql({ params: [1, { state: 'confirmed', decidedAt: new Date('2026-01-15T08:00:00.000Z'), decidedBy: 2 }] })
  async decidePending(id: number, set: Partial<RegClaim>, m?: EntityManager): Promise<number> {
    const r = await this.mm(m).createQueryBuilder().update(RegClaim).set(set).where('id = :id AND state = :s', { id, s: 'pending' }).execute();
    return r.affected ?? 0;
  }

  /** The caller's claims, newest first. */
  @GenerateSql({ params: [7, 20] })
  ofUser(userId: number, limit: number, m?: EntityManager): Promise<RegClaim[]> {
    return this.mm(m).find(RegClaim, { where: { userId }, order: { id: 'DESC' }, take: limit });
  }

  /**
   * A person's record is being deleted: a pending claim on it can never be confirmed, so it is
   * rejected (its claimant is not left waiting), and a confirmed one stops being live.
   */
  @GenerateSql({ params: [1, 2, '档案已删除'] })
  async closeForDeletedPerson(personId: number, decidedBy: number, reason: string, m?: EntityManager): Promise<void> {
    await this.mm(m).update(RegClaim, { personId, state: 'pending' }, { state: 'rejected', live: null, decidedAt: new Date(), decidedBy, reason });
    await this.mm(m).update(RegClaim, { personId, live: 1 }, { live: null });
  }

  /** Claims with their record and place: one by id, or a page of a state in the subtrees under `paths`, by id. */
  @GenerateSql({ name: 'one', params: [{ id: 1 }] })
  @GenerateSql({ name: 'a page in a scope', params: [{ state: 'pending', paths: ['5101/510104/510104017/', '5101/510104/510104018/'], after: 10, limit: 51 }] })
  async details(q: ClaimDetailQuery, m?: EntityManager): Promise<ClaimDetail[]> {
    let where: string;
    let params: unknown[];
    if ('id' in q) {
      where = 'c.id = ?';
      params = [q.id];
    } else {
      const subs = q.paths.map((p) => subtreeSql('c.grid_path', p));
      where = `c.state = ? AND (${subs.map((x) => x.sql).join(' OR ')})`;
      params = [q.state, ...subs.flatMap((x) => x.params)];
      if (q.after) {
        where += ' AND c.id > ?';
        params.push(q.after);
      }
      where += ' ORDER BY c.id ASC LIMIT ?';
      params.push(q.limit);
    }
    const rows = (await this.mm(m).query(
      `SELECT c.id AS id, c.state AS state, c.method AS method, c.created_at AS created_at, c.decided_at AS decided_at, c.decided_by AS decided_by, c.reason AS reason,
              c.household_id AS household_id, c.person_id AS person_id, c.user_id AS user_id,
              c.grid_node_id AS grid_node_id, pl.address AS address, pl.building AS building, pl.unit AS unit, pl.room AS room,
              p.name AS person_name, p.relation AS relation, p.phone_enc AS phone_enc, p.id_enc AS id_enc
         FROM reg_claim c
         JOIN reg_person p ON p.id = c.person_id
         JOIN reg_household h ON h.id = c.household_id
         JOIN reg_place pl ON pl.id = h.place_id
        WHERE ${where}`,
      params,
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: num(r.id),
      state: r.state as ClaimState,
      method: r.method as ClaimMethod,
      createdAt: dbDate(r.created_at),
      decidedAt: r.decided_at === null ? null : dbDate(r.decided_at),
      decidedBy: numOrNull(r.decided_by),
      reason: String(r.reason ?? ''),
      householdId: num(r.household_id),
      personId: num(r.person_id),
      userId: num(r.user_id),
      gridNodeId: num(r.grid_node_id),
      address: String(r.address ?? ''),
      building: String(r.building ?? ''),
      unit: String(r.unit ?? ''),
      room: String(r.room ?? ''),
      personName: String(r.person_name),
      relation: String(r.relation),
      phoneEnc: r.phone_enc === null ? null : String(r.phone_enc),
      idEnc: r.id_enc === null ? null : String(r.id_enc),
    }));
  }
}
