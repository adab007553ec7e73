import type { DataSource } from 'typeorm';
import type { PiiCipher } from '../register/pii-cipher.js';
import { Open311Repo } from './requests.repo.js';

/**
 * Part of `register:rotate-key`: rewrites the requesters' and callers' contacts of externally filed
 * cases under the cipher's current key (compare-and-set per row, so the app may run meanwhile).
 * Answers how many were rewritten, already current, and unreadable (neither key opens them).
 */
export async function rotateOpen311Contacts(ds: DataSource, cipher: PiiCipher, batchSize = 1000): Promise<{ rewritten: number; current: number; unreadable: number[] }> {
  const repo = new Open311Repo(ds);
  const res = { rewritten: 0, current: 0, unreadable: [] as number[] };
  let after = 0;
  for (;;) {
    const rows = await repo.contactsAfter(after, batchSize);
    if (rows.length === 0) return res;
    after = rows[rows.length - 1]!.eventId;
    for (const r of rows) {
      if (cipher.isCurrent(r.contact)) {
        res.current++;
        continue;
      }
      let plain: string;
      try {
        plain = cipher.decrypt('open311.contact', r.contact);
      } catch {
        res.unreadable.push(r.eventId);
        continue;
      }
      if (await repo.rewriteContact(r.eventId, r.contact, cipher.encrypt('open311.contact', plain))) res.rewritten++;
    }
  }
}
