import type { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../../common/app-error.js';
import { isDeadlock, isUniqueViolation } from '../../db/errors.js';
import { GridTree, type NodeRef } from '../../grids/grid-tree.repo.js';
import { chunks } from '../../db/insert-rows.js';
import { RegHousehold, RegPerson, RegPersonTag, RegPlace } from '../entities.js';
import { addHouseholdCounts } from '../household-counts.repo.js';
import { householdsWithCodes, insertChunks, placesAt, takenIdHashes } from './import.repo.js';
import type { PiiCipher } from '../pii-cipher.js';
import { householdKey, placeKey, validateRows, type RowError, type ValidPersonRow } from './validate-rows.js';
import type { RawImportRow } from './columns.js';

export interface ImportResult {
  people: number;
  households: number;
  placesCreated: number;
  placesReused: number;
}

export type ImportPhase = 'validate' | 'grids' | 'hash' | 'duplicates' | 'places' | 'households' | 'people' | 'commit';

/** Which subtrees the importing user may write to (their grant paths); null = anywhere (CLI, bench). */
export type WriteScope = string[] | null;

const inScope = (path: string, scope: WriteScope) => scope === null || scope.some((p) => path.startsWith(p));

/**
 * Imports people (with their places and households) in ONE transaction: every row is checked
 * first (format, checksum, duplicates in the file and against the register), and if any row is
 * wrong nothing is written and every problem is returned (422 IMPORT_INVALID, details.errors).
 * Batched multi-row INSERTs keep it fast (see bench/register).
 */
export class RegisterImporter {
  /**
   * Wall-clock milliseconds spent per phase, summed over every call on this instance: what
   * bench/register prints as "where the time goes". A few performance.now() calls per file.
   */
  readonly phaseMs: Record<ImportPhase, number> = { validate: 0, grids: 0, hash: 0, duplicates: 0, places: 0, households: 0, people: 0, commit: 0 };

  constructor(
    private readonly ds: DataSource,
    private readonly cipher: PiiCipher,
    private readonly batchSize = 1000,
  ) {}

  private lap(phase: ImportPhase, since: number): number {
    const t = performance.now();
    this.phaseMs[phase] += t - since;
    return t;
  }

  async importRows(rows: { row: number; values: RawImportRow }[], scope: WriteScope, now = new Date()): Promise<ImportResult> {
    const t0 = performance.now();
    const { valid, errors } = validateRows(rows, now);
    this.lap('validate', t0);
    if (errors.length) throw invalid(errors);
    return this.importValid(valid, scope, now);
  }

  async importValid(valid: ValidPersonRow[], scope: WriteScope, now = new Date()): Promise<ImportResult> {
    const errors: RowError[] = [];
    let t = performance.now();
    // Micro-grids: must exist, be micro-grids, and lie in the importer's scope.
    const codes = [...new Set(valid.map((r) => r.gridCode))];
    const nodes = new Map<string, NodeRef>();
    const tree = new GridTree(this.ds);
    for (const c of chunks(codes, 1000)) {
      for (const n of await tree.refsByCodes(c)) nodes.set(n.code, n);
    }
    for (const r of valid) {
      const n = nodes.get(r.gridCode);
      if (!n) errors.push({ row: r.row, column: 'gridCode', problem: 'unknown_grid', message: `no grid node ${r.gridCode}` });
      else if (n.level !== 'micro') errors.push({ row: r.row, column: 'gridCode', problem: 'not_micro', message: `${r.gridCode} is a ${n.level}, not a micro-grid` });
      else if (!inScope(n.path, scope)) errors.push({ row: r.row, column: 'gridCode', problem: 'out_of_scope', message: `${r.gridCode} is outside your area` });
    }
    t = this.lap('grids', t);
    if (errors.length) throw invalid(errors);

    // Blind indexes computed once; used for the duplicate check and the insert. During a key
    // rotation an ID number already registered may still carry the previous key's hash.
    const hashed = valid.map((r) => {
      const idLookup = r.idNumber ? this.cipher.lookupHashes('person.id_number', r.idNumber) : null;
      return { r, idLookup, idHash: idLookup?.[0] ?? null, phoneHash: r.phone ? this.cipher.hash('person.phone', r.phone) : null };
    });
    t = this.lap('hash', t);

    const result = await this.ds
      .transaction(async (em) => {
        // One person, one record: an ID number already in the register is a row error.
        errors.push(...(await alreadyRegistered(em, hashed)));
        t = this.lap('duplicates', t);
        if (errors.length) throw invalid(errors);

        const placeIds = await this.resolvePlaces(em, valid, nodes, now);
        const placesCreated = placeIds.created;
        t = this.lap('places', t);

        // Households: one per distinct key; a non-empty 户编号 at an existing place joins that household.
        const hhKeys = new Map<string, ValidPersonRow>();
        for (const r of valid) if (!hhKeys.has(householdKey(r))) hhKeys.set(householdKey(r), r);
        const hhIds = new Map<string, number>();
        // Only places that already existed can hold an existing household.
        const withCode = [...hhKeys.values()].filter((r) => r.householdCode && !placeIds.createdKeys.has(placeKey(r)));
        for (const c of chunks(withCode, 1000)) {
          const found = await householdsWithCodes(
            em,
            c.map((r) => placeIds.map.get(placeKey(r))!),
            c.map((r) => r.householdCode),
          );
          const byKey = new Map(found.map((h) => [`${h.placeId}\u0001${h.code}`, h.id]));
          for (const r of c) {
            const id = byKey.get(`${placeIds.map.get(placeKey(r))}\u0001${r.householdCode}`);
            if (id) hhIds.set(householdKey(r), id);
          }
        }
        const newHh = [...hhKeys.entries()].filter(([k]) => !hhIds.has(k));
        const hhChunks = chunks(newHh, this.batchSize);
        const hhFirst = await insertChunks(em, RegHousehold, hhChunks, (c) =>
          c.map(([, r]) => {
            const n = nodes.get(r.gridCode)!;
            return { placeId: placeIds.map.get(placeKey(r))!, gridNodeId: n.id, gridPath: n.path, code: r.householdCode, note: '', version: 1, createdAt: now, updatedAt: now };
          }),
        );
        hhChunks.forEach((c, j) => c.forEach(([k], i) => hhIds.set(k, hhFirst[j]! + i)));
        const perGrid = new Map<string, number>();
        for (const [, r] of newHh) {
          const path = nodes.get(r.gridCode)!.path;
          perGrid.set(path, (perGrid.get(path) ?? 0) + 1);
        }
        await addHouseholdCounts(em, perGrid);
        t = this.lap('households', t);

        // People: the AES-GCM encryption of chunk k+1 is done while MariaDB inserts chunk k.
        const personChunks = chunks(hashed, this.batchSize);
        const personFirst = await insertChunks(em, RegPerson, personChunks, (c) =>
          c.map(({ r, idHash, phoneHash }) => ({
            householdId: hhIds.get(householdKey(r))!,
            gridNodeId: nodes.get(r.gridCode)!.id,
            gridPath: nodes.get(r.gridCode)!.path,
            name: r.name,
            relation: r.relation,
            phoneEnc: r.phone ? this.cipher.encrypt('person.phone', r.phone) : null,
            phoneHash,
            idEnc: r.idNumber ? this.cipher.encrypt('person.id_number', r.idNumber) : null,
            idHash,
            birthYear: r.birthYear,
            gender: r.gender,
            tags: r.tags.join(','),
            userId: null,
            version: 1,
            createdAt: now,
            updatedAt: now,
          })),
        );
        const tags: Partial<RegPersonTag>[] = [];
        personChunks.forEach((c, j) =>
          c.forEach(({ r }, i) => {
            for (const tag of r.tags) tags.push({ personId: personFirst[j]! + i, tag, gridPath: nodes.get(r.gridCode)!.path });
          }),
        );
        await insertChunks(em, RegPersonTag, chunks(tags, this.batchSize), (c) => c);
        t = this.lap('people', t);
        return { people: valid.length, households: newHh.length, placesCreated, placesReused: placeIds.map.size - placesCreated };
      })
      .catch(async (e: unknown) => {
        // Another import committed the same ID number (unique idx_reg_person_idno) or the same
        // new address (uq_reg_place_address) after our checks: nothing of this file was written.
        // A deadlock between two such imports also rolled ours back whole.
        if (!isUniqueViolation(e) && !isDeadlock(e)) throw e;
        const taken = await alreadyRegistered(this.ds.manager, hashed);
        if (taken.length) throw invalid(taken);
        throw new AppError('CONFLICT', 'another import wrote the same addresses at the same time; nothing was written, upload the file again');
      });
    this.lap('commit', t);
    return result;
  }

  private async resolvePlaces(em: EntityManager, valid: ValidPersonRow[], nodes: Map<string, NodeRef>, now: Date): Promise<{ map: Map<string, number>; created: number; createdKeys: Set<string> }> {
    const wanted = new Map<string, ValidPersonRow>();
    for (const r of valid) if (!wanted.has(placeKey(r))) wanted.set(placeKey(r), r);
    const map = new Map<string, number>();
    const codeOf = new Map([...nodes.values()].map((n) => [n.id, n.code]));
    const lookup = async (list: ValidPersonRow[]) => {
      for (const c of chunks(list, 500)) {
        const found = await placesAt(
          em,
          [...new Set(c.map((r) => nodes.get(r.gridCode)!.id))],
          [...new Set(c.map((r) => r.address))],
        );
        for (const p of found) map.set(placeKey({ gridCode: codeOf.get(p.gridNodeId)!, address: p.address, building: p.building, unit: p.unit, room: p.room }), p.id);
      }
    };
    await lookup([...wanted.values()]);
    const missing = [...wanted.entries()].filter(([k]) => !map.has(k));
    const placeChunks = chunks(missing, this.batchSize);
    const placeFirst = await insertChunks(em, RegPlace, placeChunks, (c) =>
      c.map(([, r]) => {
        const n = nodes.get(r.gridCode)!;
        return { gridNodeId: n.id, gridPath: n.path, address: r.address, building: r.building, unit: r.unit, room: r.room, lng: null, lat: null, createdAt: now, updatedAt: now };
      }),
    );
    placeChunks.forEach((c, j) => c.forEach(([k], i) => map.set(k, placeFirst[j]! + i)));
    return { map, created: missing.length, createdKeys: new Set(missing.map(([k]) => k)) };
  }
}

/** Rows whose ID number is already in the register (keyed-hash lookup, 1,000 per query). */
async function alreadyRegistered(em: EntityManager, hashed: { r: ValidPersonRow; idLookup: Buffer[] | null }[]): Promise<RowError[]> {
  const ids = hashed.flatMap((h) => h.idLookup ?? []);
  // Buffers compare by identity in a Set; their latin1 strings compare by bytes.
  const existing = new Set<string>();
  for (const c of chunks(ids, 1000)) {
    for (const h of await takenIdHashes(em, c)) existing.add(h.toString('latin1'));
  }
  return hashed.filter((h) => h.idLookup?.some((x) => existing.has(x.toString('latin1')))).map((h) => ({ row: h.r.row, column: 'idNumber' as const, problem: 'already_registered', message: 'this ID number is already in the register' }));
}

export function invalid(errors: RowError[]): AppError {
  const shown = errors.slice(0, 500);
  return new AppError('IMPORT_INVALID', `${errors.length} problem(s) in the file; nothing was written`, { errors: shown, total: errors.length });
}
