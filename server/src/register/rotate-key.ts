import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../db/errors.js';
import type { RegPerson } from './entities.js';
import { PeopleRepo, type PersonCiphers } from './people.repo.js';
import type { PiiCipher } from './pii-cipher.js';

export interface RotationResult {
  /** People read. */
  scanned: number;
  /** People whose phone / ID ciphertexts and keyed hashes were rewritten under the current key. */
  rewritten: number;
  /** People already entirely under the current key (written since, or by an earlier run). */
  current: number;
  /** Ids whose ciphertext neither key opens (a third key, or damaged): left as they are. */
  unreadable: number[];
  /** Ids whose new ID-number hash another person already has (two records of one person). */
  conflicts: number[];
  /** Ids changed by the app while being rewritten, twice in a row: run again. */
  busy: number[];
}

type Row = PersonCiphers;

/**
 * Re-encrypts and re-hashes every person's phone and ID number under the cipher's current key,
 * in batches of `batchSize` people by id, one transaction per batch. Idempotent and resumable: a
 * person already in the current form is skipped, so after an interruption (or a refused row) it
 * is simply run again. Safe while the app runs: each row is rewritten only if its ciphertexts are
 * still the ones read (compare-and-set); a row changed in between is read again once.
 */
export async function rotatePiiKey(ds: DataSource, cipher: PiiCipher, opts: { batchSize?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<RotationResult> {
  const batchSize = opts.batchSize ?? 1000;
  const res: RotationResult = { scanned: 0, rewritten: 0, current: 0, unreadable: [], conflicts: [], busy: [] };
  const people = new PeopleRepo(ds);
  const total = await people.count();
  let after = 0;
  opts.onProgress?.(0, total);
  for (;;) {
    const rows = await people.ciphersAfter(after, batchSize);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    res.scanned += rows.length;
    const stale = rows.filter((r) => isStale(cipher, r));
    res.current += rows.length - stale.length;
    await ds.transaction(async (em) => {
      for (const r of stale) {
        let outcome = await rewrite(people, em, cipher, r);
        if (outcome === 'changed') {
          const again = await people.ciphersOf(r.id, em);
          outcome = again && isStale(cipher, again) ? await rewrite(people, em, cipher, again) : 'gone';
        }
        if (outcome === 'done') res.rewritten++;
        else if (outcome === 'unreadable') res.unreadable.push(r.id);
        else if (outcome === 'conflict') res.conflicts.push(r.id);
        else if (outcome === 'changed') res.busy.push(r.id);
        // 'gone': deleted, or rewritten by the app under the current key meanwhile — nothing left to do.
      }
    });
    opts.onProgress?.(res.scanned, Math.max(total, res.scanned));
  }
  return res;
}

const isStale = (cipher: PiiCipher, r: Row) => (r.phoneEnc !== null && !cipher.isCurrent(r.phoneEnc)) || (r.idEnc !== null && !cipher.isCurrent(r.idEnc));

async function rewrite(people: PeopleRepo, em: EntityManager, cipher: PiiCipher, r: Row): Promise<'done' | 'unreadable' | 'conflict' | 'changed' | 'gone'> {
  let phone: string | null;
  let idNumber: string | null;
  try {
    phone = r.phoneEnc === null ? null : cipher.decrypt('person.phone', r.phoneEnc);
    idNumber = r.idEnc === null ? null : cipher.decrypt('person.id_number', r.idEnc);
  } catch {
    return 'unreadable';
  }
  // The stored plaintexts are the normalized values the hashes were made from.
  const set: Pick<RegPerson, 'phoneEnc' | 'phoneHash' | 'idEnc' | 'idHash'> = {
    phoneEnc: phone === null ? null : cipher.encrypt('person.phone', phone),
    phoneHash: phone === null ? null : cipher.hash('person.phone', phone),
    idEnc: idNumber === null ? null : cipher.encrypt('person.id_number', idNumber),
    idHash: idNumber === null ? null : cipher.hash('person.id_number', idNumber),
  };
  try {
    return (await people.rewriteCiphers(r, set, em)) ? 'done' : 'changed';
  } catch (e) {
    if (isUniqueViolation(e)) return 'conflict';
    throw e;
  }
}
