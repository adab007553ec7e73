/** Great-circle distance in metres (haversine; GCJ-02 offsets are locally constant, so fine for legs). */
export function haversineM(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const R = 6371008.8;
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Legs between consecutive points (first: 0) and their sum, in whole metres. */
export function trackLegs(points: readonly { lat: number; lng: number }[]): { legs: number[]; totalM: number } {
  const legs: number[] = [];
  let total = 0;
  for (let i = 0; i < points.length; i++) {
    const d = i === 0 ? 0 : haversineM(points[i - 1]!.lat, points[i - 1]!.lng, points[i]!.lat, points[i]!.lng);
    total += d;
    legs.push(Math.round(d));
  }
  return { legs, totalM: Math.round(total) };
}
