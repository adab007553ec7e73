import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  maskIdNumber,
  maskPhone,
  ORG_KINDS,
  RISK_KINDS,
  RISK_STATES,
  type CreateHouseholdRequest,
  type CreatePlaceRequest,
  type HouseholdDto,
  type HouseholdFileDto,
  type HouseholdTimelineItem,
  type OrganizationDto,
  type OrganizationInput,
  type PersonDto,
  type PersonInput,
  type PlaceDto,
  type ResidentHouseholdDto,
  type ResidentPersonDto,
  type RiskDto,
  type RiskInput,
  type UpdateHouseholdRequest,
  type UpdateOrganizationRequest,
  type UpdatePlaceRequest,
  type UpdatePersonRequest,
  type UpdateRiskRequest,
  RISK_KIND_LABEL,
} from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { AccessService } from '../access/access.service.js';
import { GridNode } from '../grids/grid-node.entity.js';
import { HouseholdVisits } from './household-visits.js';
import { HouseholdCampaignAnswers, HouseholdEvents } from './household-file-ports.js';
import { AccessLogService } from './access-log.service.js';
import { addHouseholdCounts } from './household-counts.repo.js';
import type { RegHousehold, RegOrganization, RegPerson, RegPlace, RegRiskItem } from './entities.js';
import { ClaimsRepo } from './claims.repo.js';
import { PeopleRepo } from './people.repo.js';
import { PlacesRepo } from './places.repo.js';
import { PiiCipher } from './pii-cipher.js';
import { cleanPersonInput, type CleanPerson } from './person-input.js';
import { PersonSearcher, type PersonHit } from './search.js';
import { RegisterImporter, type ImportResult } from './import/importer.js';
import { loadExcel, parseImportXlsx } from './import/xlsx.js';
import { isUniqueViolation } from '../db/errors.js';
import { GridTree } from '../grids/grid-tree.repo.js';

export const PII_CIPHER = 'PII_CIPHER';
export const MAX_EXPORT_ROWS = 200_000;

/**
 * The unique keyed-hash index caught an ID number another request registered between our check
 * and our write: the same 409 the check itself gives.
 */
function idTaken(e: unknown): never {
  if (isUniqueViolation(e)) throw new AppError('DUPLICATE', 'this ID number is already registered', { fields: { idNumber: 'already registered' } });
  throw e;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Places and organizations have no version column (adding one is a migration on tables another
 * change is reworking), so their version is the second of their last change, and every edit moves
 * `updated_at` on by at least a whole second (datetime keeps whole seconds on MariaDB): a copy read
 * before someone else's edit never matches again, even for edits within one second.
 */
const stampVersion = (d: Date): number => Math.floor(d.getTime() / 1000);
const nextStamp = (prev: Date): Date => new Date(Math.max(Math.floor(Date.now() / 1000), stampVersion(prev) + 1) * 1000);

/** Two places in a micro-grid cannot have the same address, building, unit and room (unique index). */
function placeTaken(e: unknown): never {
  if (isUniqueViolation(e)) throw new AppError('DUPLICATE', 'this address is already registered in the micro-grid', { fields: { address: 'already registered in the micro-grid' } });
  throw e;
}

/**
 * The household register: places, households, people, organizations, risk items; the 一户一档
 * view; search; export. Every method takes the actor first and checks scope through AccessService
 * (via AccessLogService.requireOrLog, which also logs refusals).
 */
@Injectable()
export class RegisterService {
  private readonly searcher: PersonSearcher;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tree: GridTree,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
    private readonly access: AccessService,
    private readonly log: AccessLogService,
    private readonly visits: HouseholdVisits,
    private readonly events: HouseholdEvents,
    private readonly answers: HouseholdCampaignAnswers,
    private readonly places: PlacesRepo,
    private readonly people: PeopleRepo,
    private readonly claims: ClaimsRepo,
  ) {
    this.searcher = new PersonSearcher(ds, cipher);
  }

  // ── places ──────────────────────────────────────────────────────────────────────────────
  private async microByCode(code: string): Promise<GridNode> {
    const n = await this.tree.byCode(code);
    if (!n) throw new AppError('NOT_FOUND', `grid ${code} not found`);
    if (n.level !== 'micro') throw new AppError('VALIDATION_FAILED', 'gridCode must be a micro-grid', { fields: { gridCode: `${code} is a ${n.level}` } });
    return n;
  }

  private async nodeByCode(code: string): Promise<GridNode> {
    const n = await this.tree.byCode(code);
    if (!n) throw new AppError('NOT_FOUND', `grid ${code} not found`);
    return n;
  }

  private placeDto(p: RegPlace, node?: GridNode): PlaceDto {
    return { id: p.id, gridCode: node?.code ?? p.gridPath.split('/').filter(Boolean).pop()!, gridName: node?.name ?? '', address: p.address, building: p.building, unit: p.unit, room: p.room, lng: p.lng, lat: p.lat, version: stampVersion(p.updatedAt) };
  }

  async createPlace(actor: Actor, dto: CreatePlaceRequest): Promise<PlaceDto> {
    const node = await this.microByCode(dto.gridCode);
    await this.log.requireOrLog(actor, 'register.write', { gridPath: node.path }, { targetType: 'grid', targetId: node.id }, false);
    const now = new Date();
    try {
      const id = await this.places.insertPlace({ gridNodeId: node.id, gridPath: node.path, address: dto.address.trim(), building: dto.building?.trim() ?? '', unit: dto.unit?.trim() ?? '', room: dto.room?.trim() ?? '', lng: dto.lng ?? null, lat: dto.lat ?? null, createdAt: now, updatedAt: now });
      return this.placeDto((await this.places.place(id))!, node);
    } catch (e) {
      placeTaken(e);
    }
  }

  /** Corrects a place's address or point; the micro-grid stays (its households and people are filed under it). */
  async updatePlace(actor: Actor, id: number, dto: UpdatePlaceRequest): Promise<PlaceDto> {
    const place = await this.placeForWrite(actor, id);
    if ((dto.lng === null) !== (dto.lat === null) || (dto.lng === undefined) !== (dto.lat === undefined)) throw new AppError('VALIDATION_FAILED', 'lng and lat go together', { fields: { lng: 'give lng and lat together' } });
    if (dto.version !== stampVersion(place.updatedAt)) throw new AppError('CONFLICT', 'the place was changed by someone else; reload and retry');
    const set: Partial<RegPlace> = { updatedAt: nextStamp(place.updatedAt) };
    if (dto.address !== undefined) set.address = dto.address.trim();
    if (dto.building !== undefined) set.building = dto.building.trim();
    if (dto.unit !== undefined) set.unit = dto.unit.trim();
    if (dto.room !== undefined) set.room = dto.room.trim();
    if (dto.lng !== undefined) {
      set.lng = dto.lng;
      set.lat = dto.lat ?? null;
    }
    if (set.address === '') throw new AppError('VALIDATION_FAILED', 'address is empty', { fields: { address: 'required' } });
    const changed = await this.places.updatePlace(id, place.updatedAt, set).catch(placeTaken);
    if (!changed) throw new AppError('CONFLICT', 'the place was changed by someone else; reload and retry');
    const node = await this.tree.byId(place.gridNodeId);
    return this.placeDto((await this.places.place(id))!, node ?? undefined);
  }

  async listPlaces(actor: Actor, q: { node?: string; cursor?: number; limit: number }): Promise<{ items: PlaceDto[]; nextCursor: string | null }> {
    const scope = await this.listScope(actor, 'register.read', q.node);
    const rows = await this.places.placesIn(scope, q.cursor, q.limit + 1);
    const items = rows.slice(0, q.limit).map((p) => this.placeDto(p));
    return { items, nextCursor: rows.length > q.limit ? String(items[items.length - 1]!.id) : null };
  }

  /** Scope paths for a list: the actor's subtrees, or one node inside them (logged and refused otherwise). */
  private async listScope(actor: Actor, action: 'register.read' | 'register.export', nodeCode?: string): Promise<string[]> {
    const entries = this.access.scope(actor, action);
    if (entries.length === 0) throw new AppError('FORBIDDEN', `not allowed: ${action}`);
    if (!nodeCode) return entries.map((e) => e.path);
    const node = await this.nodeByCode(nodeCode);
    await this.log.requireOrLog(actor, action, { gridPath: node.path }, { targetType: 'grid', targetId: node.id }, false);
    return [node.path];
  }

  // ── households ──────────────────────────────────────────────────────────────────────────
  async createHousehold(actor: Actor, dto: CreateHouseholdRequest): Promise<HouseholdDto> {
    const place = await this.places.place(dto.placeId);
    if (!place) throw new AppError('NOT_FOUND', 'place not found');
    await this.log.requireOrLog(actor, 'register.write', { gridPath: place.gridPath }, { targetType: 'place', targetId: place.id });
    const now = new Date();
    const id = await this.ds.transaction(async (em) => {
      const hid = await this.places.insertHousehold({ placeId: place.id, gridNodeId: place.gridNodeId, gridPath: place.gridPath, code: dto.code?.trim() ?? '', note: dto.note?.trim() ?? '', version: 1, createdAt: now, updatedAt: now }, em);
      await addHouseholdCounts(em, new Map([[place.gridPath, 1]]));
      return hid;
    });
    return this.householdDto(actor, id);
  }

  async updateHousehold(actor: Actor, id: number, dto: UpdateHouseholdRequest): Promise<HouseholdDto> {
    const h = await this.householdOr404(actor, id, 'register.write');
    const set: Partial<RegHousehold> = { version: h.version + 1, updatedAt: new Date() };
    if (dto.code !== undefined) set.code = dto.code.trim();
    if (dto.note !== undefined) set.note = dto.note.trim();
    if (!(await this.places.updateHousehold(id, dto.version, set))) throw new AppError('CONFLICT', 'the household was changed by someone else; reload and retry');
    return this.householdDto(actor, id);
  }

  private async householdOr404(actor: Actor, id: number, action: 'register.read' | 'register.write'): Promise<RegHousehold> {
    const h = await this.places.household(id);
    if (!h) throw new AppError('NOT_FOUND', 'household not found');
    await this.log.requireOrLog(actor, action, { gridPath: h.gridPath }, { targetType: 'household', targetId: id });
    return h;
  }

  private async householdDto(actor: Actor, id: number): Promise<HouseholdDto> {
    const h = (await this.places.household(id))!;
    const place = (await this.places.place(h.placeId))!;
    const node = await this.tree.byId(place.gridNodeId);
    const people = await this.people.ofHousehold(id);
    const canReveal = !!(await this.access.check(actor, 'register.read_full', { nodePath: h.gridPath }));
    return {
      id: h.id,
      code: h.code,
      note: h.note,
      version: h.version,
      place: this.placeDto(place, node ?? undefined),
      people: people.map((p) => ({ ...this.personDto(p, false), canReveal, isMe: p.userId === actor.userId })),
    };
  }

  // ── people ──────────────────────────────────────────────────────────────────────────────
  personDto(p: Pick<RegPerson, 'id' | 'householdId' | 'gridPath' | 'name' | 'relation' | 'phoneEnc' | 'idEnc' | 'birthYear' | 'gender' | 'tags'> & { version?: number }, reveal: boolean): PersonDto {
    const phone = p.phoneEnc ? this.cipher.decrypt('person.phone', p.phoneEnc) : null;
    const idNumber = p.idEnc ? this.cipher.decrypt('person.id_number', p.idEnc) : null;
    return {
      id: p.id,
      householdId: p.householdId,
      gridPath: p.gridPath,
      name: p.name,
      relation: p.relation,
      phone: reveal ? phone : maskPhone(phone),
      idNumber: reveal ? idNumber : maskIdNumber(idNumber),
      revealed: reveal,
      birthYear: p.birthYear,
      gender: p.gender,
      tags: p.tags ? p.tags.split(',') : [],
      ...(p.version !== undefined ? { version: p.version } : {}),
    };
  }

  private hashes(c: CleanPerson): Partial<RegPerson> {
    const out: Partial<RegPerson> = {};
    if (c.phone !== undefined) {
      out.phoneEnc = c.phone ? this.cipher.encrypt('person.phone', c.phone) : null;
      out.phoneHash = c.phone ? this.cipher.hash('person.phone', c.phone) : null;
    }
    if (c.idNumber !== undefined) {
      out.idEnc = c.idNumber ? this.cipher.encrypt('person.id_number', c.idNumber) : null;
      out.idHash = c.idNumber ? this.cipher.hash('person.id_number', c.idNumber) : null;
      if (c.idNumber) out.gender = c.gender ?? null;
    }
    return out;
  }

  /** Same ID anywhere (under either key during a rotation), or same name + birth year in the household → 409 DUPLICATE. */
  private async assertNotDuplicate(em: EntityManager, householdId: number, c: { name: string; birthYear: number | null; idNumber: string | null | undefined }, exceptId?: number): Promise<void> {
    if (c.idNumber) {
      const other = await this.people.idHolder(this.cipher.lookupHashes('person.id_number', c.idNumber), em);
      if (other && other.id !== exceptId) throw new AppError('DUPLICATE', other.householdId === householdId ? 'this person is already in the household' : 'this ID number is already registered in another household', { fields: { idNumber: 'already registered' } });
    }
    const same = await this.people.sameName(householdId, c.name, em);
    if (same.some((p) => p.id !== exceptId && p.birthYear === c.birthYear)) throw new AppError('DUPLICATE', 'a person with this name and birth year is already in the household', { fields: { name: 'duplicate in household' } });
  }

  async addPerson(actor: Actor, householdId: number, input: PersonInput): Promise<PersonDto> {
    const h = await this.householdOr404(actor, householdId, 'register.write');
    const c = cleanPersonInput(input);
    const now = new Date();
    const enc = this.hashes({ ...c, phone: c.phone ?? null, idNumber: c.idNumber ?? null });
    const id = await this.ds.transaction(async (em) => {
      await this.assertNotDuplicate(em, householdId, { name: c.name!, birthYear: c.birthYear ?? null, idNumber: c.idNumber });
      const row = { householdId, gridNodeId: h.gridNodeId, gridPath: h.gridPath, name: c.name!, relation: c.relation!, phoneEnc: null, phoneHash: null, idEnc: null, idHash: null, ...enc, birthYear: c.birthYear ?? null, gender: c.gender ?? null, tags: (c.tags ?? []).join(','), userId: null, version: 1, createdAt: now, updatedAt: now };
      return this.people.insert(row, c.tags ?? [], em);
    }).catch(idTaken);
    return this.personDto((await this.people.byId(id))!, false);
  }

  private async personOr404(actor: Actor, id: number, action: 'register.read' | 'register.write'): Promise<RegPerson> {
    const p = await this.people.byId(id);
    if (!p) throw new AppError('NOT_FOUND', 'person not found');
    await this.log.requireOrLog(actor, action, { gridPath: p.gridPath }, { targetType: 'person', targetId: id });
    return p;
  }

  /** A person, masked; with `reveal` the full record for roles that may (register.read_full), logged. */
  async getPerson(actor: Actor, id: number, reveal: boolean): Promise<PersonDto> {
    const p = await this.personOr404(actor, id, 'register.read');
    const canReveal = !!(await this.access.check(actor, 'register.read_full', { nodePath: p.gridPath }));
    if (reveal) {
      if (!canReveal) {
        await this.log.record(actor, { action: 'denied:person.read_full', targetType: 'person', targetId: id, gridPath: p.gridPath, allowed: false });
        throw new AppError('FORBIDDEN', 'your role may not see full ID and phone numbers');
      }
      await this.log.record(actor, { action: 'person.read_full', targetType: 'person', targetId: id, gridPath: p.gridPath, allowed: true });
    }
    return { ...this.personDto(p, reveal), canReveal };
  }

  async updatePerson(actor: Actor, id: number, dto: UpdatePersonRequest, opts: { residentSelf?: boolean } = {}): Promise<PersonDto> {
    const p = opts.residentSelf ? (await this.people.byId(id))! : await this.personOr404(actor, id, 'register.write');
    const { version, ...rest } = dto;
    const c = cleanPersonInput(rest);
    const enc = this.hashes(c);
    await this.ds.transaction(async (em) => {
      const name = c.name ?? p.name;
      const birthYear = c.birthYear !== undefined ? c.birthYear : p.birthYear;
      await this.assertNotDuplicate(em, p.householdId, { name, birthYear, idNumber: c.idNumber }, id);
      const set: Partial<RegPerson> = { ...enc, version: p.version + 1, updatedAt: new Date() };
      if (c.name !== undefined) set.name = c.name;
      if (c.relation !== undefined) set.relation = c.relation;
      if (c.birthYear !== undefined) set.birthYear = c.birthYear;
      if (c.tags !== undefined) set.tags = c.tags.join(',');
      if (!(await this.people.update(id, version, set, em))) throw new AppError('CONFLICT', 'the record was changed by someone else; reload and retry');
      if (c.tags !== undefined) await this.people.replaceTags(id, c.tags, p.gridPath, em);
      if (opts.residentSelf) await this.log.record(actor, { action: 'person.self_correct', targetType: 'person', targetId: id, gridPath: p.gridPath, allowed: true, detail: Object.keys(c).join(',') }, em);
    }).catch(idTaken);
    return this.personDto((await this.people.byId(id))!, !!opts.residentSelf && p.userId === actor.userId);
  }

  async deletePerson(actor: Actor, id: number): Promise<void> {
    await this.personOr404(actor, id, 'register.write');
    await this.ds.transaction(async (em) => {
      // A claim on a record that is gone can never be confirmed: close it so its claimant is not left waiting.
      await this.claims.closeForDeletedPerson(id, actor.userId, '该登记已删除', em);
      await this.people.delete(id, em);
    });
  }

  async searchPeople(actor: Actor, q: { node?: string; name?: string; phone?: string; idNumber?: string; tag?: string; cursor?: string; limit: number }): Promise<{ items: PersonDto[]; nextCursor: string | null }> {
    const scope = await this.listScope(actor, 'register.read', q.node);
    const res = await this.searcher.search({ scope, name: q.name, phone: q.phone, idNumber: q.idNumber, tag: q.tag, cursor: q.cursor, limit: q.limit });
    // Looking someone up by phone or ID number is a read of personal data: logged (never the value).
    if (q.phone !== undefined || q.idNumber !== undefined) {
      await this.log.record(actor, { action: 'person.lookup', targetType: 'person', targetId: res.items.length === 1 ? res.items[0]!.id : null, gridPath: scope.length === 1 ? scope[0]! : null, allowed: true, detail: `by ${q.phone !== undefined ? 'phone' : 'idNumber'}; ${res.items.length} found` });
    }
    return { items: res.items.map((h: PersonHit) => this.personDto(h, false)), nextCursor: res.nextCursor };
  }

  // ── organizations and risk items ─────────────────────────────────────────────────────────
  private async placeForWrite(actor: Actor, placeId: number): Promise<RegPlace> {
    const place = await this.places.place(placeId);
    if (!place) throw new AppError('NOT_FOUND', 'place not found');
    await this.log.requireOrLog(actor, 'register.write', { gridPath: place.gridPath }, { targetType: 'place', targetId: place.id });
    return place;
  }

  async createOrganization(actor: Actor, dto: OrganizationInput): Promise<OrganizationDto> {
    if (!(ORG_KINDS as readonly string[]).includes(dto.kind)) throw new AppError('VALIDATION_FAILED', 'unknown kind', { fields: { kind: `one of ${ORG_KINDS.join(', ')}` } });
    const place = await this.placeForWrite(actor, dto.placeId);
    const now = new Date();
    const id = await this.places.insertOrganization({ placeId: place.id, gridPath: place.gridPath, name: dto.name.trim(), kind: dto.kind, creditCode: dto.creditCode ?? null, contactName: dto.contactName ?? null, contactPhone: dto.contactPhone ?? null, createdAt: now, updatedAt: now });
    return this.orgDto((await this.places.organization(id))!);
  }

  private orgDto(o: RegOrganization): OrganizationDto {
    return { id: o.id, placeId: o.placeId, gridPath: o.gridPath, name: o.name, kind: o.kind, creditCode: o.creditCode ?? undefined, contactName: o.contactName ?? undefined, contactPhone: o.contactPhone ?? undefined, version: stampVersion(o.updatedAt) };
  }

  private async orgForWrite(actor: Actor, id: number): Promise<RegOrganization> {
    const o = await this.places.organization(id);
    if (!o) throw new AppError('NOT_FOUND', 'organization not found');
    await this.log.requireOrLog(actor, 'register.write', { gridPath: o.gridPath }, { targetType: 'organization', targetId: id });
    return o;
  }

  /** Name, kind and contacts of an organization (null clears an optional field); it stays at its place. */
  async updateOrganization(actor: Actor, id: number, dto: UpdateOrganizationRequest): Promise<OrganizationDto> {
    const o = await this.orgForWrite(actor, id);
    if (dto.version !== stampVersion(o.updatedAt)) throw new AppError('CONFLICT', 'the organization was changed by someone else; reload and retry');
    const set: Partial<RegOrganization> = { updatedAt: nextStamp(o.updatedAt) };
    if (dto.name !== undefined) set.name = dto.name.trim();
    if (set.name === '') throw new AppError('VALIDATION_FAILED', 'name is empty', { fields: { name: 'required' } });
    if (dto.kind !== undefined) set.kind = dto.kind;
    if (dto.creditCode !== undefined) set.creditCode = dto.creditCode;
    if (dto.contactName !== undefined) set.contactName = dto.contactName?.trim() || null;
    if (dto.contactPhone !== undefined) set.contactPhone = dto.contactPhone;
    if (!(await this.places.updateOrganization(id, o.updatedAt, set))) throw new AppError('CONFLICT', 'the organization was changed by someone else; reload and retry');
    return this.orgDto((await this.places.organization(id))!);
  }

  /** Removes an organization (closed shop, dissolved association); nothing else refers to it. */
  async deleteOrganization(actor: Actor, id: number): Promise<void> {
    await this.orgForWrite(actor, id);
    await this.places.deleteOrganization(id);
  }

  async listOrganizations(actor: Actor, q: { node?: string; cursor?: number; limit: number }): Promise<{ items: OrganizationDto[]; nextCursor: string | null }> {
    const scope = await this.listScope(actor, 'register.read', q.node);
    const rows = await this.places.organizationsIn(scope, q.cursor, q.limit + 1);
    const items = rows.slice(0, q.limit).map((o) => this.orgDto(o));
    return { items, nextCursor: rows.length > q.limit ? String(items[items.length - 1]!.id) : null };
  }

  private riskDto(r: RegRiskItem): RiskDto {
    return { id: r.id, placeId: r.placeId, householdId: r.householdId, gridPath: r.gridPath, kind: r.kind, state: r.state, note: r.note, version: r.version, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), resolvedAt: iso(r.resolvedAt) };
  }

  async createRisk(actor: Actor, dto: RiskInput): Promise<RiskDto> {
    if (!(RISK_KINDS as readonly string[]).includes(dto.kind)) throw new AppError('VALIDATION_FAILED', 'unknown kind', { fields: { kind: `one of ${RISK_KINDS.join(', ')}` } });
    const state = dto.state ?? 'open';
    if (!(RISK_STATES as readonly string[]).includes(state)) throw new AppError('VALIDATION_FAILED', 'unknown state', { fields: { state: `one of ${RISK_STATES.join(', ')}` } });
    const place = await this.placeForWrite(actor, dto.placeId);
    if (dto.householdId !== undefined) {
      const h = await this.places.household(dto.householdId);
      if (!h || h.placeId !== place.id) throw new AppError('VALIDATION_FAILED', 'householdId is not a household at this place', { fields: { householdId: 'not at this place' } });
    }
    const now = new Date();
    const id = await this.places.insertRisk({ placeId: place.id, householdId: dto.householdId ?? null, gridPath: place.gridPath, kind: dto.kind, state, note: dto.note?.trim() ?? '', version: 1, createdAt: now, updatedAt: now, resolvedAt: state === 'resolved' ? now : null });
    return this.riskDto((await this.places.risk(id))!);
  }

  async updateRisk(actor: Actor, id: number, dto: UpdateRiskRequest): Promise<RiskDto> {
    const r0 = await this.places.risk(id);
    if (!r0) throw new AppError('NOT_FOUND', 'risk item not found');
    await this.log.requireOrLog(actor, 'register.write', { gridPath: r0.gridPath }, { targetType: 'risk', targetId: id });
    if (dto.state !== undefined && !(RISK_STATES as readonly string[]).includes(dto.state)) throw new AppError('VALIDATION_FAILED', 'unknown state', { fields: { state: `one of ${RISK_STATES.join(', ')}` } });
    const now = new Date();
    const set: Partial<RegRiskItem> = { version: r0.version + 1, updatedAt: now };
    if (dto.state !== undefined) {
      set.state = dto.state;
      set.resolvedAt = dto.state === 'resolved' ? now : null;
    }
    if (dto.note !== undefined) set.note = dto.note.trim();
    if (!(await this.places.updateRisk(id, dto.version, set))) throw new AppError('CONFLICT', 'the risk item was changed by someone else; reload and retry');
    return this.riskDto((await this.places.risk(id))!);
  }

  async listRisks(actor: Actor, q: { node?: string; state?: string; cursor?: number; limit: number }): Promise<{ items: RiskDto[]; nextCursor: string | null }> {
    const scope = await this.listScope(actor, 'register.read', q.node);
    const rows = await this.places.risksIn(scope, q.state, q.cursor, q.limit + 1);
    const items = rows.slice(0, q.limit).map((r) => this.riskDto(r));
    return { items, nextCursor: rows.length > q.limit ? String(items[items.length - 1]!.id) : null };
  }

  // ── the household file (一户一档) ───────────────────────────────────────────────────────────
  async householdFile(actor: Actor, id: number): Promise<HouseholdFileDto> {
    const h = await this.householdOr404(actor, id, 'register.read');
    const household = await this.householdDto(actor, h.id);
    const orgs = await this.places.organizationsAt(h.placeId);
    const risks = await this.places.risksAt(h.placeId, 100);
    const visitsRows = await this.visits.ofHousehold(h.id, 100);
    const names = new Map(household.people.map((p) => [p.id, p.name]));
    const visits = visitsRows.map((v) => ({ id: v.id, personId: v.personId, personName: names.get(v.personId) ?? '', householdId: v.householdId, scheduleId: v.scheduleId, visitorUserId: v.visitorUserId, visitedAt: v.visitedAt.toISOString(), notes: v.notes, photos: JSON.parse(v.photos) as string[], eventId: v.eventId }));
    const events = await this.events.summaries(visitsRows.filter((v) => v.eventId !== null).map((v) => v.eventId!));
    const campaignAnswers = await this.answers.ofHousehold(h.id, 100);
    const timeline: HouseholdTimelineItem[] = [
      ...visits.map((v) => ({ at: v.visitedAt, kind: 'visit' as const, title: `走访 ${v.personName}`, refId: v.id })),
      ...risks.map((r) => ({ at: r.updatedAt.toISOString(), kind: 'risk' as const, title: `${RISK_KIND_LABEL[r.kind as keyof typeof RISK_KIND_LABEL] ?? r.kind}：${r.state}`, refId: r.id })),
      ...events.map((e) => ({ at: e.at, kind: 'event' as const, title: e.title, refId: e.id })),
      ...campaignAnswers.map((c) => ({ at: c.at, kind: 'campaign' as const, title: c.campaign, refId: c.id })),
    ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    return { household, organizations: orgs.map((o) => this.orgDto(o)), risks: risks.map((r) => this.riskDto(r)), visits, events, campaignAnswers, timeline };
  }

  // ── import and export ───────────────────────────────────────────────────────────────────
  async importXlsx(actor: Actor, buf: Buffer): Promise<ImportResult> {
    const entries = this.access.scope(actor, 'register.import');
    if (entries.length === 0) {
      await this.log.record(actor, { action: 'denied:register.import', targetType: 'grid', allowed: false });
      throw new AppError('FORBIDDEN', 'not allowed: register.import');
    }
    const rows = await parseImportXlsx(buf);
    const res = await new RegisterImporter(this.ds, this.cipher).importRows(rows, entries.map((e) => e.path));
    await this.log.record(actor, { action: 'register.import', targetType: 'grid', allowed: true, gridPath: entries.length === 1 ? entries[0]!.path : null, detail: `${res.people} people, ${res.households} households` });
    return res;
  }

  /** Full personal data of a subtree as .xlsx: street admins and above only, always logged. */
  async exportXlsx(actor: Actor, nodeCode: string): Promise<{ filename: string; data: Buffer; rows: number }> {
    const node = await this.nodeByCode(nodeCode);
    await this.log.requireOrLog(actor, 'register.export', { gridPath: node.path }, { targetType: 'grid', targetId: node.id }, false);
    const count = await this.people.countIn(node.path);
    if (count > MAX_EXPORT_ROWS) throw new AppError('VALIDATION_FAILED', `${count} people is more than ${MAX_EXPORT_ROWS} per export; export a smaller area`, { fields: { node: 'too large' } });
    const wb = new (await loadExcel()).Workbook();
    const ws = wb.addWorksheet('人口');
    ws.columns = ['微网格', '地址', '楼栋', '单元', '房号', '户编号', '姓名', '与户主关系', '手机号', '身份证号', '出生年份', '标签'].map((header) => ({ header, width: 16 }));
    let last = 0;
    for (;;) {
      const batch = await this.people.exportBatch(node.path, last, 2000);
      if (batch.length === 0) break;
      for (const r of batch) {
        ws.addRow([
          r.gridPath.split('/').filter(Boolean).pop(),
          r.address,
          r.building,
          r.unit,
          r.room,
          r.householdCode,
          r.name,
          r.relation,
          r.phoneEnc ? this.cipher.decrypt('person.phone', r.phoneEnc) : '',
          r.idEnc ? this.cipher.decrypt('person.id_number', r.idEnc) : '',
          r.birthYear ?? '',
          r.tags.split(',').filter(Boolean).join('、'),
        ]);
      }
      last = batch[batch.length - 1]!.id;
    }
    await this.log.record(actor, { action: 'register.export', targetType: 'grid', targetId: node.id, gridPath: node.path, allowed: true, detail: `${count} people` });
    return { filename: `register-${node.code}.xlsx`, data: Buffer.from(await wb.xlsx.writeBuffer()), rows: count };
  }

  // ── residents: their own household ─────────────────────────────────────────────────────────
  /**
   * The households the caller is a confirmed member of (reg_person.user_id, set only when a claim
   * is confirmed), in the resident view; each view is logged like a worker's read of a file.
   */
  async myHouseholds(actor: Actor): Promise<ResidentHouseholdDto[]> {
    const out: ResidentHouseholdDto[] = [];
    for (const id of await this.people.householdIdsOf(actor.userId)) {
      const h = (await this.places.household(id))!;
      const place = (await this.places.place(h.placeId))!;
      const node = await this.tree.byId(place.gridNodeId);
      const people = await this.people.ofHousehold(id);
      out.push({ household: { id: h.id, code: h.code, place: this.placeDto(place, node ?? undefined), people: people.map((p) => this.residentPerson(actor, p)) } });
      await this.log.record(actor, { action: 'household.read_own', targetType: 'household', targetId: h.id, gridPath: h.gridPath, allowed: true });
    }
    return out;
  }

  /** A resident's own record in full (PIPL art. 45), their family's masked; no grid path. */
  private residentPerson(actor: Actor, p: RegPerson): ResidentPersonDto {
    const mine = p.userId === actor.userId;
    const { gridPath: _path, canReveal: _reveal, ...dto } = this.personDto(p, mine);
    return { ...dto, version: p.version, isMe: mine };
  }

  /** A resident corrects a record in their own household (not tags: those are set by workers). */
  async correctMine(actor: Actor, personId: number, dto: UpdatePersonRequest): Promise<ResidentPersonDto> {
    const target = await this.people.byId(personId);
    const mine = await this.people.householdIdsOf(actor.userId);
    if (!target || !mine.includes(target.householdId)) {
      await this.log.record(actor, { action: 'denied:person.self_correct', targetType: 'person', targetId: personId, gridPath: target?.gridPath ?? null, allowed: false });
      throw new AppError('NOT_FOUND', 'person not found');
    }
    if (dto.tags !== undefined) throw new AppError('VALIDATION_FAILED', 'tags are set by grid workers', { fields: { tags: 'not editable by residents' } });
    await this.updatePerson(actor, personId, dto, { residentSelf: true });
    return this.residentPerson(actor, (await this.people.byId(personId))!);
  }
}
