import { In, type EntityManager, type ObjectLiteral } from 'typeorm';
import { sendInsert } from '../../db/insert-rows.js';
import { RegHousehold, RegPerson, RegPlace } from '../entities.js';
import { generateSqlFor } from '../../db/generate-sql.js';

/*
 * The register import's SQL on reg_place, reg_household, reg_person and reg_person_tag (owned by
 * register): batched lookups and multi-row INSERTs (bench/register measures them; keep their
 * shape). Functions take the import transaction's EntityManager first.
 */

/** Which of these keyed ID hashes are in the register already (one query; callers send ≤ 1,000). */
export async function takenIdHashes(em: EntityManager, hashes: Buffer[]): Promise<Buffer[]> {
  const found: { h: Buffer }[] = await em.createQueryBuilder(RegPerson, 'p').select('p.idHash', 'h').where('p.idHash IN (:...c)', { c: hashes }).getRawMany();
  return found.map((f) => f.h);
}

/** Places in these micro-grids at these addresses (a superset of the wanted combinations; the caller matches). */
export function placesAt(em: EntityManager, gridNodeIds: number[], addresses: string[]): Promise<Pick<RegPlace, 'id' | 'gridNodeId' | 'address' | 'building' | 'unit' | 'room'>[]> {
  return em.getRepository(RegPlace).find({
    select: { id: true, gridNodeId: true, address: true, building: true, unit: true, room: true },
    where: { gridNodeId: In(gridNodeIds), address: In(addresses) },
  });
}

/** Households at these places with these codes (a superset; the caller matches place and code). */
export function householdsWithCodes(em: EntityManager, placeIds: number[], codes: string[]): Promise<Pick<RegHousehold, 'id' | 'placeId' | 'code'>[]> {
  return em.getRepository(RegHousehold).find({ select: { id: true, placeId: true, code: true }, where: { placeId: In(placeIds), code: In(codes) } });
}

/**
 * One multi-row INSERT per chunk; returns each chunk's first id. Double-buffered: chunk k+1's rows
 * (encryption included) are built while the server executes chunk k, but chunk k+1 is sent only
 * after chunk k succeeded — after a failure nothing more reaches the connection (see sendInsert:
 * after an InnoDB deadlock a queued statement would run outside the rolled-back transaction).
 */
export async function insertChunks<C, T extends ObjectLiteral>(em: EntityManager, entity: new () => T, list: C[], build: (c: C) => Partial<T>[]): Promise<number[]> {
  const firsts: number[] = [];
  let inFlight: Promise<number> | null = null;
  for (const c of list) {
    const rows = build(c);
    if (inFlight) firsts.push(await inFlight);
    inFlight = sendInsert(em, entity, rows);
  }
  if (inFlight) firsts.push(await inFlight);
  return firsts;
}

generateSqlFor(takenIdHashes, { params: [[Buffer.alloc(16, 1), Buffer.alloc(16, 2)]] });
generateSqlFor(placesAt, { params: [[1, 2], ['玉林北路1号', '玉林北路2号']] });
generateSqlFor(householdsWithCodes, { params: [[1, 2], ['H001', 'H002']] });
generateSqlFor(insertChunks, { params: [RegPerson, [1, 2], (i: number) => [{ ...{ householdId: 1, gridNodeId: 1, gridPath: '5101/510104/510104017/', name: '张三', relation: '户主', phoneEnc: null, phoneHash: null, idEnc: null, idHash: null, birthYear: 1950, gender: 'male', tags: 'elderly', userId: null, version: 1, createdAt: new Date('2026-01-15T08:00:00.000Z'), updatedAt: new Date('2026-01-15T08:00:00.000Z') }, name: `张${i}` }]] });
