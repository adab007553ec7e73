/**
 * Success bodies come from the spec (client.ts `SpecResponseOf`): the server documents each one from
 * its controller method's declared return type. Where that declaration is looser than what the
 * server sends, the body the mini-program relies on is named here, by `METHOD /path`. An entry may
 * only narrow the spec's type, never contradict it, and must name an operation (`CheckOverrides`).
 */
import type { OperationKey, SpecResponseOf } from './client'
import type { CategoryAdminDto } from './contracts'

export interface ResponseOverrides {
  // CatalogController.all declares `(CategoryDto & { active?: boolean })[]`, but it always sends
  // `active` (CatalogService.listCategories(true)); declaring CategoryAdminDto[] there removes this.
  'GET /categories/all': CategoryAdminDto[]
}

type MustBeNever<T extends never> = T
/** Compiles only while every key is an operation of the spec and its type narrows the spec's. */
export type CheckOverrides = MustBeNever<
  Exclude<keyof ResponseOverrides, OperationKey> | { [K in keyof ResponseOverrides]: ResponseOverrides[K] extends SpecResponseOf<K> ? never : K }[keyof ResponseOverrides]
>
