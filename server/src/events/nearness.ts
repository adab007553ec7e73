import { haversineM, type Crs, type LatLng } from '@weigrid/shared';
import { toGcj02 } from '../geo/crs.js';

/**
 * The one "near" rule of the event loop. `/events/nearby` lists open events within this many
 * metres of a point unless the caller asks for another radius; "me too" is accepted only from
 * within it, so what one can support is what one could see nearby by default.
 */
export const NEARBY_RADIUS_M = 200;

/** A client's point in the storage CRS (GCJ-02): WeChat's getLocation gives GCJ-02, browsers WGS-84. */
export function storagePoint(p: { lat: number; lng: number; crs?: Crs }): LatLng {
  const [lng, lat] = toGcj02(p.lng, p.lat, p.crs);
  return { lat, lng };
}

/** Metres from a stored (GCJ-02) point to an event; null when the event has no point (filed by micro-grid code). */
export function distanceToEventM(at: LatLng, e: { lat: number | null; lng: number | null }): number | null {
  if (e.lat === null || e.lng === null) return null;
  return haversineM(at, { lat: e.lat, lng: e.lng });
}
