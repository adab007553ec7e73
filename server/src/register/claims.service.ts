import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { maskIdNumber, maskPhone, type ClaimDto, type ClaimMethod, type ClaimRequest, type ClaimState, type MyClaimDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { isUniqueViolation } from '../db/errors.js';
import { forUpdate } from '../db/dialect.js';
import { AccessService } from '../access/access.service.js';
import { GridNode } from '../grids/grid-node.entity.js';
import { enqueueOutbox } from '../outbox/enqueue.js';
import { dbIso } from '../db/rows.js';
import { AccessLogService } from './access-log.service.js';
import { RegClaim, RegPerson } from './entities.js';
import { PiiCipher } from './pii-cipher.js';
import { cleanPersonInput } from './person-input.js';
import { PII_CIPHER } from './register.service.js';
import { GridTree } from '../grids/grid-tree.repo.js';

/** Outbox kinds: tell the staff who may decide a new claim; tell the claimant how it was decided. */
export const CLAIM_OUTBOX = { requested: 'register.claim_requested', decided: 'register.claim_decided' } as const;

/** Thrown inside the claim transaction to roll it back; turned into a logged 409 outside it. */
class ClaimRefused extends Error {
  constructor(readonly why: string) {
    super(why);
  }
}

const iso = (d: Date | string | null): string | null => (d === null ? null : dbIso(d));

function myClaim(c: RegClaim): MyClaimDto {
  return { id: c.id, state: c.state as ClaimState, method: c.method as ClaimMethod, createdAt: c.createdAt.toISOString(), decidedAt: c.decidedAt ? c.decidedAt.toISOString() : null, reason: c.reason };
}

/**
 * Linking a resident's account to their register entry (reg_person.user_id), which opens the
 * household's resident view to them. Name + ID number only make a pending claim that shows nothing
 * of the record; the micro-grid's staff (register.write over it) confirm or reject it. A claim is
 * confirmed at once only when the caller's WeChat-verified phone (app_user.phone, bound through
 * getPhoneNumber) is the phone on the record. One live claim per person (unique index); a second
 * claimant is refused with CLAIM_TAKEN and logged.
 */
@Injectable()
export class ClaimsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tree: GridTree,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
    private readonly access: AccessService,
    private readonly log: AccessLogService,
  ) {}

  // ── residents ───────────────────────────────────────────────────────────────────────────
  async claim(actor: Actor, dto: ClaimRequest): Promise<MyClaimDto> {
    // No tree scope applies to a resident; what they must prove is the record itself.
    const c = cleanPersonInput({ idNumber: dto.idNumber });
    const p = c.idNumber ? await this.ds.getRepository(RegPerson).findOneBy({ idHash: In(this.cipher.lookupHashes('person.id_number', c.idNumber)) }) : null;
    if (!p || p.name !== dto.name.trim()) {
      // The same 404 whether the ID is unknown or the name differs: it does not tell which one was wrong.
      await this.log.record(actor, { action: 'person.claim', targetType: 'person', targetId: null, gridPath: p?.gridPath ?? null, allowed: false, detail: 'no match' });
      throw new AppError('NOT_FOUND', '没有与该姓名和身份证号一致的登记');
    }
    const phoneMatch = await this.verifiedPhoneMatches(actor.userId, p.phoneHash);
    try {
      return await this.ds.transaction((m) => this.claimIn(m, actor, p, phoneMatch));
    } catch (e) {
      const why = e instanceof ClaimRefused ? e.why : isUniqueViolation(e) ? 'a live claim by another account (concurrent)' : null;
      if (why === null) throw e;
      // Written after the rollback, on its own: a refusal is what the log is for.
      await this.log.record(actor, { action: 'person.claim', targetType: 'person', targetId: p.id, gridPath: p.gridPath, allowed: false, detail: `refused: ${why}` });
      throw new AppError('CLAIM_TAKEN', '该登记信息已被他人认领或正在等待网格员确认，如有疑问请联系所在网格的网格员');
    }
  }

  private async claimIn(m: EntityManager, actor: Actor, p: RegPerson, phoneMatch: boolean): Promise<MyClaimDto> {
    // MariaDB: the person row is the lock every claim on it queues behind (SQLite runs one transaction at a time).
    const [row] = await m.query(`SELECT user_id FROM reg_person WHERE id = ?${forUpdate(m)}`, [p.id]);
    if (!row) throw new AppError('NOT_FOUND', '没有与该姓名和身份证号一致的登记');
    const linked = row.user_id === null ? null : Number(row.user_id);
    const claims = m.getRepository(RegClaim);
    const live = await claims.findOneBy({ personId: p.id, live: 1 });
    const now = new Date();
    if (linked !== null && linked !== actor.userId) throw new ClaimRefused('the record is linked to another account');
    if (live && live.userId === actor.userId) {
      // Asking again is harmless: the same claim; a phone bound since then confirms it.
      if (live.state === 'pending' && phoneMatch) {
        await claims.update({ id: live.id, state: 'pending' }, { state: 'confirmed', method: 'phone', decidedAt: now });
        await this.link(m, p.id, actor.userId);
        await this.log.record(actor, { action: 'person.claim', targetType: 'person', targetId: p.id, gridPath: p.gridPath, allowed: true, detail: `claim ${live.id} confirmed by verified phone` }, m);
        return myClaim(await claims.findOneByOrFail({ id: live.id }));
      }
      return myClaim(live);
    }
    if (linked === actor.userId) throw new AppError('DUPLICATE', '您已认领此家庭档案');
    if (live) {
      if (!phoneMatch) throw new ClaimRefused(`claim ${live.id} by another account is ${live.state}`);
      // The record's own phone outranks a name + ID claim still waiting for a worker.
      await claims.update({ id: live.id, state: 'pending' }, { state: 'superseded', live: null, decidedAt: now, reason: '登记电话本人已认领' });
      await enqueueOutbox(m, [{ kind: CLAIM_OUTBOX.decided, payload: { claimId: live.id } }]);
    }
    const r = await claims.insert({
      personId: p.id,
      householdId: p.householdId,
      gridNodeId: p.gridNodeId,
      gridPath: p.gridPath,
      userId: actor.userId,
      state: phoneMatch ? 'confirmed' : 'pending',
      method: phoneMatch ? 'phone' : 'worker',
      live: 1,
      createdAt: now,
      decidedAt: phoneMatch ? now : null,
      decidedBy: null,
      reason: '',
    });
    const id = Number(r.identifiers[0]!.id);
    if (phoneMatch) await this.link(m, p.id, actor.userId);
    else await enqueueOutbox(m, [{ kind: CLAIM_OUTBOX.requested, payload: { claimId: id } }]);
    await this.log.record(actor, { action: 'person.claim', targetType: 'person', targetId: p.id, gridPath: p.gridPath, allowed: true, detail: phoneMatch ? `claim ${id} confirmed by verified phone` : `claim ${id} pending` }, m);
    return myClaim(await claims.findOneByOrFail({ id }));
  }

  /** Sets reg_person.user_id only where it is still empty: a link is never moved from one account to another. */
  private async link(m: EntityManager, personId: number, userId: number): Promise<void> {
    const r = await m.createQueryBuilder().update(RegPerson).set({ userId }).where('id = :id AND user_id IS NULL', { id: personId }).execute();
    if (!r.affected) throw new ClaimRefused('the record is linked to another account');
  }

  /** The phone WeChat verified for this account (getPhoneNumber), compared with the record's by keyed hash. */
  private async verifiedPhoneMatches(userId: number, recordPhoneHash: Buffer | null): Promise<boolean> {
    if (!recordPhoneHash) return false;
    const [u] = await this.ds.query('SELECT phone, phone_bound_at FROM app_user WHERE id = ?', [userId]);
    if (!u?.phone || u.phone_bound_at === null) return false;
    const normalized = cleanPersonInput({ phone: String(u.phone) }).phone;
    if (!normalized) return false;
    const stored = Buffer.from(recordPhoneHash);
    return this.cipher.lookupHashes('person.phone', normalized).some((h) => h.equals(stored));
  }

  /** The caller's claims, newest first (a rejected one stays visible so they know why). */
  async myClaims(actor: Actor): Promise<MyClaimDto[]> {
    const rows = await this.ds.getRepository(RegClaim).find({ where: { userId: actor.userId }, order: { id: 'DESC' }, take: 20 });
    return rows.map(myClaim);
  }

  // ── staff ───────────────────────────────────────────────────────────────────────────────
  /** Claims in the caller's register.write scope (or one node inside it), oldest first. */
  async list(actor: Actor, q: { node?: string; state?: ClaimState; cursor?: number; limit: number }): Promise<{ items: ClaimDto[]; nextCursor: string | null }> {
    const entries = this.access.scope(actor, 'register.write');
    if (entries.length === 0) throw new AppError('FORBIDDEN', '没有权限处理认领申请');
    let paths = entries.map((e) => e.path);
    if (q.node) {
      const node = await this.tree.byCode(q.node);
      if (!node) throw new AppError('NOT_FOUND', `网格 ${q.node} 不存在`);
      await this.log.requireOrLog(actor, 'register.write', { gridPath: node.path }, { targetType: 'grid', targetId: node.id }, false);
      paths = [node.path];
    }
    const params: unknown[] = [q.state ?? 'pending'];
    const scope = paths.map((p) => {
      params.push(`${p}%`);
      return 'c.grid_path LIKE ?';
    });
    let where = `c.state = ? AND (${scope.join(' OR ')})`;
    if (q.cursor) {
      where += ' AND c.id > ?';
      params.push(q.cursor);
    }
    params.push(q.limit + 1);
    const rows = await this.rows(`${where} ORDER BY c.id ASC LIMIT ?`, params);
    const items = rows.slice(0, q.limit).map((r) => this.claimDto(r));
    return { items, nextCursor: rows.length > q.limit ? String(items[items.length - 1]!.id) : null };
  }

  private claimDto(r: ClaimRow): ClaimDto {
    const phone = r.phone_enc ? this.cipher.decrypt('person.phone', r.phone_enc) : null;
    const idNumber = r.id_enc ? this.cipher.decrypt('person.id_number', r.id_enc) : null;
    return {
      id: Number(r.id),
      state: r.state,
      method: r.method,
      createdAt: iso(r.created_at)!,
      decidedAt: iso(r.decided_at),
      gridCode: r.grid_code,
      gridName: r.grid_name,
      householdId: Number(r.household_id),
      address: [r.address, [r.building, r.unit, r.room].filter(Boolean).join('')].filter(Boolean).join(' '),
      person: { id: Number(r.person_id), name: r.person_name, relation: r.relation, phone: maskPhone(phone), idNumber: maskIdNumber(idNumber) },
      claimant: { userId: Number(r.user_id), name: r.user_name, phoneMasked: maskPhone(r.user_phone), phoneVerified: !!r.user_phone && r.phone_bound_at !== null },
      decidedBy: r.decided_by === null ? null : Number(r.decided_by),
      reason: r.reason,
    };
  }

  /** A pending claim, scope-checked (out of scope: 404 and logged, as for the record itself). */
  private async pendingFor(actor: Actor, id: number): Promise<RegClaim> {
    const c = await this.ds.getRepository(RegClaim).findOneBy({ id });
    if (!c) throw new AppError('NOT_FOUND', '认领申请不存在');
    await this.log.requireOrLog(actor, 'register.write', { gridPath: c.gridPath }, { targetType: 'person', targetId: c.personId });
    if (c.state !== 'pending') throw new AppError('INVALID_TRANSITION', '该认领申请已处理');
    return c;
  }

  /** Links the claimant to the record: from now on they see the household's resident view. */
  async confirm(actor: Actor, id: number): Promise<ClaimDto> {
    const c = await this.pendingFor(actor, id);
    await this.ds.transaction(async (m) => {
      const r = await m.createQueryBuilder().update(RegClaim).set({ state: 'confirmed', decidedAt: new Date(), decidedBy: actor.userId }).where('id = :id AND state = :s', { id, s: 'pending' }).execute();
      if (!r.affected) throw new AppError('INVALID_TRANSITION', '该认领申请已处理');
      const u = await m.createQueryBuilder().update(RegPerson).set({ userId: c.userId }).where('id = :id AND user_id IS NULL', { id: c.personId }).execute();
      if (!u.affected) {
        const still = await m.getRepository(RegPerson).exists({ where: { id: c.personId } });
        throw still ? new AppError('CLAIM_TAKEN', '该登记信息已关联其他账号，不能再确认') : new AppError('NOT_FOUND', '该居民已从登记中删除');
      }
      await enqueueOutbox(m, [{ kind: CLAIM_OUTBOX.decided, payload: { claimId: id } }]);
      await this.log.record(actor, { action: 'person.claim_confirm', targetType: 'person', targetId: c.personId, gridPath: c.gridPath, allowed: true, detail: `claim ${id} by user ${c.userId}` }, m);
    });
    return this.one(id);
  }

  async reject(actor: Actor, id: number, reason: string | undefined): Promise<ClaimDto> {
    const c = await this.pendingFor(actor, id);
    await this.ds.transaction(async (m) => {
      const r = await m.createQueryBuilder().update(RegClaim).set({ state: 'rejected', live: null, decidedAt: new Date(), decidedBy: actor.userId, reason: reason?.trim() ?? '' }).where('id = :id AND state = :s', { id, s: 'pending' }).execute();
      if (!r.affected) throw new AppError('INVALID_TRANSITION', '该认领申请已处理');
      await enqueueOutbox(m, [{ kind: CLAIM_OUTBOX.decided, payload: { claimId: id } }]);
      await this.log.record(actor, { action: 'person.claim_reject', targetType: 'person', targetId: c.personId, gridPath: c.gridPath, allowed: true, detail: `claim ${id} by user ${c.userId}` }, m);
    });
    return this.one(id);
  }

  private async one(id: number): Promise<ClaimDto> {
    const [row] = await this.rows('c.id = ?', [id]);
    if (!row) throw new AppError('NOT_FOUND', '认领申请不存在');
    return this.claimDto(row);
  }

  /** Claims with what the deciding staff need to see: the record (masked), its place, and who asks. */
  private async rows(where: string, params: unknown[]): Promise<ClaimRow[]> {
    const rows: (Omit<ClaimRow, 'grid_code' | 'grid_name'> & { grid_node_id: number })[] = await this.ds.query(
      `SELECT c.id AS id, c.state AS state, c.method AS method, c.created_at AS created_at, c.decided_at AS decided_at, c.decided_by AS decided_by, c.reason AS reason,
              c.household_id AS household_id, c.person_id AS person_id, c.user_id AS user_id,
              c.grid_node_id AS grid_node_id, pl.address AS address, pl.building AS building, pl.unit AS unit, pl.room AS room,
              p.name AS person_name, p.relation AS relation, p.phone_enc AS phone_enc, p.id_enc AS id_enc,
              u.name AS user_name, u.phone AS user_phone, u.phone_bound_at AS phone_bound_at
         FROM reg_claim c
         JOIN reg_person p ON p.id = c.person_id
         JOIN reg_household h ON h.id = c.household_id
         JOIN reg_place pl ON pl.id = h.place_id
         LEFT JOIN app_user u ON u.id = c.user_id
        WHERE ${where}`,
      params,
    );
    // Micro-grid code and name through the GridTree port; a claim without its node is left out,
    // as the former inner join did.
    const nodes = new Map((await this.tree.refsByIds(rows.map((r) => Number(r.grid_node_id)))).map((n) => [n.id, n]));
    return rows.flatMap(({ grid_node_id, ...r }) => {
      const n = nodes.get(Number(grid_node_id));
      return n ? [{ ...r, grid_code: n.code, grid_name: n.name }] : [];
    });
  }
}

interface ClaimRow {
  id: number;
  state: ClaimState;
  method: ClaimMethod;
  created_at: Date | string;
  decided_at: Date | string | null;
  decided_by: number | null;
  reason: string;
  household_id: number;
  person_id: number;
  user_id: number;
  grid_code: string;
  grid_name: string;
  address: string;
  building: string;
  unit: string;
  room: string;
  person_name: string;
  relation: string;
  phone_enc: string | null;
  id_enc: string | null;
  user_name: string | null;
  user_phone: string | null;
  phone_bound_at: Date | string | null;
}

