/** Small helpers the register, care and volunteer pages share (kept inside the worker subpackage). */
import Taro from '@tarojs/taro'
import { nav } from '../../services/nav'

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

/** 走访计划 of a tagged person (the tags offered for a new schedule come with the link). */
export const carePlanUrl = (p: { id: number; name: string; tags: readonly string[] }): string =>
  `/packages/worker/pages/care-plan/index?personId=${p.id}&name=${encodeURIComponent(p.name)}&tags=${encodeURIComponent(p.tags.join(','))}`

export const householdUrl = (id: number): string => `/packages/worker/pages/household/index?id=${id}`

/** A query parameter as typed (a malformed escape is shown as it came). */
export function decode(v: string | undefined): string {
  try {
    return v ? decodeURIComponent(v) : ''
  } catch {
    return v ?? ''
  }
}

type PlaceParts = { address: string; building: string; unit: string; room: string }

/** `3 栋 2 单元 501 室` ('' when the place has no building, unit or room). */
export const rooms = (p: Omit<PlaceParts, 'address'>): string =>
  [p.building && `${p.building} 栋`, p.unit && `${p.unit} 单元`, p.room && `${p.room} 室`].filter(Boolean).join(' ')

export const placeLine = (p: PlaceParts): string => [p.address, rooms(p)].filter(Boolean).join(' ')

export const personUrl = (householdId: number, personId?: number): string =>
  `/packages/worker/pages/person-edit/index?householdId=${householdId}${personId ? `&id=${personId}` : ''}`

/** After a save (said with a toast): back to the household file it was opened from (which reloads), or open it. */
export function backToFile(householdId: number, saved?: string): void {
  if (saved) void Taro.showToast({ title: saved, icon: 'success' })
  let prev: { route?: string } | undefined
  try {
    const pages = Taro.getCurrentPages()
    prev = pages[pages.length - 2]
  } catch {
    prev = undefined // no page stack (opened directly): open the file
  }
  if (prev?.route?.includes('pages/household/index')) nav.back()
  else nav.redirect(householdUrl(householdId))
}
