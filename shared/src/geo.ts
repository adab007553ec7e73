/**
 * Coordinates are explicit about their reference system. WeChat's getLocation({type:'gcj02'})
 * returns GCJ-02 (the "Mars" datum used by Chinese maps); GPS devices and Open311 send WGS-84.
 * Everything stored is GCJ-02; conversion happens at the edge.
 */
export const CRS = ['gcj02', 'wgs84'] as const;
export type Crs = (typeof CRS)[number];
export const STORAGE_CRS: Crs = 'gcj02';

export interface LatLng {
  lat: number;
  lng: number;
}

/** Mainland China's bounding box, generous enough for islands; used to reject nonsense points. */
export const CHINA_BBOX = { minLng: 73.4, minLat: 3.8, maxLng: 135.1, maxLat: 53.6 } as const;

export function inChina(p: LatLng): boolean {
  return (
    Number.isFinite(p.lat) &&
    Number.isFinite(p.lng) &&
    p.lng >= CHINA_BBOX.minLng &&
    p.lng <= CHINA_BBOX.maxLng &&
    p.lat >= CHINA_BBOX.minLat &&
    p.lat <= CHINA_BBOX.maxLat
  );
}

const EARTH_RADIUS_M = 6371008.8;

/** Great-circle distance in metres. */
export function haversineM(a: LatLng, b: LatLng): number {
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLng = (b.lng - a.lng) * toRad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** A GeoJSON position: [lng, lat] (GeoJSON order, not lat/lng). */
export type Position = [number, number];

export interface PolygonGeometry {
  type: 'Polygon';
  /** Outer ring first, then holes; each ring closed (first position repeated last). */
  coordinates: Position[][];
}

export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}

/** The only geometries a grid boundary may have. */
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export function isCrs(value: unknown): value is Crs {
  return typeof value === 'string' && (CRS as readonly string[]).includes(value);
}

/** The polygons of a geometry, as lists of rings (a Polygon is a MultiPolygon of one). */
export function polygonsOf(g: AreaGeometry): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}
