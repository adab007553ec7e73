import * as gcoordNs from 'gcoord';
import type { Crs } from '@weigrid/shared';

// gcoord is CommonJS whose typings declare an ES default export; under Node's ESM loader the
// module object is the default. Take whichever holds `transform`.
const gcoord = ((gcoordNs as unknown as { default?: { transform?: unknown } }).default?.transform ? (gcoordNs as unknown as { default: unknown }).default : gcoordNs) as unknown as {
  transform(p: [number, number], from: string, to: string): [number, number];
  WGS84: string;
  GCJ02: string;
};

/** A point in the storage CRS (GCJ-02): WGS-84 input is converted, GCJ-02 passes through. */
export function toGcj02(lng: number, lat: number, crs: Crs | undefined): [lng: number, lat: number] {
  if (crs !== 'wgs84') return [lng, lat];
  const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02);
  return [x, y];
}

/** The inverse, for exports that ask for WGS-84. */
export function fromGcj02(lng: number, lat: number, crs: Crs | undefined): [lng: number, lat: number] {
  if (crs !== 'wgs84') return [lng, lat];
  const [x, y] = gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84);
  return [x, y];
}
