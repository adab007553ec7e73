import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { forUpdate } from '../db/dialect.js';
import { num } from '../db/rows.js';
import { subtreeWhere } from '../grids/grid-tree.repo.js';
import { RegHousehold, RegPerson, RegPersonTag, RegPlace } from './entities.js';
import { inSubtrees } from './subtrees.js';
import { GenerateSql, TX } from '../db/generate-sql.js';

/** A person as searches answer it (no hashes, no account link). */
export interface PersonHit {
  id: number;
  householdId: number;
  gridNodeId: number;
  gridPath: string;
  name: string;
  relation: string;
  phoneEnc: string | null;
  idEnc: string | null;
  birthYear: number | null;
  gender: 'male' | 'female' | null;
  tags: string;
}

/** What a search filters on; hashes are the keyed-hash lookups (current and previous key). */
export type PersonFilter = { by: 'phone'; hashes: Buffer[] } | { by: 'idNumber'; hashes: Buffer[] } | { by: 'tag'; tag: string } | { by: 'name'; prefix: string } | { by: 'all' };

/** The order (and so the cursor's shape) of a search: name → (name, grid node, id); tag/other → (grid path, id). */
export type SearchOrder = 'name' | 'path' | 'tag';

export function searchOrder(f: PersonFilter): SearchOrder {
  return f.by === 'name' ? 'name' : f.by === 'tag' ? 'tag' : 'path';
}

export interface PersonSearchQuery {
  filter: PersonFilter;
  /** Subtrees (grid paths) the caller may see; at least one. */
  scope: readonly string[];
  /** Name searches: the scope's grid node ids as [lo, hi] runs, checked inside the name index. */
  nodeRuns?: readonly [number, number][];
  /** The last row of the previous page: [name, gridNodeId, id] by name, [gridPath, id] otherwise. */
  after?: readonly (string | number)[] | null;
  limit: number;
}

/** A person with the household and place fields an export row shows. */
export interface ExportRow {
  id: number;
  name: string;
  relation: string;
  phoneEnc: string | null;
  idEnc: string | null;
  birthYear: number | null;
  tags: string;
  gridPath: string;
  householdCode: string;
  address: string;
  building: string;
  unit: string;
  room: string;
}

export type PersonCiphers = Pick<RegPerson, 'id' | 'phoneEnc' | 'idEnc'>;

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const HIT_COLUMNS = ['p.id', 'p.householdId', 'p.gridNodeId', 'p.gridPath', 'p.name', 'p.relation', 'p.phoneEnc', 'p.idEnc', 'p.birthYear', 'p.gender', 'p.tags'];

/**
 * reg_person and reg_person_tag (owned by register). Methods take the caller's EntityManager
 * last; inside a transaction pass its `m`. Other modules ask through RegisterModule's export of
 * this class (care) or household-members.repo.ts (campaigns).
 */
@Injectable()
export class PeopleRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  @GenerateSql({ params: [1] })
  byId(id: number, m?: EntityManager): Promise<RegPerson | null> {
    return this.mm(m).findOneBy(RegPerson, { id });
  }

  @GenerateSql({ params: [1] })
  async exists(id: number, m?: EntityManager): Promise<boolean> {
    return this.mm(m).exists(RegPerson, { where: { id } });
  }

  /** The person holding an ID number (any of its keyed hashes), or null. */
  @GenerateSql({ params: [[Buffer.alloc(16, 1), Buffer.alloc(16, 2)]] })
  byIdHashes(hashes: Buffer[], m?: EntityManager): Promise<RegPerson | null> {
    return this.mm(m).findOneBy(RegPerson, { idHash: In(hashes) });
  }

  /** Id and household of whoever holds an ID number (any of its keyed hashes), or null. */
  @GenerateSql({ params: [[Buffer.alloc(16, 1)]] })
  idHolder(hashes: Buffer[], m?: EntityManager): Promise<Pick<RegPerson, 'id' | 'householdId'> | null> {
    return this.mm(m).findOne(RegPerson, { select: { id: true, householdId: true }, where: { idHash: In(hashes) } });
  }

  /** People of a household with this exact name (the name + birth year duplicate check). */
  @GenerateSql({ params: [1, '张三'] })
  sameName(householdId: number, name: string, m?: EntityManager): Promise<Pick<RegPerson, 'id' | 'birthYear'>[]> {
    return this.mm(m).find(RegPerson, { select: { id: true, birthYear: true }, where: { householdId, name } });
  }

  /** A household's people, by id. */
  @GenerateSql({ params: [1] })
  ofHousehold(householdId: number, m?: EntityManager): Promise<RegPerson[]> {
    return this.mm(m).find(RegPerson, { where: { householdId }, order: { id: 'ASC' } });
  }

  /** Households in which `userId` is linked to a record (a confirmed member), ascending, each once. */
  @GenerateSql({ params: [7] })
  async householdIdsOf(userId: number, m?: EntityManager): Promise<number[]> {
    const rows = await this.mm(m).find(RegPerson, { select: { householdId: true }, where: { userId } });
    return [...new Set(rows.map((p) => p.householdId))];
  }

  /** Names by person id (unknown ids are left out). */
  @GenerateSql({ params: [[1, 2]] })
  async names(ids: readonly number[], m?: EntityManager): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const ps = await this.mm(m).find(RegPerson, { select: { id: true, name: true }, where: { id: In([...new Set(ids)]) } });
    return new Map(ps.map((p) => [p.id, p.name]));
  }

  /** Inserts a person with their tags (reg_person_tag mirrors `tags`); answers the id. */
  @GenerateSql({ params: [{ householdId: 1, gridNodeId: 1, gridPath: '5101/510104/510104017/', name: '张三', relation: '户主', phoneEnc: null, phoneHash: null, idEnc: null, idHash: null, birthYear: 1950, gender: 'male', tags: 'elderly', userId: null, version: 1, createdAt: new Date('2026-01-15T08:00:00.000Z'), updatedAt: new Date('2026-01-15T08:00:00.000Z') }, ['elderly', 'disabled']] })
  async insert(row: Omit<RegPerson, 'id'>, tags: readonly string[], m?: EntityManager): Promise<number> {
    const r = await this.mm(m).insert(RegPerson, row);
    const id = Number(r.identifiers[0]!.id);
    if (tags.length) await this.mm(m).insert(RegPersonTag, tags.map((tag) => ({ personId: id, tag, gridPath: row.gridPath })));
    return id;
  }

  /** Changes a person if their version is still `version`; answers the rows changed. */
  @GenerateSql({ params: [1, 1, { name: '张三', version: 2, updatedAt: new Date('2026-01-15T08:00:00.000Z') }] })
  async update(id: number, version: number | undefined, set: Partial<RegPerson>, m?: EntityManager): Promise<number> {
    return (await this.mm(m).update(RegPerson, { id, version }, set)).affected ?? 0;
  }

  @GenerateSql({ params: [1, ['elderly'], '5101/510104/510104017/'] })
  async replaceTags(personId: number, tags: readonly string[], gridPath: string, m?: EntityManager): Promise<void> {
    await this.mm(m).delete(RegPersonTag, { personId });
    if (tags.length) await this.mm(m).insert(RegPersonTag, tags.map((tag) => ({ personId, tag, gridPath })));
  }

  /** Deletes a person and their tags. */
  @GenerateSql({ params: [1] })
  async delete(id: number, m?: EntityManager): Promise<void> {
    await this.mm(m).delete(RegPersonTag, { personId: id });
    await this.mm(m).delete(RegPerson, { id });
  }

  // ── claims: the account link ──
  /**
   * The person's account link, read with a row lock on MariaDB (every claim on the person queues
   * behind it; SQLite runs one transaction at a time). Undefined when there is no such person.
   */
  @GenerateSql({ params: [1, TX] })
  async lockLink(id: number, m: EntityManager): Promise<{ userId: number | null } | undefined> {
    const [row] = (await m.query(`SELECT user_id FROM reg_person WHERE id = ?${forUpdate(m)}`, [id])) as { user_id: number | string | null }[];
    return row ? { userId: row.user_id === null ? null : num(row.user_id) } : undefined;
  }

  /** Sets the account link where it is still empty; answers the rows changed (0: linked already, or gone). */
  @GenerateSql({ params: [1, 7] })
  async linkUser(personId: number, userId: number, m?: EntityManager): Promise<number> {
    const r = await this.mm(m).createQueryBuilder().update(RegPerson).set({ userId }).where('id = :id AND user_id IS NULL', { id: personId }).execute();
    return r.affected ?? 0;
  }

  // ── search ──
  /**
   * One page of a search, limit + 1 rows when more follow. Each filter is one index range scan
   * (see the entity indexes): name prefix → (name, grid_node_id, id) in index order; phone / ID →
   * keyed-hash index; tag → (tag, grid_path, person_id); none → (grid_path). Keyset pagination.
   */
  @GenerateSql({ name: 'by phone', params: [{ filter: { by: 'phone', hashes: [Buffer.alloc(16, 1), Buffer.alloc(16, 2)] }, scope: ['5101/510104/510104017/'], limit: 20 }] })
  @GenerateSql({ name: 'by ID number', params: [{ filter: { by: 'idNumber', hashes: [Buffer.alloc(16, 1)] }, scope: ['5101/510104/510104017/'], limit: 20 }] })
  @GenerateSql({ name: 'by name, after a cursor', params: [{ filter: { by: 'name', prefix: '张' }, scope: ['5101/510104/510104017/'], nodeRuns: [[1, 1], [5, 9]], after: ['张三', 1, 10], limit: 20 }] })
  @GenerateSql({ name: 'by tag, after a cursor', params: [{ filter: { by: 'tag', tag: 'elderly' }, scope: ['5101/510104/510104017/', '5101/510104/510104018/'], after: ['5101/510104/510104017/', 10], limit: 20 }] })
  @GenerateSql({ name: 'everyone', params: [{ filter: { by: 'all' }, scope: ['5101/510104/510104017/'], limit: 20 }] })
  async search(q: PersonSearchQuery, m?: EntityManager): Promise<PersonHit[]> {
    const qb = this.mm(m).getRepository(RegPerson).createQueryBuilder('p').select(HIT_COLUMNS);
    const f = q.filter;
    if (f.by === 'phone') qb.where('p.phoneHash IN (:...h)', { h: f.hashes });
    else if (f.by === 'idNumber') qb.where('p.idHash IN (:...h)', { h: f.hashes });
    else if (f.by === 'tag') qb.innerJoin(RegPersonTag, 't', 't.personId = p.id').where('t.tag = :tag', { tag: f.tag });
    else if (f.by === 'name') qb.where('p.name LIKE :name', { name: `${escapeLike(f.prefix)}%` });
    else qb.where('1 = 1');
    const order = searchOrder(f);
    const pathCol = order === 'tag' ? 't.gridPath' : 'p.gridPath';
    const s = inSubtrees(pathCol, q.scope, 'sc');
    qb.andWhere(s.sql, s.params);
    const c = q.after ?? null;
    if (order === 'name') {
      // (name, grid_node_id, id) is exactly the order of idx_reg_person_name (InnoDB appends the
      // primary key), so the first page is read straight off the index range and the scan stops
      // after limit + 1 rows. The node id runs check the scope inside the index, so a small scope
      // skips other grids' entries without reading their rows; grid_path is the exact check.
      const runs = q.nodeRuns ?? [];
      if (runs.length) qb.andWhere(`(${runs.map(([lo, hi]) => (lo === hi ? `p.gridNodeId = ${Number(lo)}` : `p.gridNodeId BETWEEN ${Number(lo)} AND ${Number(hi)}`)).join(' OR ')})`);
      if (c) qb.andWhere('(p.name > :cn OR (p.name = :cn AND (p.gridNodeId > :cg OR (p.gridNodeId = :cg AND p.id > :ci))))', { cn: c[0], cg: c[1], ci: c[2] });
      qb.orderBy('p.name', 'ASC').addOrderBy('p.gridNodeId', 'ASC').addOrderBy('p.id', 'ASC');
    } else {
      const idCol = order === 'tag' ? 't.personId' : 'p.id';
      if (c) qb.andWhere(`(${pathCol} > :cp OR (${pathCol} = :cp AND ${idCol} > :ci))`, { cp: c[0], ci: c[1] });
      qb.orderBy(pathCol, 'ASC').addOrderBy(idCol, 'ASC');
    }
    return (await qb.limit(q.limit + 1).getMany()) as PersonHit[];
  }

  // ── export ──
  /** How many people the subtree under `path` holds. */
  @GenerateSql({ params: ['5101/510104/510104017/'] })
  countIn(path: string, m?: EntityManager): Promise<number> {
    const w = subtreeWhere('p.grid_path', path);
    return this.mm(m).getRepository(RegPerson).createQueryBuilder('p').where(w.sql, w.params).getCount();
  }

  /** People of the subtree with id > `after`, by id, with their household code and place. */
  @GenerateSql({ params: ['5101/510104/510104017/', 0, 1000] })
  async exportBatch(path: string, after: number, limit: number, m?: EntityManager): Promise<ExportRow[]> {
    const w = subtreeWhere('p.grid_path', path);
    const rows = await this.mm(m)
      .createQueryBuilder()
      .select(['p.id AS id', 'p.name AS name', 'p.relation AS relation', 'p.phone_enc AS phone_enc', 'p.id_enc AS id_enc', 'p.birth_year AS birth_year', 'p.tags AS tags', 'p.grid_path AS grid_path', 'h.code AS hcode', 'pl.address AS address', 'pl.building AS building', 'pl.unit AS unit', 'pl.room AS room'])
      .from(RegPerson, 'p')
      .innerJoin(RegHousehold, 'h', 'h.id = p.household_id')
      .innerJoin(RegPlace, 'pl', 'pl.id = h.place_id')
      .where(w.sql, w.params)
      .andWhere('p.id > :last', { last: after })
      .orderBy('p.id', 'ASC')
      .limit(limit)
      .getRawMany<Record<string, string | number | null>>();
    const str = (v: string | number | null) => (v === null ? null : String(v));
    return rows.map((r) => ({
      id: num(r.id),
      name: String(r.name),
      relation: String(r.relation),
      phoneEnc: str(r.phone_enc),
      idEnc: str(r.id_enc),
      birthYear: r.birth_year === null ? null : num(r.birth_year),
      tags: String(r.tags ?? ''),
      gridPath: String(r.grid_path),
      householdCode: String(r.hcode ?? ''),
      address: String(r.address ?? ''),
      building: String(r.building ?? ''),
      unit: String(r.unit ?? ''),
      room: String(r.room ?? ''),
    }));
  }

  // ── key rotation ──
  @GenerateSql({ params: [] })
  count(m?: EntityManager): Promise<number> {
    return this.mm(m).count(RegPerson);
  }

  /** Ciphertexts of up to `limit` people with id > `after`, by id. */
  @GenerateSql({ params: [0, 500] })
  ciphersAfter(after: number, limit: number, m?: EntityManager): Promise<PersonCiphers[]> {
    return this.mm(m).getRepository(RegPerson).createQueryBuilder('p').select(['p.id', 'p.phoneEnc', 'p.idEnc']).where('p.id > :after', { after }).orderBy('p.id', 'ASC').limit(limit).getMany();
  }

  @GenerateSql({ params: [1] })
  ciphersOf(id: number, m?: EntityManager): Promise<PersonCiphers | null> {
    return this.mm(m).getRepository(RegPerson).createQueryBuilder('p').select(['p.id', 'p.phoneEnc', 'p.idEnc']).where('p.id = :id', { id }).getOne();
  }

  /**
   * Rewrites a person's ciphertexts and hashes only if they are still `old`'s (compare-and-set);
   * answers the rows changed. A unique violation when the new ID hash is another person's.
   */
  @GenerateSql({ params: [{ id: 1, phoneEnc: 'v1:abc', idEnc: null }, { phoneEnc: 'v2:def', phoneHash: Buffer.alloc(16, 1), idEnc: null, idHash: null }] })
  async rewriteCiphers(old: PersonCiphers, set: Pick<RegPerson, 'phoneEnc' | 'phoneHash' | 'idEnc' | 'idHash'>, m?: EntityManager): Promise<number> {
    const qb = this.mm(m).createQueryBuilder().update(RegPerson).set(set).where('id = :id', { id: old.id });
    qb.andWhere(old.phoneEnc === null ? 'phone_enc IS NULL' : 'phone_enc = :oldPhone', { oldPhone: old.phoneEnc });
    qb.andWhere(old.idEnc === null ? 'id_enc IS NULL' : 'id_enc = :oldId', { oldId: old.idEnc });
    return (await qb.execute()).affected ?? 0;
  }
}
