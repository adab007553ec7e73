import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EVENT_STATE_LABEL, OPEN_STATES, type EventState, type Open311AttributesRequest } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AccessService } from '../access/access.service.js';
import { requireRuleMaker } from '../access/rule-maker.js';
import { AppError } from '../common/app-error.js';
import { AppConfig } from '../config/config.js';
import { CategoriesRepo } from '../catalog/categories.repo.js';
import { AccountReads } from '../accounts/account-reads.repo.js';
import { RateLimiter } from '../auth/rate-limiter.js';
import { EventsService } from '../events/events.service.js';
import { ExternalEventReads, type ExternalEventRow } from '../events/public-events.repo.js';
import { NEARBY_RADIUS_M } from '../events/nearness.js';
import { fromGcj02 } from '../geo/crs.js';
import { PII_CIPHER } from '../register/register.service.js';
import type { PiiCipher } from '../register/pii-cipher.js';
import { RoutingService } from '../routing/routing.service.js';
import { PhotoGrants } from '../uploads/uploads.service.js';
import { ApiClientsService } from './clients.service.js';
import type { ApiClient, Open311Attribute, Open311Request } from './entities.js';
import { parseW3c, w3cDate, type Open311Record } from './georeport-format.js';
import { Open311Repo } from './requests.repo.js';

/** GeoReport v2: GET requests spans at most this many days and answers at most this many requests. */
export const MAX_SPAN_DAYS = 90;
export const MAX_RESULTS = 1000;
const EARTH_M = 6_371_000;

/** Requester fields of POST requests (GeoReport v2) with their length limits; stored encrypted. */
const REQUESTER_FIELDS = { email: 254, device_id: 100, account_id: 100, first_name: 50, last_name: 50, phone: 30 } as const;

/** GeoReport's two statuses from the workflow: open while there is work to do. */
export function open311Status(state: EventState): 'open' | 'closed' {
  return OPEN_STATES.includes(state) ? 'open' : 'closed';
}

/**
 * A point as the public may see it: snapped to the centre of a cell NEARBY_RADIUS_M wide, the
 * distance "me too" works at, so a public answer places a case as precisely as the nearby list
 * tells a resident and no more. GCJ-02 in, GCJ-02 out.
 */
export function coarsen(lat: number, lng: number): { lat: number; lng: number } {
  const dLat = (NEARBY_RADIUS_M / EARTH_M) * (180 / Math.PI);
  const dLng = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
  return { lat: (Math.floor(lat / dLat) + 0.5) * dLat, lng: (Math.floor(lng / dLng) + 0.5) * dLng };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Form fields arrive as a string, or an array when repeated; anything else (objects) is malformed. */
function field(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  throw new AppError('VALIDATION_FAILED', `${name} must be given once, as text`);
}

function bad(name: string, why: string): AppError {
  return new AppError('VALIDATION_FAILED', `${name}: ${why}`, { fields: { [name]: why } });
}

/** Who is asking on a GET: a client by api_key (sees its own cases in full), or the public. */
export type Viewer = { client: ApiClient } | { ip: string };

@Injectable()
export class GeoReportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly clients: ApiClientsService,
    private readonly repo: Open311Repo,
    private readonly events: EventsService,
    private readonly reads: ExternalEventReads,
    private readonly accounts: AccountReads,
    private readonly categories: CategoriesRepo,
    private readonly routing: RoutingService,
    private readonly limiter: RateLimiter,
    private readonly grants: PhotoGrants,
    private readonly access: AccessService,
    @Inject(PII_CIPHER) private readonly pii: PiiCipher,
  ) {}

  /** The caller of a GET: api_key → that client (its own limit), none → the public (per-IP limit). */
  async viewer(apiKey: string | undefined, ip: string): Promise<Viewer> {
    if (apiKey !== undefined && apiKey !== '') return { client: await this.clients.authenticate(apiKey) };
    await this.limiter.hit('open311-public', ip, this.config.OPEN311_PUBLIC_RATE_PER_MIN);
    return { ip };
  }

  // ── services ──

  /** Active categories as services; `metadata` true where extra questions (attributes) exist. */
  async services(): Promise<Open311Record[]> {
    const [cats, withAttrs] = await Promise.all([this.categories.list(false), this.repo.servicesWithAttributes()]);
    return cats.map((c) => ({ service_code: c.code, service_name: c.name, description: c.name, metadata: withAttrs.has(c.code), type: 'realtime', keywords: '', group: '' }));
  }

  async definition(code: string): Promise<Open311Record> {
    if (!(await this.categories.isActive(code))) throw new AppError('NOT_FOUND', `service_code ${code.slice(0, 40)} not found`);
    const attrs = await this.repo.attributesOf(code);
    return {
      service_code: code,
      attributes: {
        item: 'attribute',
        records: attrs.map((a) => ({
          variable: a.variable,
          code: a.code,
          datatype: a.datatype,
          required: a.required,
          datatype_description: a.datatypeDescription,
          order: a.sort,
          description: a.description,
          values: { item: 'value', records: (a.valueList ? (JSON.parse(a.valueList) as { key: string; name: string }[]) : []).map((v) => ({ key: v.key, name: v.name })) },
        })),
      },
    };
  }

  /** Replaces a service's extra questions (district or city admins, like the categories themselves). */
  async setAttributes(actor: Actor, code: string, input: Open311AttributesRequest): Promise<Open311AttributesRequest> {
    await requireRuleMaker(this.access, actor, 'service questions');
    if (!(await this.categories.byCode(code))) throw new AppError('NOT_FOUND', 'no such category');
    const codes = new Set<string>();
    const rows = input.attributes.map((a, i) => {
      if (codes.has(a.code)) throw bad(`attributes[${i}].code`, 'codes must differ');
      codes.add(a.code);
      const list = a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist';
      if (list && !a.values?.length) throw bad(`attributes[${i}].values`, 'a list needs values');
      if (!list && a.values?.length) throw bad(`attributes[${i}].values`, 'only list types have values');
      if (list && new Set(a.values!.map((v) => v.key)).size !== a.values!.length) throw bad(`attributes[${i}].values`, 'keys must differ');
      return {
        serviceCode: code,
        code: a.code,
        datatype: a.datatype,
        required: a.required ?? false,
        variable: a.variable ?? true,
        description: a.description,
        datatypeDescription: a.datatypeDescription ?? null,
        sort: a.order ?? i + 1,
        valueList: list ? JSON.stringify(a.values!.map((v) => ({ key: v.key, name: v.name }))) : null,
      };
    });
    await this.ds.transaction((m) => this.repo.replaceAttributes(code, rows, m));
    return input;
  }

  // ── POST requests ──

  async create(body: Record<string, unknown>): Promise<Open311Record[]> {
    const apiKey = field(body, 'api_key');
    if (!apiKey) throw new AppError('FORBIDDEN', 'api_key is required to create a service request');
    const client = await this.clients.authenticate(apiKey);
    const code = field(body, 'service_code');
    if (!code) throw bad('service_code', 'required');
    if (!(await this.categories.isActive(code))) throw new AppError('NOT_FOUND', `service_code ${code.slice(0, 40)} not found`);
    const category = (await this.categories.byCode(code))!;

    const latS = field(body, 'lat');
    const lngS = field(body, 'long');
    const address = field(body, 'address_string')?.trim() || field(body, 'address_id')?.trim() || undefined;
    if ((latS === undefined) !== (lngS === undefined)) throw bad(latS === undefined ? 'lat' : 'long', 'lat and long go together');
    let location: { lat: number; lng: number; crs: 'wgs84' } | undefined;
    if (latS !== undefined && lngS !== undefined) {
      const lat = Number(latS);
      const lng = Number(lngS);
      if (latS.trim() === '' || !Number.isFinite(lat) || lat < -90 || lat > 90) throw bad('lat', 'a WGS-84 latitude in degrees');
      if (lngS.trim() === '' || !Number.isFinite(lng) || lng < -180 || lng > 180) throw bad('long', 'a WGS-84 longitude in degrees');
      location = { lat, lng, crs: 'wgs84' };
    }
    if (!location && !address) throw bad('lat', 'give lat and long, or address_string');
    if (address && address.length > 200) throw bad('address_string', 'at most 200 characters');

    const description = (field(body, 'description') ?? '').trim() || category.name;
    if (description.length > 1000) throw bad('description', 'at most 1000 characters');
    const mediaUrl = field(body, 'media_url')?.trim() || null;
    if (mediaUrl !== null && (mediaUrl.length > 500 || !/^https?:\/\/[^\s]+$/i.test(mediaUrl))) throw bad('media_url', 'an http(s) URL of at most 500 characters');
    const contact: Record<string, string> = {};
    for (const [k, max] of Object.entries(REQUESTER_FIELDS)) {
      const v = field(body, k)?.trim();
      if (v === undefined || v === '') continue;
      if (v.length > max) throw bad(k, `at most ${max} characters`);
      contact[k] = v;
    }
    const attributes = await this.attributes(code, body);

    const route = await this.placeFor(client, location);
    const token = `t${randomBytes(12).toString('hex')}`;
    const created = await this.events.intake(null, {
      requestKey: `o${client.id}:${token}`,
      source: 'open311',
      category: code,
      description,
      location,
      gridCode: route.gridCode,
      address: address ?? null,
    });
    await this.repo.link({
      eventId: created.id,
      clientId: client.id,
      externalId: token,
      attributes: Object.keys(attributes).length ? JSON.stringify(attributes) : null,
      mediaUrl,
      contact: Object.keys(contact).length ? this.pii.encrypt('open311.contact', JSON.stringify(contact)) : null,
      dueAt: null,
      createdAt: new Date(),
    });
    return [{ service_request_id: String(created.id), token, service_notice: `已受理，转${created.microGrid.name}处理`, account_id: contact.account_id ?? null }];
  }

  /**
   * Where a client's case goes: a point must route into the client's node (the in-memory index,
   * the same one intake uses); an address alone goes to the client's fallback micro-grid.
   */
  async placeFor(client: ApiClient, location: { lat: number; lng: number; crs: 'wgs84' | 'gcj02' } | undefined): Promise<{ gridCode?: string }> {
    if (location) {
      const r = this.routing.locate(location);
      if (!r) throw new AppError('LOCATION_OUT_OF_AREA', 'the location is outside the area this service covers', { fields: { lat: 'outside the served area' } });
      const path = `${r.path.map((p) => p.code).join('/')}/`;
      if (!path.startsWith(client.nodePath)) throw new AppError('FORBIDDEN', 'the location is outside the area this api_key may file in', { fields: { lat: 'outside the client’s node' } });
      return {};
    }
    if (!client.fallbackGridCode) throw bad('lat', 'this api_key has no micro-grid for address-only requests: give lat and long');
    return { gridCode: client.fallbackGridCode };
  }

  /** `attribute[code]` (and `attribute[code][]` for lists) checked against the service definition. */
  private async attributes(code: string, body: Record<string, unknown>): Promise<Record<string, string | string[]>> {
    const defs = new Map<string, Open311Attribute>((await this.repo.attributesOf(code)).map((a) => [a.code, a]));
    const given = new Map<string, string[]>();
    for (const [k, v] of Object.entries(body)) {
      const m = /^attribute\[([^\]]{1,64})\](\[\])?$/.exec(k);
      if (!m) continue;
      const values = Array.isArray(v) ? v : [v];
      if (!values.every((x) => typeof x === 'string')) throw bad(k, 'text values only');
      given.set(m[1]!, [...(given.get(m[1]!) ?? []), ...(values as string[])]);
    }
    const out: Record<string, string | string[]> = {};
    for (const [k, values] of given) {
      const def = defs.get(k);
      if (!def || !def.variable) throw bad(`attribute[${k}]`, 'no such attribute of this service');
      const name = `attribute[${k}]`;
      const list = def.valueList ? (JSON.parse(def.valueList) as { key: string }[]).map((x) => x.key) : [];
      if (def.datatype === 'multivaluelist') {
        if (!values.every((x) => list.includes(x))) throw bad(name, `each one of ${list.join(', ')}`);
        out[k] = [...new Set(values)];
        continue;
      }
      if (values.length !== 1) throw bad(name, 'one value');
      const v = values[0]!.trim();
      if (def.datatype === 'number' && (v === '' || !Number.isFinite(Number(v)))) throw bad(name, 'a number');
      if (def.datatype === 'datetime' && !parseW3c(v)) throw bad(name, 'a W3C datetime, e.g. 2026-01-15T08:30:00+08:00');
      if (def.datatype === 'singlevaluelist' && !list.includes(v)) throw bad(name, `one of ${list.join(', ')}`);
      if ((def.datatype === 'string' && v.length > 200) || v.length > 1000) throw bad(name, 'too long');
      out[k] = v;
    }
    for (const d of defs.values()) if (d.variable && d.required && !(d.code in out)) throw bad(`attribute[${d.code}]`, 'required');
    return out;
  }

  // ── GET requests, tokens ──

  async token(token: string): Promise<Open311Record[]> {
    const link = /^t[0-9a-f]{24}$/.test(token) ? await this.repo.byToken(token) : null;
    if (!link) throw new AppError('NOT_FOUND', 'token not found');
    return [{ service_request_id: String(link.eventId), token }];
  }

  async one(viewer: Viewer, idText: string): Promise<Open311Record[]> {
    if (!/^\d{1,10}$/.test(idText)) throw new AppError('NOT_FOUND', 'service request not found');
    const out = await this.byIds(viewer, [Number(idText)]);
    if (out.length === 0) throw new AppError('NOT_FOUND', 'service request not found');
    return out;
  }

  async list(viewer: Viewer, q: Record<string, unknown>): Promise<Open311Record[]> {
    const text = (k: string): string | undefined => {
      const v = q[k];
      if (v === undefined) return undefined;
      if (typeof v !== 'string') throw bad(k, 'give it once');
      return v;
    };
    const ids = text('service_request_id');
    if (ids !== undefined) {
      // The specification: service_request_id overrides every other argument.
      const list = ids.split(',').map((s) => s.trim()).filter(Boolean);
      if (list.length === 0 || list.length > MAX_RESULTS || !list.every((s) => /^\d{1,10}$/.test(s))) throw bad('service_request_id', 'comma-separated request ids');
      return this.byIds(viewer, [...new Set(list.map(Number))]);
    }
    const codes = text('service_code')?.split(',').map((s) => s.trim()).filter(Boolean);
    if (codes && (codes.length === 0 || codes.length > 100 || codes.some((c) => c.length > 32))) throw bad('service_code', 'comma-separated service codes');
    const statusText = text('status');
    let states: EventState[] | undefined;
    if (statusText !== undefined) {
      const st = new Set(statusText.split(',').map((s) => s.trim().toLowerCase()));
      if (st.size === 0 || [...st].some((s) => s !== 'open' && s !== 'closed')) throw bad('status', 'open, closed or both, comma-separated');
      states = [...(st.has('open') ? OPEN_STATES : []), ...(st.has('closed') ? (['resolved', 'closed', 'rejected'] as EventState[]) : [])];
    }
    const end = this.date(text('end_date'), 'end_date') ?? new Date();
    const start = this.date(text('start_date'), 'start_date') ?? new Date(end.getTime() - MAX_SPAN_DAYS * 86_400_000);
    if (start > end) throw bad('start_date', 'must not be after end_date');
    if (end.getTime() - start.getTime() > MAX_SPAN_DAYS * 86_400_000) throw bad('start_date', `start_date and end_date at most ${MAX_SPAN_DAYS} days apart`);
    const rows = await this.reads.publicList({ categories: codes, states, from: start, to: end, limit: MAX_RESULTS });
    return this.render(viewer, rows);
  }

  private date(v: string | undefined, name: string): Date | undefined {
    if (v === undefined) return undefined;
    const d = parseW3c(v);
    if (!d) throw bad(name, 'a W3C datetime, e.g. 2026-01-15T08:30:00+08:00');
    return d;
  }

  /** Requests by id: publicly visible ones, and a client's own ones whatever their visibility. */
  private async byIds(viewer: Viewer, ids: number[]): Promise<Open311Record[]> {
    const rows = await this.reads.byIds(ids);
    const links = 'client' in viewer ? await this.repo.byEventIds(rows.map((r) => r.id)) : new Map<number, Open311Request>();
    const own = (r: ExternalEventRow) => 'client' in viewer && links.get(r.id)?.clientId === viewer.client.id;
    const visible = rows.filter((r) => own(r) || r.publiclyVisible);
    const order = new Map(ids.map((id, i) => [id, i]));
    visible.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    return this.render(viewer, visible, links);
  }

  /**
   * GeoReport records. A client reading its own cases gets them in full (address, exact point,
   * the outcome note, photo URLs); everyone else the public view — no reporter or contact, no
   * address, the point coarsened, the state's label as the note.
   */
  private async render(viewer: Viewer, rows: ExternalEventRow[], known?: Map<number, Open311Request>): Promise<Open311Record[]> {
    if (rows.length === 0) return [];
    const links = known ?? ('client' in viewer ? await this.repo.byEventIds(rows.map((r) => r.id)) : new Map<number, Open311Request>());
    const mine = new Set(rows.filter((r) => 'client' in viewer && links.get(r.id)?.clientId === viewer.client.id).map((r) => r.id));
    const [cats, depts, outcomes] = await Promise.all([
      this.categories.list(true),
      this.accounts.departmentNames([...new Set(rows.map((r) => r.departmentId).filter((d): d is number => d !== null))]),
      this.reads.outcomes([...mine]),
    ]);
    const catName = new Map(cats.map((c) => [c.code, c.name]));
    return rows.map((r) => {
      const isOwn = mine.has(r.id);
      const link = links.get(r.id);
      const outcome = outcomes.get(r.id);
      const owner = this.routing.pathOf(r.ownerNodeId);
      const agency = r.departmentId !== null ? (depts.get(r.departmentId) ?? null) : (owner[owner.length - 1]?.name ?? null);
      let lat: number | null = null;
      let lng: number | null = null;
      if (r.lat !== null && r.lng !== null) {
        const p = isOwn ? { lat: r.lat, lng: r.lng } : coarsen(r.lat, r.lng);
        const [x, y] = fromGcj02(p.lng, p.lat, 'wgs84');
        lat = round6(y);
        lng = round6(x);
      }
      const label = EVENT_STATE_LABEL[r.state];
      const notes = isOwn && outcome?.note && open311Status(r.state) === 'closed' ? `${label}：${outcome.note}` : label;
      const due = isOwn && link?.dueAt ? link.dueAt : r.deadlineAt;
      const media = isOwn ? (link?.mediaUrl ?? this.photoUrl(r.photos[0] ?? outcome?.photos[0], viewer)) : null;
      return {
        service_request_id: String(r.id),
        status: open311Status(r.state),
        status_notes: notes,
        service_name: catName.get(r.category) ?? r.category,
        service_code: r.category,
        description: r.description,
        agency_responsible: agency,
        service_notice: null,
        requested_datetime: w3cDate(r.createdAt),
        updated_datetime: w3cDate(r.updatedAt),
        expected_datetime: due && open311Status(r.state) === 'open' ? w3cDate(due) : null,
        address: isOwn ? r.address : null,
        address_id: null,
        zipcode: null,
        lat,
        long: lng,
        media_url: media,
      };
    });
  }

  /** An absolute, signed URL of a photo for a client (GET /api/v1/open311/media/…), or null. */
  photoUrl(publicId: string | undefined, viewer: Viewer | { client: ApiClient }): string | null {
    if (!publicId || !('client' in viewer)) return null;
    return mediaUrl(this.config, this.grants, publicId, viewer.client.id);
  }
}

/** The API's public base URL (PUBLIC_BASE_URL, else http://HOST:PORT). */
export function publicBase(config: AppConfig): string {
  return (config.PUBLIC_BASE_URL ?? `http://${config.HOST}:${config.PORT}`).replace(/\/+$/, '');
}

/**
 * A photo URL an external client can fetch without a user token: signed (PhotoGrants) for the
 * pseudo-viewer -clientId, so it opens that one photo for a day and nothing else.
 */
export function mediaUrl(config: AppConfig, grants: PhotoGrants, publicId: string, clientId: number): string {
  return `${publicBase(config)}/api/v1/open311/media/${publicId}?c=${clientId}&g=${grants.grant(publicId, -clientId)}`;
}
