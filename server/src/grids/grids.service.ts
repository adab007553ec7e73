import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { GRID_LEVELS, type AreaGeometry, type GridLevel, type GridNodeDto, type GridNodeEditDto, type GridNodeSummary, type GridPathItem, type Page } from '@weigrid/shared';
import { AccessService } from '../access/access.service.js';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { bboxOf, checkGeometry } from '../routing/geometry.js';
import { RoutingService } from '../routing/routing.service.js';
import { GridNode } from './grid-node.entity.js';
import { bumpGridTreeVersion } from './grid-tree-state.entity.js';
import { canonical, convertGeometry, DEFAULT_OVERLAP_TOLERANCE_M2, overlapAreaM2 } from './import.js';
import { exportSubtree, type ExportOptions, type GridFeatureCollection } from './geojson-export.js';
import { likeEscape, pathCodes, pathItems, whereInSubtree } from './tree.js';

export interface PageQuery {
  cursor?: string;
  limit?: number;
}

export interface SearchQuery extends PageQuery {
  q: string;
  level?: GridLevel;
  /** Only inside this node's subtree. */
  under?: string;
}

const encodeCursor = (code: string) => Buffer.from(code, 'utf8').toString('base64url');
function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const code = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{1,18}$/.test(code)) throw new AppError('VALIDATION_FAILED', 'invalid cursor', { fields: { cursor: 'cursor is not one this API returned' } });
  return code;
}

/** The grid tree: public reads (grid names and boundaries are what residents see on the map) and scope-checked admin edits. */
@Injectable()
export class GridsService {
  constructor(
    @InjectRepository(GridNode) private readonly nodes: Repository<GridNode>,
    private readonly access: AccessService,
    private readonly routing: RoutingService,
  ) {}

  /** The top of the tree (the deployment's region), or null before any grid is imported. */
  async root(): Promise<GridNodeSummary | null> {
    const n = await this.nodes.findOne({ where: { parentId: IsNull() }, order: { depth: 'ASC', code: 'ASC' } });
    return n ? { code: n.code, name: n.name, level: n.level } : null;
  }

  async countsByLevel(): Promise<Partial<Record<GridLevel, number>>> {
    const rows: { level: GridLevel; n: string | number }[] = await this.nodes
      .createQueryBuilder('g')
      .select('g.level', 'level')
      .addSelect('COUNT(*)', 'n')
      .groupBy('g.level')
      .getRawMany();
    const out: Partial<Record<GridLevel, number>> = {};
    for (const l of GRID_LEVELS) {
      const r = rows.find((x) => x.level === l);
      if (r) out[l] = Number(r.n);
    }
    return out;
  }

  async findByCode(code: string): Promise<GridNode> {
    const n = /^\d{1,18}$/.test(code) ? await this.nodes.findOne({ where: { code } }) : null;
    if (!n) throw new AppError('NOT_FOUND', `grid ${code} not found`);
    return n;
  }

  async detail(code: string): Promise<GridNodeDto> {
    const n = await this.findByCode(code);
    const [path, childCount] = await Promise.all([pathItems(this.nodes.manager, n.path), this.nodes.count({ where: { parentId: n.id } })]);
    const codes = pathCodes(n.path);
    return {
      code: n.code,
      name: n.name,
      level: n.level,
      parentCode: codes.length > 1 ? codes[codes.length - 2]! : null,
      virtual: !!n.virtual,
      hasBoundary: n.boundary !== null,
      synthetic: !!n.synthetic,
      bbox: n.minLng !== null && n.minLat !== null && n.maxLng !== null && n.maxLat !== null ? [n.minLng, n.minLat, n.maxLng, n.maxLat] : null,
      version: n.version,
      childCount,
      path,
    };
  }

  async path(code: string): Promise<GridPathItem[]> {
    const n = await this.findByCode(code);
    return pathItems(this.nodes.manager, n.path);
  }

  /** Children of a node (or the top nodes when code is null), in code order. */
  async children(code: string | null, q: PageQuery): Promise<Page<GridNodeSummary>> {
    const parent = code === null ? null : await this.findByCode(code);
    const qb = this.nodes.createQueryBuilder('g').select(['g.id', 'g.code', 'g.name', 'g.level']);
    if (parent) qb.where('g.parent_id = :pid', { pid: parent.id });
    else qb.where('g.parent_id IS NULL');
    return (await this.page(qb, q)).page;
  }

  /** Name contains `q`, or code starts with it; optionally one level, optionally under a node. */
  async search(s: SearchQuery): Promise<Page<GridNodeSummary & { path: GridPathItem[] }>> {
    const qb = this.nodes.createQueryBuilder('g').select(['g.id', 'g.code', 'g.name', 'g.level', 'g.path']);
    const like = likeEscape(s.q);
    if (/^\d+$/.test(s.q)) qb.where(`(g.code LIKE :pre ESCAPE '!' OR g.name LIKE :any ESCAPE '!')`, { pre: `${like}%`, any: `%${like}%` });
    else qb.where(`g.name LIKE :any ESCAPE '!'`, { any: `%${like}%` });
    if (s.level) qb.andWhere('g.level = :level', { level: s.level });
    if (s.under) whereInSubtree(qb, (await this.findByCode(s.under)).path);
    const { rows, page } = await this.page(qb, s);
    // Search results are ambiguous without context ("第一网格" exists in every community).
    const paths = await Promise.all(rows.map((r) => pathItems(this.nodes.manager, r.path)));
    return { items: page.items.map((i, k) => ({ ...i, path: paths[k]! })), nextCursor: page.nextCursor };
  }

  /**
   * An admin edit of one node: name, boundary (validated like an import: closed, simple rings in
   * China, no overlap with a stored sibling beyond the tolerance), virtual flag. Scope: an admin
   * role (community/street/district/city) at the node or above it. Optimistic: `version` must be
   * the current one (409 CONFLICT otherwise). Routing on this instance sees the change before
   * the response; other instances within GRID_ROUTING_POLL_MS.
   */
  async edit(actor: Actor, code: string, dto: GridNodeEditDto): Promise<GridNodeDto> {
    const node = await this.findByCode(code);
    await this.access.require(actor, 'grid.edit', { nodeId: node.id });
    const virtual = dto.virtual ?? !!node.virtual;
    let boundary: AreaGeometry | null = node.boundary ? (JSON.parse(node.boundary) as AreaGeometry) : null;
    if (dto.boundary !== undefined) {
      if (dto.boundary !== null) {
        const problems = checkGeometry(dto.boundary);
        if (problems.length) {
          throw new AppError('VALIDATION_FAILED', 'invalid boundary', { fields: { boundary: problems.map((p) => p.message).join('; ') }, problems });
        }
        boundary = canonical(convertGeometry(dto.boundary, dto.crs ?? 'gcj02'));
      } else boundary = null;
    }
    if (virtual && boundary) {
      throw new AppError('VALIDATION_FAILED', 'a virtual node has no boundary', { fields: { virtual: 'a virtual node (building, market, trade) cannot have a boundary; remove it in the same edit' } });
    }
    if (boundary && dto.boundary) {
      const siblings = await this.nodes
        .createQueryBuilder('g')
        .select(['g.code', 'g.boundary'])
        .where(node.parentId === null ? 'g.parent_id IS NULL' : 'g.parent_id = :pid', { pid: node.parentId })
        .andWhere('g.id <> :id AND g.boundary IS NOT NULL', { id: node.id })
        .getMany();
      const [x0, y0, x1, y1] = bboxOf(boundary);
      for (const s of siblings) {
        const g = JSON.parse(s.boundary!) as AreaGeometry;
        const [a0, b0, a1, b1] = bboxOf(g);
        if (a0 > x1 || a1 < x0 || b0 > y1 || b1 < y0) continue;
        const area = overlapAreaM2(boundary, g);
        if (area > DEFAULT_OVERLAP_TOLERANCE_M2) {
          throw new AppError('VALIDATION_FAILED', 'boundary overlaps a sibling', { fields: { boundary: `overlaps ${s.code} by ${Math.round(area)} m²` } });
        }
      }
    }
    const box = boundary ? bboxOf(boundary) : null;
    const text = boundary ? JSON.stringify(boundary) : null;
    await this.nodes.manager.transaction(async (m) => {
      const r = await m
        .createQueryBuilder()
        .update(GridNode)
        .set({
          name: dto.name ?? node.name,
          virtual,
          boundary: text,
          crs: 'gcj02',
          minLng: box?.[0] ?? null,
          minLat: box?.[1] ?? null,
          maxLng: box?.[2] ?? null,
          maxLat: box?.[3] ?? null,
          // A boundary drawn by an admin is a real one.
          synthetic: dto.boundary !== undefined ? false : !!node.synthetic,
          version: () => 'version + 1',
          updatedAt: new Date(),
        })
        .where('id = :id AND version = :v', { id: node.id, v: dto.version })
        .execute();
      if (!r.affected) throw new AppError('CONFLICT', `grid ${code} was changed by someone else (version ${node.version}, you sent ${dto.version})`, { currentVersion: node.version });
      await bumpGridTreeVersion(m);
    });
    await this.routing.reload();
    return this.detail(code);
  }

  geojson(code: string, opts: ExportOptions): Promise<GridFeatureCollection> {
    return exportSubtree(this.nodes.manager, code, opts);
  }

  private async page(qb: ReturnType<Repository<GridNode>['createQueryBuilder']>, q: PageQuery): Promise<{ rows: GridNode[]; page: Page<GridNodeSummary> }> {
    const limit = q.limit ?? 50;
    const after = decodeCursor(q.cursor);
    if (after !== undefined) qb.andWhere('g.code > :after', { after });
    const rows = await qb.orderBy('g.code', 'ASC').take(limit + 1).getMany();
    const more = rows.length > limit;
    const pageRows = rows.slice(0, limit);
    const counts = new Map<number, number>();
    if (pageRows.length) {
      const raw: { pid: number; n: string | number }[] = await this.nodes
        .createQueryBuilder('c')
        .select('c.parent_id', 'pid')
        .addSelect('COUNT(*)', 'n')
        .where('c.parent_id IN (:...ids)', { ids: pageRows.map((r) => r.id) })
        .groupBy('c.parent_id')
        .getRawMany();
      for (const r of raw) counts.set(Number(r.pid), Number(r.n));
    }
    return {
      rows: pageRows,
      page: {
        items: pageRows.map((r) => ({ code: r.code, name: r.name, level: r.level, childCount: counts.get(r.id) ?? 0 })),
        nextCursor: more ? encodeCursor(pageRows[pageRows.length - 1]!.code) : null,
      },
    };
  }
}
