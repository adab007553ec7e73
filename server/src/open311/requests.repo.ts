import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { forUpdate, insertIgnore } from '../db/dialect.js';
import { GenerateSql } from '../db/generate-sql.js';
import { insertRows } from '../db/insert-rows.js';
import { num, sqlTime } from '../db/rows.js';
import { Open311Attribute, Open311Callback, Open311RelayState, Open311Request } from './entities.js';

/**
 * `open311_request`, `open311_attribute`, `open311_callback` and `open311_relay_state` (owned by
 * open311). Methods take the caller's EntityManager last.
 */
@Injectable()
export class Open311Repo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  // ── filed cases ──

  /** Links an event to the client that filed it; a second link for the same event is ignored (a retried intake). */
  @GenerateSql({ params: [{ eventId: 1, clientId: 1, externalId: 'WO-1', attributes: null, mediaUrl: null, contact: null, dueAt: null, createdAt: new Date('2026-01-15T08:00:00Z') }] })
  async link(row: Open311Request, m?: EntityManager): Promise<void> {
    const q = this.mm(m);
    await q.query(
      `${insertIgnore(q)} INTO open311_request (event_id, client_id, external_id, attributes, media_url, contact, due_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [row.eventId, row.clientId, row.externalId, row.attributes, row.mediaUrl, row.contact, row.dueAt ? sqlTime(row.dueAt) : null, sqlTime(row.createdAt)],
    );
  }

  @GenerateSql({ params: [1, 'WO-1'] })
  byExternalId(clientId: number, externalId: string, m?: EntityManager): Promise<Open311Request | null> {
    return this.mm(m).findOneBy(Open311Request, { clientId, externalId });
  }

  /** An Open311 token's filing row (tokens are random and unique across clients). */
  @GenerateSql({ params: ['t0123456789abcdef01234567'] })
  byToken(token: string, m?: EntityManager): Promise<Open311Request | null> {
    return this.mm(m).findOneBy(Open311Request, { externalId: token });
  }

  /** The filing rows of these events (events filed by nobody external are left out). */
  @GenerateSql({ params: [[1, 2]] })
  async byEventIds(eventIds: readonly number[], m?: EntityManager): Promise<Map<number, Open311Request>> {
    if (eventIds.length === 0) return new Map();
    const rows = await this.mm(m).find(Open311Request, { where: { eventId: In([...eventIds]) } });
    return new Map(rows.map((r) => [Number(r.eventId), r]));
  }

  /** Filed cases with a contact, by event id after `afterId`, at most `limit` (the key rotation walks them). */
  @GenerateSql({ params: [0, 1000] })
  async contactsAfter(afterId: number, limit: number, m?: EntityManager): Promise<{ eventId: number; contact: string }[]> {
    const rows: { event_id: unknown; contact: string }[] = await this.mm(m).query(`SELECT event_id, contact FROM open311_request WHERE event_id > ? AND contact IS NOT NULL ORDER BY event_id LIMIT ${Math.max(1, Math.floor(limit))}`, [afterId]);
    return rows.map((r) => ({ eventId: num(r.event_id), contact: r.contact }));
  }

  /** Replaces a contact ciphertext if it is still `was` (compare-and-set); false when it changed meanwhile. */
  async rewriteContact(eventId: number, was: string, now: string, m?: EntityManager): Promise<boolean> {
    const r = await this.mm(m).getRepository(Open311Request).createQueryBuilder().update().set({ contact: now }).where('event_id = :eventId AND contact = :was', { eventId, was }).execute();
    return (r.affected ?? 0) > 0;
  }

  // ── service definitions ──

  @GenerateSql({ params: ['road'] })
  attributesOf(serviceCode: string, m?: EntityManager): Promise<Open311Attribute[]> {
    return this.mm(m).find(Open311Attribute, { where: { serviceCode }, order: { sort: 'ASC', id: 'ASC' } });
  }

  /** Service codes that have at least one attribute (metadata: true). */
  @GenerateSql({ params: [] })
  async servicesWithAttributes(m?: EntityManager): Promise<Set<string>> {
    const rows: { service_code: string }[] = await this.mm(m).query('SELECT DISTINCT service_code FROM open311_attribute');
    return new Set(rows.map((r) => r.service_code));
  }

  /** Replaces a service's attributes with `rows` (one transaction: pass its manager). */
  async replaceAttributes(serviceCode: string, rows: Omit<Open311Attribute, 'id'>[], m: EntityManager): Promise<void> {
    await m.delete(Open311Attribute, { serviceCode });
    if (rows.length) await insertRows(m, Open311Attribute, rows);
  }

  // ── callback relay ──

  /** The relay's watermark (null before the first run). */
  @GenerateSql({ params: [] })
  async relayWatermark(m?: EntityManager): Promise<number | null> {
    const [r] = await this.mm(m).query('SELECT watermark FROM open311_relay_state WHERE id = 1');
    return r ? num(r.watermark) : null;
  }

  /** The relay's watermark, locked for this transaction (null before the first run). */
  async lockRelay(m: EntityManager): Promise<number | null> {
    const [r] = await m.query(`SELECT watermark FROM open311_relay_state WHERE id = 1${forUpdate(m)}`);
    return r ? num(r.watermark) : null;
  }

  /** Creates the relay's row at `watermark` unless another instance just did. */
  async startRelay(watermark: number, m?: EntityManager): Promise<void> {
    const q = this.mm(m);
    await q.query(`${insertIgnore(q)} INTO open311_relay_state (id, watermark) VALUES (1, ?)`, [watermark]);
  }

  async moveRelay(watermark: number, m: EntityManager): Promise<void> {
    await m.update(Open311RelayState, { id: 1 }, { watermark });
  }

  /** Which of these (client, audit) callbacks exist already, as "client:audit" keys. */
  @GenerateSql({ params: [[1, 2, 3]] })
  async callbacksFor(auditIds: readonly number[], m?: EntityManager): Promise<Set<string>> {
    if (auditIds.length === 0) return new Set();
    const rows: { client_id: unknown; audit_id: unknown }[] = await this.mm(m).query(`SELECT client_id, audit_id FROM open311_callback WHERE audit_id IN (${auditIds.map(() => '?').join(',')})`, [...auditIds]);
    return new Set(rows.map((r) => `${num(r.client_id)}:${num(r.audit_id)}`));
  }

  /** Records callbacks; a duplicate (client, audit) throws a unique violation (another relay got there first). */
  async insertCallbacks(rows: Omit<Open311Callback, 'id'>[], m: EntityManager): Promise<void> {
    if (rows.length) await insertRows(m, Open311Callback, rows);
  }
}
