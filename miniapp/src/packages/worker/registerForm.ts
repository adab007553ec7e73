import { useState } from 'react'
import { checkIdNumber, isPlausibleBirthYear, normalizePhone, type PersonInput, type UpdatePersonRequest } from '@weigrid/shared'
import { ApiError } from '../../services/api'
import type { OrganizationDto, PersonDto, PlaceDto, UpdateOrganizationRequest, UpdatePlaceRequest } from '../../services/contracts'
import { RS } from './strings'

/**
 * The register forms (place, household, person, organization, risk item; the resident's
 * corrections): what is checked before sending, and the server's 422/409 field details turned into
 * the Chinese sentence shown beside the field. The server words its field details in English for
 * API clients; a resident or worker must never read those, so every field known here gets a
 * Chinese sentence, chosen by what the server said (e.g. which ID-number check failed).
 */
const E = RS.regForm.err
const thisYear = () => new Date().getUTCFullYear()

type Zh = (serverText: string) => string

const ZH: Record<string, Zh> = {
  gridCode: () => E.gridCode,
  address: (t) => (/already registered/.test(t) ? E.addressTakenEdit : E.address),
  building: () => E.short(RS.regForm.building, 20),
  unit: () => E.short(RS.regForm.unit, 20),
  room: () => E.short(RS.regForm.room, 20),
  lng: () => E.point,
  lat: () => E.point,
  code: () => E.short('户编号', 32),
  note: () => E.short('备注', 500),
  name: (t) => (/duplicate/.test(t) ? E.nameDuplicate : E.name),
  relation: () => E.relation,
  phone: () => E.phone,
  idNumber: (t) =>
    /already registered/.test(t) ? E.idTaken
    : /province/.test(t) ? E.idRegion
    : /birth date/.test(t) ? E.idBirth
    : /check character/.test(t) ? E.idChecksum
    : /plausible/.test(t) ? E.idYear
    : E.idFormat,
  birthYear: (t) => {
    const id = /ID number \((\d{4})\)/.exec(t)
    return id ? E.birthYearId(id[1]!) : E.birthYear(thisYear())
  },
  tags: (t) => (/residents/.test(t) ? E.tagsResident : E.tags),
  creditCode: () => E.creditCode,
  contactName: () => E.short('联系人', 50),
  contactPhone: () => E.contactPhone,
  state: () => E.riskState,
  householdId: () => E.householdId,
  version: () => E.version
}

export interface FormFailure {
  /** Chinese, keyed by the request's field names (what the page shows beside each field). */
  fields: Record<string, string>
  /** The sentence for the whole form (the error code's message). */
  form: string
  error: ApiError
}

/** A failed save as the form shows it; `kind` differs between organizations and risk items. */
export function formFailure(err: unknown, overrides: Record<string, Zh> = {}): FormFailure {
  const error = err instanceof ApiError ? err : new ApiError(0, undefined)
  const fields: Record<string, string> = {}
  for (const [k, text] of Object.entries(error.fieldErrors)) {
    const zh = overrides[k] ?? ZH[k]
    fields[k] = zh ? zh(text) : E.field(k)
  }
  return { fields, form: error.userMessage, error }
}

/**
 * A form's errors and sending state: `submit` stops at the checked errors, else runs the save; a
 * failure is shown beside the fields in Chinese (`adjust` places what has no field, e.g. a taken
 * address) and nothing typed is lost.
 */
export function useFormSave(overrides?: Record<string, Zh>) {
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string>()
  const [sending, setSending] = useState(false)
  const submit = async (checked: Record<string, string>, work: () => Promise<unknown>, adjust?: (f: FormFailure) => void): Promise<void> => {
    setErrors(checked)
    setFormError(undefined)
    if (Object.keys(checked).length) return
    setSending(true)
    try {
      await work()
    } catch (err) {
      const f = formFailure(err, overrides)
      adjust?.(f)
      setErrors(f.fields)
      setFormError(f.form)
    } finally {
      setSending(false)
    }
  }
  return { errors, formError, sending, submit }
}

/** What the person form holds while typing (birth year as typed, so "19x1" stays visible). */
export interface PersonValues {
  name: string
  relation: string
  phone: string
  idNumber: string
  birthYear: string
  tags: string[]
}

export const emptyPerson = (): PersonValues => ({ name: '', relation: '', phone: '', idNumber: '', birthYear: '', tags: [] })

/** A person as the form edits them: phone and ID number start empty (they are masked; empty = keep). */
/** What the person forms read of a record: a worker's PersonDto or a resident's own view. */
export type EditablePerson = Pick<PersonDto, 'name' | 'relation' | 'phone' | 'idNumber' | 'birthYear' | 'tags' | 'version'>

export const personValues = (p: EditablePerson): PersonValues => ({ name: p.name, relation: p.relation, phone: '', idNumber: '', birthYear: p.birthYear === null ? '' : String(p.birthYear), tags: [...p.tags] })

/** An ID number's problem in Chinese (format, region, birth date, checksum, implausible year), or undefined. */
export function idNumberProblem(value: string): string | undefined {
  const c = checkIdNumber(value)
  if (!c.ok) return ZH.idNumber!(c.reason)
  return isPlausibleBirthYear(c.info.birthYear) ? undefined : E.idYear
}

/** The checks the server makes (shared ID-number checksum, phone format, birth year), in Chinese. */
export function checkPerson(v: PersonValues): Record<string, string> {
  const e: Record<string, string> = {}
  const name = v.name.trim()
  if (!name || Array.from(name).length > 50) e.name = E.name
  if (!v.relation) e.relation = E.relation
  if (v.phone.trim() && !normalizePhone(v.phone)) e.phone = E.phone
  let idYear: number | undefined
  if (v.idNumber.trim()) {
    const problem = idNumberProblem(v.idNumber)
    if (problem) e.idNumber = problem
    else idYear = Number(v.idNumber.trim().slice(6, 10))
  }
  const y = v.birthYear.trim()
  if (y) {
    const n = Number(y)
    if (!/^\d{4}$/.test(y) || !isPlausibleBirthYear(n)) e.birthYear = E.birthYear(thisYear())
    else if (idYear !== undefined && idYear !== n) e.birthYear = E.birthYearId(idYear)
  }
  return e
}

/** The body of a new person: empty optional fields left out. */
export function newPersonBody(v: PersonValues): PersonInput {
  return {
    name: v.name.trim(),
    relation: v.relation,
    ...(v.phone.trim() ? { phone: v.phone.trim() } : {}),
    ...(v.idNumber.trim() ? { idNumber: v.idNumber.trim().toUpperCase() } : {}),
    ...(v.birthYear.trim() ? { birthYear: Number(v.birthYear.trim()) } : {}),
    ...(v.tags.length ? { tags: v.tags } : {})
  }
}

/**
 * A correction: only what changed, with the version it was read at (a concurrent change is a 409).
 * Phone and ID number are sent only when typed (they were shown masked, so empty means "keep");
 * a cleared birth year is sent as null.
 */
export function personPatch(before: EditablePerson, v: PersonValues, opts: { withTags: boolean }): UpdatePersonRequest {
  const out: UpdatePersonRequest = { version: before.version ?? 1 }
  if (v.name.trim() !== before.name) out.name = v.name.trim()
  if (v.relation !== before.relation) out.relation = v.relation
  if (v.phone.trim()) out.phone = v.phone.trim()
  if (v.idNumber.trim()) out.idNumber = v.idNumber.trim().toUpperCase()
  const y = v.birthYear.trim() ? Number(v.birthYear.trim()) : null
  if (y !== before.birthYear) out.birthYear = y
  if (opts.withTags && [...v.tags].sort().join(',') !== [...before.tags].sort().join(',')) out.tags = v.tags
  return out
}

/** Leaves out empty optional strings, trims the rest. */
export function compact<T extends Record<string, string | number | undefined>>(o: T): Partial<T> {
  const out: Partial<T> = {}
  for (const [k, v] of Object.entries(o) as [keyof T, T[keyof T]][]) {
    if (typeof v === 'string') {
      if (v.trim()) out[k] = v.trim() as T[keyof T]
    } else if (v !== undefined) out[k] = v
  }
  return out
}

/** What changed in a place (trimmed; a removed point is sent as null), with its version; undefined when nothing did. */
export function placePatch(before: PlaceDto, addr: { address: string; building: string; unit: string; room: string }, point: { lng: number; lat: number } | undefined): UpdatePlaceRequest | undefined {
  const out: UpdatePlaceRequest = { version: before.version }
  for (const k of ['address', 'building', 'unit', 'room'] as const) if (addr[k].trim() !== before[k]) out[k] = addr[k].trim()
  if ((point?.lng ?? null) !== before.lng || (point?.lat ?? null) !== before.lat) {
    out.lng = point?.lng ?? null
    out.lat = point?.lat ?? null
  }
  return Object.keys(out).length > 1 ? out : undefined
}

/** What the organization form holds (optional fields as typed, '' = none). */
export interface OrgValues {
  name: string
  kind: string
  creditCode: string
  contactName: string
  contactPhone: string
}

/** An organization's change: only what differs, a cleared optional field as null, with its version; undefined when nothing did. */
export function orgPatch(before: OrganizationDto, v: OrgValues): UpdateOrganizationRequest | undefined {
  const out: UpdateOrganizationRequest = { version: before.version }
  if (v.name.trim() !== before.name) out.name = v.name.trim()
  if (v.kind !== before.kind) out.kind = v.kind
  const opt = { creditCode: v.creditCode.trim().toUpperCase(), contactName: v.contactName.trim(), contactPhone: v.contactPhone.trim() }
  for (const k of ['creditCode', 'contactName', 'contactPhone'] as const) if (opt[k] !== (before[k] ?? '')) out[k] = opt[k] || null
  return Object.keys(out).length > 1 ? out : undefined
}
