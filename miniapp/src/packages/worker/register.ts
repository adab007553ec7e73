/** Small helpers the register, care and volunteer pages share (kept inside the worker subpackage). */

/** `2026-11-27` in China time (UTC+8), how dates read on the household file. */
export function day(iso: string): string {
  const t = Date.parse(iso)
  return Number.isFinite(t) ? new Date(t + 8 * 3600_000).toISOString().slice(0, 10) : iso
}

export function visitUrl(p: { personId: number; name: string; householdId?: number; scheduleId?: number }): string {
  const q = [`personId=${p.personId}`, `name=${encodeURIComponent(p.name)}`]
  if (p.householdId) q.push(`householdId=${p.householdId}`)
  if (p.scheduleId) q.push(`scheduleId=${p.scheduleId}`)
  return `/packages/worker/pages/visit/index?${q.join('&')}`
}

export const householdUrl = (id: number): string => `/packages/worker/pages/household/index?id=${id}`
