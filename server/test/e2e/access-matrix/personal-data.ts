import { idNumberCheckChar, ROLES } from '@weigrid/shared';
import { User } from '../../../src/accounts/user.entity.js';
import { loginAs } from '../../helpers/auth.js';
import { ensureCategory, eventAt } from './events.rows.js';
import { householdAt } from './register.rows.js';
import type { MatrixCtx } from './matrix.js';

/**
 * Personal data planted in every micro-grid the matrix touches (branch A's and each sibling's): a
 * register member with a full phone and ID number, and an anonymous report near the point
 * `GET /events/nearby` asks about, whose reporter has a name and a phone. Returns the strings that
 * must never appear in an answer to someone outside the scope: the phones, ID numbers, the
 * anonymous reporter's name, and every matrix user's openid.
 */
export async function plantPersonalData(ctxs: MatrixCtx[], openids: string[]): Promise<string[]> {
  const reporter = await loginAs(ctxs[0]!.t, { openid: 'matrix_anon_reporter' });
  const reporterName = '匿名举报人甲';
  const reporterPhone = '13912340000';
  await ctxs[0]!.t.ds.getRepository(User).update({ id: reporter.userId }, { name: reporterName, phone: reporterPhone });
  const secrets = [reporterName, reporterPhone, reporter.openid, ...openids];
  const seen = new Set<string>();
  let n = 0;
  for (const ctx of ctxs) {
    const micro = ctx.node('micro');
    if (seen.has(micro)) continue;
    seen.add(micro);
    n++;
    await ensureCategory(ctx);
    await eventAt(ctx, 'accepted', { anonymous: true, reporterId: reporter.userId, lat: 30.61, lng: 104.005, description: '匿名反映：楼道堆物' });
    const phone = `1380000${String(1000 + n)}`;
    const first17 = `11010519800101${String(100 + n)}`;
    const idNumber = first17 + idNumberCheckChar(first17);
    const person = await ctx.api('post', `/register/households/${await householdAt(ctx)}/people`, { name: `住户${n}`, relation: '户主', phone, idNumber });
    ctx.fixtures[plantedPerson(micro)] = Number(person.id);
    secrets.push(phone, idNumber);
  }
  return secrets;
}

/** The fixture key of the planted register member (full phone and ID number) of a micro-grid. */
export const plantedPerson = (microCode: string) => `plantedPerson:${microCode}`;

/** Matrix contexts of every role, inside and outside: together they reach every micro-grid of the fixture. */
export function everyPlace(ctxFor: (role: (typeof ROLES)[number], where: 'inside' | 'outside') => MatrixCtx): MatrixCtx[] {
  return ROLES.flatMap((r) => [ctxFor(r, 'inside'), ctxFor(r, 'outside')]);
}
