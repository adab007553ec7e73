import type { EntityManager } from 'typeorm';
import { GRID_LEVELS, polygonsOf, type AreaGeometry, type Crs, type GridLevel, type Position } from '@weigrid/shared';
import { AppError } from '../common/app-error.js';
import { fromGcj02 } from '../geo/crs.js';
import { nodeIdPath, subtreeForExport } from './grids.repo.js';
import { pathCodes } from './tree.js';

/** The properties every exported feature carries — the same ones the importer reads. */
export interface GridFeatureProperties {
  code: string;
  name: string;
  level: GridLevel;
  parent: string | null;
  virtual: boolean;
  synthetic: boolean;
}

export interface GridFeatureCollection {
  type: 'FeatureCollection';
  /** Non-standard but common: says which datum the coordinates are in. */
  crs: Crs;
  features: { type: 'Feature'; properties: GridFeatureProperties; geometry: AreaGeometry | null }[];
}

export interface ExportOptions {
  /** Only these levels (default: all). */
  levels?: GridLevel[];
  /** Coordinates out in this datum (default gcj02, as stored). */
  crs?: Crs;
  /** Refuse (422) rather than build a response larger than this many features. */
  maxFeatures?: number;
}

function convert(g: AreaGeometry, crs: Crs): AreaGeometry {
  if (crs === 'gcj02') return g;
  const polys = polygonsOf(g).map((poly) => poly.map((ring) => ring.map((p) => fromGcj02(p[0], p[1], crs) as Position)));
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: polys[0]! } : { type: 'MultiPolygon', coordinates: polys };
}

/**
 * A node and its whole subtree as a GeoJSON FeatureCollection, parents before children (path
 * order), in the shape `grids:import` reads back — so export → import is a round trip.
 */
export async function exportSubtree(m: EntityManager, code: string, opts: ExportOptions = {}): Promise<GridFeatureCollection> {
  const root = await nodeIdPath(m, code);
  if (!root) throw new AppError('NOT_FOUND', `grid ${code} not found`);
  const crs = opts.crs ?? 'gcj02';
  const sub = subtreeForExport(m, root.path, opts.levels?.length ? opts.levels.filter((l) => GRID_LEVELS.includes(l)) : undefined);
  if (opts.maxFeatures !== undefined) {
    const n = await sub.count();
    if (n > opts.maxFeatures) {
      throw new AppError('VALIDATION_FAILED', `subtree has ${n} nodes, more than ${opts.maxFeatures}; narrow it with levels= or a deeper code, or use the grids:export CLI`, {
        fields: { code: `subtree too large (${n} > ${opts.maxFeatures})` },
      });
    }
  }
  const rows = await sub.rows();
  return {
    type: 'FeatureCollection',
    crs,
    features: rows.map((r) => {
      const codes = pathCodes(r.path);
      return {
        type: 'Feature',
        properties: { code: r.code, name: r.name, level: r.level, parent: codes.length > 1 ? codes[codes.length - 2]! : null, virtual: !!r.virtual, synthetic: !!r.synthetic },
        geometry: r.boundary ? convert(JSON.parse(r.boundary) as AreaGeometry, crs) : null,
      };
    }),
  };
}
