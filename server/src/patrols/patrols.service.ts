import { Injectable, Logger, Optional } from '@nestjs/common';
import type { OutsideGridDetails, PatrolCheckinDto, PatrolCoverageDto, PatrolGridCoverage, PatrolNodeRef, PatrolTrackDto } from '@weigrid/shared';
import { isIsoDate } from '@weigrid/shared';
import type { Actor, RoleGrant } from '../common/actor.js';
import { AppError, notFound } from '../common/app-error.js';
import { isUniqueViolation } from '../db/errors.js';
import { addDays, localDay } from '../common/local-day.js';
import { checkPeriod } from '../common/period.js';
import { AccessService } from '../access/access.service.js';
import { ACCESS_POLICY } from '../access/policy.js';
import { AppConfig } from '../config/config.js';
import { CategoriesRepo } from '../catalog/categories.repo.js';
import { CategoryNames } from '../catalog/category-names.repo.js';
import { GridNode } from '../grids/grid-node.entity.js';
import { toGcj02 } from '../geo/crs.js';
import { RoutingService } from '../routing/routing.service.js';
import { StatsRefresher } from '../stats/refresher.service.js';
import { PatrolCoverage } from '../stats/patrol-coverage.repo.js';
import { UploadOwners } from '../uploads/upload-owners.repo.js';
import { UserNames } from '../accounts/user-names.repo.js';
import type { CoverageQuery, CreateCheckinDto, LedgerQuery, TrackQuery } from './dto.js';
import { PatrolEventFiler } from './event-filer.js';
import { buildLedgerCsv, buildLedgerXlsx, type LedgerGridRow, type LedgerRow } from './ledger.js';
import { PatrolCheckin } from './patrol-checkin.entity.js';
import { trackLegs } from './track.js';
import { CheckinsRepo } from './checkins.repo.js';
import { GridTree } from '../grids/grid-tree.repo.js';
import { Staff } from '../accounts/staff.repo.js';

/** Ledgers and coverage cover at most a year (a leap year's worth) per request. */
export const MAX_PERIOD_DAYS = 366;
/** A ledger larger than this is refused: export a smaller subtree or period. */
export const MAX_LEDGER_ROWS = 100_000;
/** Check-ins queued offline are accepted this late. */
const MAX_LATE_MS = 72 * 3600_000;
/** Phone clocks run a little fast. */
const MAX_EARLY_MS = 5 * 60_000;

const cursorOf = (code: string) => Buffer.from(`g${code}`).toString('base64url');
function codeOfCursor(c: string): string {
  const m = /^g(\d{4,18})$/.exec(Buffer.from(c, 'base64url').toString());
  if (!m) throw new AppError('VALIDATION_FAILED', 'bad cursor', { fields: { cursor: 'not a cursor from this API' } });
  return m[1]!;
}

/** One located check-in: which grant it counts under and where it lands. */
interface Placement {
  grant: RoleGrant;
  outsideM: number;
  grid: { id: number; code: string; name: string; path: string };
  micro: { id: number; code: string; name: string; path: string } | null;
}

@Injectable()
export class PatrolsService {
  private readonly log = new Logger('patrols');

  constructor(
    private readonly checkins: CheckinsRepo,
    private readonly categories: CategoriesRepo,
    private readonly categoryNames: CategoryNames,
    private readonly uploads: UploadOwners,
    private readonly userNames: UserNames,
    private readonly tree: GridTree,
    private readonly staff: Staff,
    private readonly access: AccessService,
    private readonly routing: RoutingService,
    private readonly config: AppConfig,
    private readonly refresher: StatsRefresher,
    private readonly coverageFigures: PatrolCoverage,
    @Optional() private readonly filer?: PatrolEventFiler,
  ) {}

  // ── check-in ──────────────────────────────────────────────────────────────────────────────

  /**
   * A check-in by a grid worker or micro-grid member, inside one of their own grids (or within
   * PATROL_TOLERANCE_M of one). Nothing is stored on any refusal. A retry with the same requestId
   * answers the stored check-in (`replayed: true`) and retries filing its finding if that failed.
   */
  async checkin(actor: Actor, dto: CreateCheckinDto): Promise<PatrolCheckinDto> {
    const grants = this.checkinGrants(actor);
    if (grants.length === 0) throw new AppError('FORBIDDEN', 'not allowed: patrol.checkin (grid workers and micro-grid members check in)');

    const earlier = await this.checkins.byRequest(actor.userId, dto.requestId);
    if (earlier) return this.replay(actor, earlier);

    const now = Date.now();
    const at = dto.at === undefined ? new Date(now) : new Date(dto.at);
    const fields: Record<string, string> = {};
    if (Number.isNaN(at.getTime())) fields.at = 'not a date-time';
    else if (at.getTime() > now + MAX_EARLY_MS) fields.at = 'in the future';
    else if (at.getTime() < now - MAX_LATE_MS) fields.at = 'more than 72 hours ago; check-ins are made on the day';
    const photos = [...new Set(dto.photos ?? [])];
    if (photos.length) {
      const mine = await this.uploads.countOwned(photos, actor.userId);
      if (mine !== photos.length) fields.photos = 'each photo must be one of your uploads';
    }
    if (dto.finding && !(await this.categories.isActive(dto.finding.category))) fields['finding.category'] = `unknown category ${dto.finding.category}`;
    if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', `invalid check-in: ${Object.keys(fields).join(', ')}`, { fields });

    // Convert GPS input once; everything below (checks, storage, events) is GCJ-02.
    const [lng, lat] = toGcj02(dto.location.lng, dto.location.lat, dto.location.crs);
    const point = { lat, lng, crs: 'gcj02' as const };
    const place = this.place(grants, point);
    const note = dto.note?.trim() || null;
    const row: Omit<PatrolCheckin, 'id'> = {
      userId: actor.userId,
      requestId: dto.requestId,
      day: localDay(at),
      at,
      lat,
      lng,
      grantNodeId: place.grant.nodeId,
      gridId: place.grid.id,
      microId: place.micro?.id ?? null,
      nodePath: place.micro?.path ?? place.grid.path,
      outsideM: place.outsideM,
      note,
      photos: photos.length ? JSON.stringify(photos) : null,
      findingCategory: dto.finding?.category ?? null,
      findingDescription: dto.finding?.description.trim() || null,
      findingSelfHandled: dto.finding ? dto.finding.selfHandled === true : null,
      eventId: null,
      createdAt: new Date(now),
    };
    let saved: PatrolCheckin;
    try {
      saved = { ...row, id: await this.checkins.insert(row) };
    } catch (e) {
      // Two copies of one request raced (a double tap, a queue flush): the first one won.
      if (!isUniqueViolation(e)) throw e;
      const first = await this.checkins.byRequest(actor.userId, dto.requestId);
      if (!first) throw e;
      return this.replay(actor, first);
    }
    const filed = await this.fileFinding(actor, saved);
    return this.toDto(saved, filed, false);
  }

  /** The actor's grants that allow checking in (the policy's roles), widest first. */
  private checkinGrants(actor: Actor): RoleGrant[] {
    const entries = this.access.scope(actor, 'patrol.checkin');
    const roles = ACCESS_POLICY['patrol.checkin'];
    return actor.grants.filter((g) => roles.includes(g.role) && entries.some((e) => e.role === g.role && e.path === g.nodePath));
  }

  /**
   * Which of the actor's grids the point counts for. Inside a grant node's boundary (or inside a
   * micro-grid under it, for grids drawn only as their micro-grids) is distance 0; otherwise the
   * distance to the grant node's boundary. The nearest wins; beyond the tolerance → OUTSIDE_GRID.
   */
  private place(grants: RoleGrant[], loc: { lat: number; lng: number; crs: 'gcj02' }): Placement {
    const tolerance = this.config.PATROL_TOLERANCE_M;
    const located = this.routing.locate(loc);
    const locatedMicro = located && located.node.level === 'micro' && (located.fallback === null || located.distanceM <= tolerance) ? located : null;
    let best: { grant: RoleGrant; d: number } | null = null;
    for (const g of grants) {
      let d = this.routing.distanceOutsideM(g.nodeId, loc) ?? Infinity;
      const code = g.nodePath.split('/').filter(Boolean).pop();
      if (d > 0 && located && located.fallback === null && located.path.some((p) => p.code === code)) d = 0;
      if (!best || d < best.d) best = { grant: g, d };
    }
    if (!best || best.d > tolerance) {
      const nearest = best && Number.isFinite(best.d) ? this.routing.nodeRef(best.grant.nodeId) : null;
      const details: OutsideGridDetails = {
        distanceM: best && Number.isFinite(best.d) ? Math.ceil(best.d) : null,
        toleranceM: tolerance,
        nearest: nearest ? { code: nearest.code, name: nearest.name } : null,
      };
      throw new AppError(
        'OUTSIDE_GRID',
        details.distanceM === null ? 'none of your grids has a boundary to check the location against; ask an admin to draw it' : `the location is ${details.distanceM} m outside your grid ${details.nearest!.name} (tolerance ${tolerance} m)`,
        details,
      );
    }
    const ref = this.routing.nodeRef(best.grant.nodeId)!;
    const parent = ref.level === 'micro' && ref.parentId !== null ? this.routing.nodeRef(ref.parentId) : null;
    const grid = parent ?? ref;
    let micro: Placement['micro'] = null;
    if (ref.level === 'micro') micro = ref;
    else if (locatedMicro && locatedMicro.path.some((p) => p.code === ref.code)) {
      const m = this.routing.nodeRef(locatedMicro.node.id);
      if (m) micro = m;
    }
    return { grant: best.grant, outsideM: Math.ceil(best.d), grid: { id: grid.id, code: grid.code, name: grid.name, path: grid.path }, micro };
  }

  private async replay(actor: Actor, row: PatrolCheckin): Promise<PatrolCheckinDto> {
    const filed = row.eventId === null && row.findingCategory !== null ? await this.fileFinding(actor, row) : { eventId: row.eventId, reason: null };
    return this.toDto(row, filed, true);
  }

  /** Files the check-in's finding through the events module's hook, if there is one. */
  private async fileFinding(actor: Actor, row: PatrolCheckin): Promise<{ eventId: number | null; reason: string | null }> {
    if (row.findingCategory === null) return { eventId: null, reason: null };
    if (!this.filer) return { eventId: null, reason: 'event filing is not available on this server yet; the finding is kept in the patrol ledger' };
    const micro = row.microId === null ? null : this.routing.nodeRef(row.microId);
    const grid = this.routing.nodeRef(row.gridId);
    try {
      const eventId = await this.filer.file(actor, {
        checkinId: row.id,
        requestId: `patrol-${row.id}`,
        category: row.findingCategory,
        description: row.findingDescription ?? '',
        selfHandled: row.findingSelfHandled === true,
        location: { lat: row.lat, lng: row.lng },
        microGridCode: micro?.code ?? null,
        gridCode: grid?.code ?? '',
        photos: row.photos ? (JSON.parse(row.photos) as string[]) : [],
      });
      await this.checkins.setEvent(row.id, eventId);
      row.eventId = eventId;
      return { eventId, reason: null };
    } catch (e) {
      // The check-in stands either way; the worker sees why the event is missing and can retry.
      if (!(e instanceof AppError)) this.log.warn(`patrol finding of check-in ${row.id} not filed: ${(e as Error).message}`);
      return { eventId: null, reason: e instanceof AppError ? `${e.code}: ${e.message}` : 'filing the event failed; send the check-in again to retry' };
    }
  }

  private toDto(r: PatrolCheckin, filed: { eventId: number | null; reason: string | null }, replayed: boolean): PatrolCheckinDto {
    const ref = (id: number | null): PatrolNodeRef | null => {
      const n = id === null ? null : this.routing.nodeRef(id);
      return n ? { code: n.code, name: n.name } : null;
    };
    return {
      id: r.id,
      at: new Date(r.at).toISOString(),
      day: r.day,
      location: { lat: r.lat, lng: r.lng },
      grid: ref(r.gridId) ?? { code: '', name: '' },
      microGrid: ref(r.microId),
      outsideM: r.outsideM,
      note: r.note,
      photos: r.photos ? (JSON.parse(r.photos) as string[]) : [],
      finding: filed.eventId !== null && r.findingCategory !== null ? { eventId: filed.eventId, category: r.findingCategory, selfHandled: r.findingSelfHandled === true } : null,
      findingReason: filed.eventId === null ? filed.reason : null,
      replayed,
    };
  }

  // ── tracks ────────────────────────────────────────────────────────────────────────────────

  /**
   * One person's check-ins of a day, in order, with the legs between them. Anyone may read their
   * own; another person's needs patrol.read over a node where they hold (or held) a patrolling
   * role — otherwise 404, so the answer does not tell who exists — and shows only the points in
   * the reader's scope.
   */
  async track(actor: Actor, q: TrackQuery): Promise<PatrolTrackDto> {
    if (!isIsoDate(q.date)) throw new AppError('VALIDATION_FAILED', 'date is not a calendar date', { fields: { date: 'not a calendar date' } });
    const userId = q.user ?? actor.userId;
    let scope: { sql: string; params: Record<string, unknown> } | null = null;
    if (userId !== actor.userId) {
      scope = this.access.scopeWhere(actor, 'patrol.read', 'c.node_path');
      if (!scope) throw new AppError('FORBIDDEN', 'not allowed: patrol.read');
      const held = this.access.scope(actor, 'patrol.read').map((e) => e.path);
      const patroller = await this.staff.holdsWithin(userId, ACCESS_POLICY['patrol.checkin'], held);
      if (!patroller) throw notFound('patroller', { fields: { user: 'no patrolling member of your area has this id' } });
    }
    const rows = await this.withNodeNames(await this.checkins.track(userId, q.date, scope));
    const name = (await this.userNames.of([userId])).get(userId) ?? null;
    const pts = rows.map((r) => ({ lat: r.lat, lng: r.lng }));
    const { legs, totalM } = trackLegs(pts);
    return {
      user: { id: userId, name },
      date: q.date,
      points: rows.map((r, i) => ({
        id: r.id,
        at: r.at.toISOString(),
        lat: pts[i]!.lat,
        lng: pts[i]!.lng,
        grid: { code: r.gridCode, name: r.gridName },
        microGrid: r.microCode ? { code: r.microCode, name: r.microName ?? '' } : null,
        note: r.note,
        photos: r.photos ? (JSON.parse(r.photos) as string[]).length : 0,
        eventId: r.eventId,
        legM: legs[i]!,
      })),
      distanceM: totalM,
      microGridsVisited: new Set(rows.filter((r) => r.microId !== null).map((r) => r.microId)).size,
    };
  }

  // ── coverage ──────────────────────────────────────────────────────────────────────────────

  /** A node at grid level or above that the actor may read patrols of; 404 unknown, 403 outside scope. */
  private async periodNode(actor: Actor, code: string): Promise<GridNode> {
    const node = await this.tree.byCode(code);
    if (!node) throw notFound('grid node', { fields: { node: `no grid node ${code}` } });
    await this.access.require(actor, 'patrol.read', { nodeId: node.id });
    if (node.level === 'micro') throw new AppError('VALIDATION_FAILED', 'patrol coverage and ledgers are per grid: give a grid or a node above it', { fields: { node: 'a micro-grid; give its grid or above' } });
    return node;
  }

  /**
   * Per grid under `node` and per day of the period: patrolled or not, check-ins, micro-grids
   * visited (distinct micro-grids the check-in points fell in). Grids are paged by code; the
   * summary covers every grid under the node.
   */
  async coverage(actor: Actor, q: CoverageQuery): Promise<PatrolCoverageDto> {
    const days = checkPeriod(q.from, q.to, MAX_PERIOD_DAYS);
    const node = await this.periodNode(actor, q.node);
    const limit = q.limit ?? 50;
    const totalGrids = await this.tree.countInSubtree(node.path, { level: 'grid' });
    const grids = await this.tree.inSubtree(node.path, { level: 'grid', after: q.cursor ? codeOfCursor(q.cursor) : undefined, limit: limit + 1 });
    const page = grids.slice(0, limit);

    await this.refresher.refresh();
    const totals = await this.coverageFigures.summary(node, q.from, q.to, days, totalGrids);
    const ids = page.map((g) => g.id);
    const perDay = ids.length ? await this.perGridDay(ids, q.from, q.to) : new Map<number, Map<string, { checkins: number; micro: number }>>();
    const microTotals = ids.length ? await this.microCounts(ids) : new Map<number, number>();
    const dayList = Array.from({ length: days }, (_, i) => addDays(q.from, i));
    const out: PatrolGridCoverage[] = page.map((g) => {
      const m = perDay.get(g.id);
      const ds = dayList.map((day) => {
        const x = m?.get(day);
        return { day, patrolled: !!x, checkins: x?.checkins ?? 0, microGridsVisited: x?.micro ?? 0 };
      });
      return { code: g.code, name: g.name, microGrids: microTotals.get(g.id) ?? 0, patrolledDays: ds.filter((d) => d.patrolled).length, days: ds };
    });
    return {
      node: { code: node.code, name: node.name, level: node.level },
      from: q.from,
      to: q.to,
      days,
      summary: totals,
      grids: out,
      nextCursor: grids.length > limit ? cursorOf(page[page.length - 1]!.code) : null,
    };
  }

  private async perGridDay(gridIds: number[], from: string, to: string): Promise<Map<number, Map<string, { checkins: number; micro: number }>>> {
    const out = new Map<number, Map<string, { checkins: number; micro: number }>>();
    for (const r of await this.checkins.perGridDay(gridIds, from, to)) {
      if (!out.has(r.gridId)) out.set(r.gridId, new Map());
      out.get(r.gridId)!.set(r.day, { checkins: r.checkins, micro: r.micro });
    }
    return out;
  }

  /** Micro-grids with a boundary per grid: the ones a check-in can land in. */
  private microCounts(gridIds: number[]): Promise<Map<number, number>> {
    return this.tree.routableMicroCounts(gridIds);
  }

  /**
   * Adds the grid's and micro-grid's code and name to check-in rows through the GridTree port;
   * rows whose grid is unknown are left out, as the former inner join did.
   */
  private async withNodeNames<T extends { gridId: number; microId: number | null }>(rows: T[]): Promise<(T & { gridCode: string; gridName: string; microCode: string | null; microName: string | null })[]> {
    const ids = rows.flatMap((r) => [r.gridId, ...(r.microId === null ? [] : [r.microId])]);
    const nodes = new Map((await this.tree.refsByIds(ids)).map((n) => [n.id, n]));
    return rows.flatMap((r) => {
      const g = nodes.get(r.gridId);
      const m = r.microId === null ? undefined : nodes.get(r.microId);
      return g ? [{ ...r, gridCode: g.code, gridName: g.name, microCode: m?.code ?? null, microName: m?.name ?? null }] : [];
    });
  }

  // ── ledger ────────────────────────────────────────────────────────────────────────────────

  /** The ledger (台账) of a subtree and period: every check-in, plus a per-grid summary sheet. */
  async ledger(actor: Actor, q: LedgerQuery): Promise<{ filename: string; contentType: string; data: Buffer; rows: number }> {
    const days = checkPeriod(q.from, q.to, MAX_PERIOD_DAYS);
    const node = await this.periodNode(actor, q.node);
    const n = await this.checkins.countUnder(node.path, q.from, q.to);
    if (n > MAX_LEDGER_ROWS) throw new AppError('VALIDATION_FAILED', `${n} check-ins is more than ${MAX_LEDGER_ROWS} per ledger; export a smaller area or period`, { fields: { node: 'too many check-ins; narrow the area or period' }, rows: n, maxRows: MAX_LEDGER_ROWS });

    const rows: LedgerRow[] = [];
    let last = 0;
    for (;;) {
      const batch = await this.checkins.pageUnder(node.path, q.from, q.to, last, 5000);
      if (batch.length === 0) break;
      const users = await this.userNames.of(batch.map((r) => r.userId));
      const cats = await this.categoryNames.of(batch.flatMap((r) => (r.findingCategory === null ? [] : [r.findingCategory])));
      // Check-ins of a user that is gone are left out, as the former inner join with app_user did.
      for (const r of await this.withNodeNames(batch.filter((b) => users.has(b.userId)))) {
        rows.push({
          day: r.day,
          at: r.at,
          person: users.get(r.userId) ?? `用户${r.userId}`,
          gridId: r.gridId,
          gridCode: r.gridCode,
          gridName: r.gridName,
          microId: r.microId,
          microCode: r.microCode ?? '',
          microName: r.microName ?? '',
          lat: r.lat,
          lng: r.lng,
          outsideM: r.outsideM,
          note: r.note ?? '',
          photos: r.photos ? (JSON.parse(r.photos) as string[]).length : 0,
          finding: r.findingCategory ? (cats.get(r.findingCategory) ?? r.findingCategory) : '',
          findingDescription: r.findingDescription ?? '',
          selfHandled: r.findingCategory ? (r.findingSelfHandled === true ? '是' : '否') : '',
          eventId: r.eventId === null ? '' : String(r.eventId),
        });
      }
      last = batch[batch.length - 1]!.id;
    }
    rows.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.gridCode < b.gridCode ? -1 : a.gridCode > b.gridCode ? 1 : a.at.getTime() - b.at.getTime()));

    const base = `patrol-ledger-${node.code}-${q.from}-${q.to}`;
    if (q.format === 'csv') return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', data: buildLedgerCsv(rows), rows: rows.length };
    const grids = await this.tree.inSubtree(node.path, { level: 'grid' });
    const micro = grids.length ? await this.microCountsChunked(grids.map((g) => g.id)) : new Map<number, number>();
    const per = new Map<number, { days: Set<string>; micro: Set<number>; checkins: number }>();
    for (const r of rows) {
      let a = per.get(r.gridId);
      if (!a) per.set(r.gridId, (a = { days: new Set(), micro: new Set(), checkins: 0 }));
      a.days.add(r.day);
      if (r.microId !== null) a.micro.add(r.microId);
      a.checkins++;
    }
    const summary: LedgerGridRow[] = grids.map((g) => {
      const a = per.get(g.id);
      return { code: g.code, name: g.name, microGrids: micro.get(g.id) ?? 0, days, patrolledDays: a?.days.size ?? 0, checkins: a?.checkins ?? 0, microVisited: a?.micro.size ?? 0 };
    });
    const title = `${node.name}巡查台账（${q.from} 至 ${q.to}）`;
    return { filename: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: await buildLedgerXlsx(title, rows, summary), rows: rows.length };
  }

  /** microCounts in chunks, so a city-wide ledger does not bind tens of thousands of parameters. */
  private async microCountsChunked(ids: number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (let i = 0; i < ids.length; i += 1000) for (const [k, v] of await this.microCounts(ids.slice(i, i + 1000))) out.set(k, v);
    return out;
  }
}

