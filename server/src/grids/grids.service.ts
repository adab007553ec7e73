import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type AreaGeometry, type GridLevel, type GridNodeDto, type GridNodeEditDto, type GridNodeSummary, type GridPathItem, type Page } from '@weigrid/shared';
import { AccessService } from '../access/access.service.js';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { bboxOf, checkGeometry } from '../geo/geometry.js';
import { GridNode } from './grid-node.entity.js';
import { GridTree } from './grid-tree.repo.js';
import { boundedSiblings, childCount, childCounts, countsByLevel, nodePage, rootNode, saveEdit, type NodePageQuery } from './grids.repo.js';
import { canonical, convertGeometry, DEFAULT_OVERLAP_TOLERANCE_M2, overlapAreaM2 } from './import.js';
import { exportSubtree, type ExportOptions, type GridFeatureCollection } from './geojson-export.js';
import { pathCodes } from './tree.js';

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
    // For opening transactions and passing `ds.manager` to the repository functions only.
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tree: GridTree,
    private readonly access: AccessService,
  ) {}

  /** The top of the tree (the deployment's region), or null before any grid is imported. */
  async root(): Promise<GridNodeSummary | null> {
    const n = await rootNode(this.ds.manager);
    return n ? { code: n.code, name: n.name, level: n.level } : null;
  }

  countsByLevel(): Promise<Partial<Record<GridLevel, number>>> {
    return countsByLevel(this.ds.manager);
  }

  async findByCode(code: string): Promise<GridNode> {
    const n = /^\d{1,18}$/.test(code) ? await this.tree.byCode(code) : null;
    if (!n) throw new AppError('NOT_FOUND', `grid ${code} not found`);
    return n;
  }

  async detail(code: string): Promise<GridNodeDto> {
    const n = await this.findByCode(code);
    const [path, children] = await Promise.all([this.tree.ancestors(n.path), childCount(this.ds.manager, n.id)]);
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
      childCount: children,
      path,
    };
  }

  async path(code: string): Promise<GridPathItem[]> {
    const n = await this.findByCode(code);
    return this.tree.ancestors(n.path);
  }

  /** Children of a node (or the top nodes when code is null), in code order. */
  async children(code: string | null, q: PageQuery): Promise<Page<GridNodeSummary>> {
    const parent = code === null ? null : await this.findByCode(code);
    return (await this.page({ parentId: parent?.id ?? null }, q)).page;
  }

  /** Name contains `q`, or code starts with it; optionally one level, optionally under a node. */
  async search(s: SearchQuery): Promise<Page<GridNodeSummary & { path: GridPathItem[] }>> {
    const underPath = s.under ? (await this.findByCode(s.under)).path : undefined;
    const { rows, page } = await this.page({ search: { q: s.q, level: s.level, underPath } }, s);
    // Search results are ambiguous without context ("第一网格" exists in every community).
    const paths = await Promise.all(rows.map((r) => this.tree.ancestors(r.path)));
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
      const siblings = await boundedSiblings(this.ds.manager, node.parentId, node.id);
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
    const saved = await saveEdit(this.ds, node.id, dto.version, {
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
    });
    if (!saved) throw new AppError('CONFLICT', `grid ${code} was changed by someone else (version ${node.version}, you sent ${dto.version})`, { currentVersion: node.version });
    // The routing index (subscribed through GridTree) rebuilds before we answer.
    await this.tree.changed();
    return this.detail(code);
  }

  geojson(code: string, opts: ExportOptions): Promise<GridFeatureCollection> {
    return exportSubtree(this.ds.manager, code, opts);
  }

  private async page(sel: Omit<NodePageQuery, 'after' | 'limit'>, q: PageQuery): Promise<{ rows: GridNode[]; page: Page<GridNodeSummary> }> {
    const limit = q.limit ?? 50;
    const rows = await nodePage(this.ds.manager, { ...sel, after: decodeCursor(q.cursor), limit });
    const more = rows.length > limit;
    const pageRows = rows.slice(0, limit);
    const counts = await childCounts(this.ds.manager, pageRows.map((r) => r.id));
    return {
      rows: pageRows,
      page: {
        items: pageRows.map((r) => ({ code: r.code, name: r.name, level: r.level, childCount: counts.get(r.id) ?? 0 })),
        nextCursor: more ? encodeCursor(pageRows[pageRows.length - 1]!.code) : null,
      },
    };
  }
}
