import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { maskIdNumber, maskPhone, type ClaimDto, type ClaimMethod, type ClaimRequest, type ClaimState, type MyClaimDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { isUniqueViolation } from '../db/errors.js';
import { AccessService } from '../access/access.service.js';
import { enqueueOutbox } from '../outbox/enqueue.js';
import { UserContacts, type UserContact } from '../accounts/user-contacts.repo.js';
import { AccessLogService } from './access-log.service.js';
import { ClaimsRepo, type ClaimDetail } from './claims.repo.js';
import type { RegClaim, RegPerson } from './entities.js';
import { PeopleRepo } from './people.repo.js';
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
    private readonly claims: ClaimsRepo,
    private readonly people: PeopleRepo,
    private readonly users: UserContacts,
  ) {}

  // ── residents ───────────────────────────────────────────────────────────────────────────
  async claim(actor: Actor, dto: ClaimRequest): Promise<MyClaimDto> {
    // No tree scope applies to a resident; what they must prove is the record itself.
    const c = cleanPersonInput({ idNumber: dto.idNumber });
    const p = c.idNumber ? await this.people.byIdHashes(this.cipher.lookupHashes('person.id_number', c.idNumber)) : null;
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
    const row = await this.people.lockLink(p.id, m);
    if (!row) throw new AppError('NOT_FOUND', '没有与该姓名和身份证号一致的登记');
    const linked = row.userId;
    const live = await this.claims.liveFor(p.id, m);
    const now = new Date();
    if (linked !== null && linked !== actor.userId) throw new ClaimRefused('the record is linked to another account');
    if (live && live.userId === actor.userId) {
      // Asking again is harmless: the same claim; a phone bound since then confirms it.
      if (live.state === 'pending' && phoneMatch) {
        await this.claims.decidePending(live.id, { state: 'confirmed', method: 'phone', decidedAt: now }, m);
        await this.link(m, p.id, actor.userId);
        await this.log.record(actor, { action: 'person.claim', targetType: 'person', targetId: p.id, gridPath: p.gridPath, allowed: true, detail: `claim ${live.id} confirmed by verified phone` }, m);
        return myClaim((await this.claims.byId(live.id, m))!);
      }
      return myClaim(live);
    }
    if (linked === actor.userId) throw new AppError('DUPLICATE', '您已认领此家庭档案');
    if (live) {
      if (!phoneMatch) throw new ClaimRefused(`claim ${live.id} by another account is ${live.state}`);
      // The record's own phone outranks a name + ID claim still waiting for a worker.
      await this.claims.decidePending(live.id, { state: 'superseded', live: null, decidedAt: now, reason: '登记电话本人已认领' }, m);
      await enqueueOutbox(m, [{ kind: CLAIM_OUTBOX.decided, payload: { claimId: live.id } }]);
    }
    const id = await this.claims.insert(
      {
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
      },
      m,
    );
    if (phoneMatch) await this.link(m, p.id, actor.userId);
    else await enqueueOutbox(m, [{ kind: CLAIM_OUTBOX.requested, payload: { claimId: id } }]);
    await this.log.record(actor, { action: 'person.claim', targetType: 'person', targetId: p.id, gridPath: p.gridPath, allowed: true, detail: phoneMatch ? `claim ${id} confirmed by verified phone` : `claim ${id} pending` }, m);
    return myClaim((await this.claims.byId(id, m))!);
  }

  /** Sets reg_person.user_id only where it is still empty: a link is never moved from one account to another. */
  private async link(m: EntityManager, personId: number, userId: number): Promise<void> {
    if (!(await this.people.linkUser(personId, userId, m))) throw new ClaimRefused('the record is linked to another account');
  }

  /** The phone WeChat verified for this account (getPhoneNumber), compared with the record's by keyed hash. */
  private async verifiedPhoneMatches(userId: number, recordPhoneHash: Buffer | null): Promise<boolean> {
    if (!recordPhoneHash) return false;
    const u = (await this.users.byIds([userId])).get(userId);
    if (!u?.phone || u.phoneBoundAt === null) return false;
    const normalized = cleanPersonInput({ phone: String(u.phone) }).phone;
    if (!normalized) return false;
    const stored = Buffer.from(recordPhoneHash);
    return this.cipher.lookupHashes('person.phone', normalized).some((h) => h.equals(stored));
  }

  /** The caller's claims, newest first (a rejected one stays visible so they know why). */
  async myClaims(actor: Actor): Promise<MyClaimDto[]> {
    return (await this.claims.ofUser(actor.userId, 20)).map(myClaim);
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
    const rows = await this.rows({ state: q.state ?? 'pending', paths, after: q.cursor, limit: q.limit + 1 });
    const items = rows.slice(0, q.limit).map((r) => this.claimDto(r));
    return { items, nextCursor: rows.length > q.limit ? String(items[items.length - 1]!.id) : null };
  }

  private claimDto(r: ClaimRow): ClaimDto {
    const phone = r.phoneEnc ? this.cipher.decrypt('person.phone', r.phoneEnc) : null;
    const idNumber = r.idEnc ? this.cipher.decrypt('person.id_number', r.idEnc) : null;
    const u = r.user;
    return {
      id: r.id,
      state: r.state,
      method: r.method,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
      gridCode: r.gridCode,
      gridName: r.gridName,
      householdId: r.householdId,
      address: [r.address, [r.building, r.unit, r.room].filter(Boolean).join('')].filter(Boolean).join(' '),
      person: { id: r.personId, name: r.personName, relation: r.relation, phone: maskPhone(phone), idNumber: maskIdNumber(idNumber) },
      claimant: { userId: r.userId, name: u?.name ?? null, phoneMasked: maskPhone(u?.phone ?? null), phoneVerified: !!u?.phone && u.phoneBoundAt !== null },
      decidedBy: r.decidedBy,
      reason: r.reason,
    };
  }

  /** A pending claim, scope-checked (out of scope: 404 and logged, as for the record itself). */
  private async pendingFor(actor: Actor, id: number): Promise<RegClaim> {
    const c = await this.claims.byId(id);
    if (!c) throw new AppError('NOT_FOUND', '认领申请不存在');
    await this.log.requireOrLog(actor, 'register.write', { gridPath: c.gridPath }, { targetType: 'person', targetId: c.personId });
    if (c.state !== 'pending') throw new AppError('INVALID_TRANSITION', '该认领申请已处理');
    return c;
  }

  /** Links the claimant to the record: from now on they see the household's resident view. */
  async confirm(actor: Actor, id: number): Promise<ClaimDto> {
    const c = await this.pendingFor(actor, id);
    await this.ds.transaction(async (m) => {
      if (!(await this.claims.decidePending(id, { state: 'confirmed', decidedAt: new Date(), decidedBy: actor.userId }, m))) throw new AppError('INVALID_TRANSITION', '该认领申请已处理');
      if (!(await this.people.linkUser(c.personId, c.userId, m))) {
        const still = await this.people.exists(c.personId, m);
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
      if (!(await this.claims.decidePending(id, { state: 'rejected', live: null, decidedAt: new Date(), decidedBy: actor.userId, reason: reason?.trim() ?? '' }, m))) throw new AppError('INVALID_TRANSITION', '该认领申请已处理');
      await enqueueOutbox(m, [{ kind: CLAIM_OUTBOX.decided, payload: { claimId: id } }]);
      await this.log.record(actor, { action: 'person.claim_reject', targetType: 'person', targetId: c.personId, gridPath: c.gridPath, allowed: true, detail: `claim ${id} by user ${c.userId}` }, m);
    });
    return this.one(id);
  }

  private async one(id: number): Promise<ClaimDto> {
    const [row] = await this.rows({ id });
    if (!row) throw new AppError('NOT_FOUND', '认领申请不存在');
    return this.claimDto(row);
  }

  /** Claims with what the deciding staff need to see: the record (masked), its place, and who asks. */
  private async rows(q: Parameters<ClaimsRepo['details']>[0]): Promise<ClaimRow[]> {
    const rows = await this.claims.details(q);
    // Micro-grid code and name through the GridTree port; a claim without its node is left out,
    // as the former inner join did. The claimant through accounts (a former left join).
    const nodes = new Map((await this.tree.refsByIds(rows.map((r) => r.gridNodeId))).map((n) => [n.id, n]));
    const users = await this.users.byIds(rows.map((r) => r.userId));
    return rows.flatMap((r) => {
      const n = nodes.get(r.gridNodeId);
      return n ? [{ ...r, gridCode: n.code, gridName: n.name, user: users.get(r.userId) ?? null }] : [];
    });
  }
}

type ClaimRow = ClaimDetail & { gridCode: string; gridName: string; user: UserContact | null };
