/**
 * Calendar days as people in China count them: UTC+8 all year (no DST). Campaign windows,
 * patrol days and dashboard periods are local days 'YYYY-MM-DD'.
 */
export const LOCAL_OFFSET_MS = 8 * 3600_000;

/** The local day containing instant `t`. */
export function localDay(t: Date | number = Date.now()): string {
  const ms = typeof t === 'number' ? t : t.getTime();
  return new Date(ms + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant local midnight starts `day`. */
export function dayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - LOCAL_OFFSET_MS);
}

/** `day` plus `n` days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400_000);
}
