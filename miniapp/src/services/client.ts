/**
 * The API typed by path, generated from the server's OpenAPI spec (generated/schema.ts, by
 * openapi-typescript): `client.GET('/events/{id}', { params: { path: { id } } })` checks the path,
 * its path and query parameters and the JSON body against what the server's validators accept,
 * and returns the success body the spec documents (generated on the server from each controller
 * method's return type, so the same shapes as @weigrid/shared). The call shape follows openapi-fetch, but requests go
 * through http.ts (Taro.request: there is no fetch on weapp), with its token refresh and error
 * mapping; failures throw ApiError instead of being returned. Types only: nothing generated
 * reaches the bundle.
 */
import type { OperationErrorCodes, paths } from './generated/schema'
import type { ResponseOverrides } from './responses'
import { ApiError, request, uploadFile, type Method } from './http'

type HttpMethod = 'get' | 'put' | 'post' | 'patch' | 'delete'

/** The paths that have an operation for method `M`. */
export type PathsWith<M extends HttpMethod> = { [P in keyof paths]: undefined extends paths[P][M] ? never : P }[keyof paths]
type Operation<M extends HttpMethod, P extends keyof paths> = NonNullable<paths[P][M]>

/** Every operation as `METHOD /path` (path as in the spec, relative to API_BASE). */
export type OperationKey = { [M in HttpMethod]: `${Uppercase<M>} ${PathsWith<M>}` }[HttpMethod]

type ParamsOf<O> = O extends { parameters: infer X } ? X : never
type PathParams<O> = ParamsOf<O> extends { path: infer X } ? X : undefined
type QueryParams<O> = ParamsOf<O> extends { query: infer X } ? X : ParamsOf<O> extends { query?: infer X } ? X : undefined
/**
 * A query string carries text: a numeric parameter may also be given as the string a page got (an
 * opaque cursor), and a `'true' | 'false'` one as a boolean.
 */
type QueryValues<Q> = { [K in keyof Q]: Q[K] | (NonNullable<Q[K]> extends number ? string : never) | ('true' extends Q[K] ? boolean : never) }
type Body<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : undefined

type Params<O> = ([PathParams<O>] extends [undefined] ? { path?: undefined } : { path: PathParams<O> }) &
  ([QueryParams<O>] extends [undefined] ? { query?: undefined } : {} extends QueryParams<O> ? { query?: QueryValues<QueryParams<O>> } : { query: QueryValues<QueryParams<O>> })

/** What a call takes besides method and path; `auth: false` sends no retry on 401 (login, refresh). */
export type CallInit<O> = ({} extends Params<O> ? { params?: Params<O> } : { params: Params<O> }) &
  ([Body<O>] extends [undefined] ? { body?: undefined } : { body: Body<O> }) & { auth?: boolean }

/** The JSON body of one success response; void for a 204, unknown for a non-JSON body (a file). */
type JsonBody<R> = R extends { content: { 'application/json': infer B } } ? B : R extends { content?: never } ? void : unknown
type SuccessBody<O> = O extends { responses: infer R } ? JsonBody<R[Extract<keyof R, 200 | 201 | 204>]> : unknown

/** The success body of an operation `METHOD /path` as the spec documents it (from the server's declared return types). */
export type SpecResponseOf<K extends string> = K extends `${infer M} ${infer P}`
  ? Lowercase<M> extends infer LM extends HttpMethod
    ? P extends PathsWith<LM>
      ? SuccessBody<Operation<LM, P>>
      : unknown
    : unknown
  : unknown

/** The success body of an operation: the spec's, narrowed where responses.ts says the server sends more. */
export type ResponseOf<K extends string> = K extends keyof ResponseOverrides ? ResponseOverrides[K] : SpecResponseOf<K>

/** The ApiError an operation may throw: its spec's codes, plus NETWORK and INTERNAL from the client. */
export type OperationError<K extends OperationKey> = ApiError<(K extends keyof OperationErrorCodes ? OperationErrorCodes[K] : never) | 'NETWORK' | 'INTERNAL'>

/** Fills `{name}` from `path` params (encoded) and appends the query; `null`/`undefined`/'' are left out. */
export function buildPath(template: string, params: { path?: object; query?: object } = {}): string {
  const p = (params.path ?? {}) as Record<string, unknown>
  const url = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = p[name]
    if (v === undefined || v === null || v === '') throw new TypeError(`missing path parameter ${name} for ${template}`)
    return encodeURIComponent(String(v))
  })
  const parts = Object.entries((params.query ?? {}) as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `${url}?${parts.join('&')}` : url
}

type MultipartPaths = { [P in PathsWith<'post'>]: NonNullable<Operation<'post', P>['requestBody']> extends { content: { 'multipart/form-data': unknown } } ? P : never }[PathsWith<'post'>]

/** `T` with every string-literal union as plain `string`, deeply. */
export type EnumsAsString<T> = T extends string ? string : T extends readonly (infer U)[] ? EnumsAsString<U>[] : T extends object ? { [K in keyof T]: EnumsAsString<T[K]> } : T

/**
 * For shared request types that say `string` where the server's validators take one of a list
 * (a register relation, kind, tag or state): everything else in `value` is still checked against
 * the spec, and the server answers 422 VALIDATION_FAILED to a value off the list. Narrowing those
 * types in @weigrid/shared (and the server DTOs and register forms that use them) removes the need.
 */
export function enumsAsString<T>(value: NoInfer<EnumsAsString<NonNullable<T>>>): NonNullable<T> {
  // T comes from where the value goes (NoInfer), not from the value itself
  return value as NonNullable<T>
}

type Rest<O> = {} extends CallInit<O> ? [init?: CallInit<O>] : [init: CallInit<O>]

function caller<M extends HttpMethod>(method: M) {
  return <P extends PathsWith<M>>(path: P, ...[init]: Rest<Operation<M, P>>): Promise<ResponseOf<`${Uppercase<M>} ${P}`>> => {
    const i = (init ?? {}) as { params?: { path?: object; query?: object }; body?: unknown; auth?: boolean }
    return request(method.toUpperCase() as Method, buildPath(path, i.params), i.body, { auth: i.auth })
  }
}

export const client = {
  GET: caller('get'),
  POST: caller('post'),
  PUT: caller('put'),
  PATCH: caller('patch'),
  DELETE: caller('delete'),
  /** multipart upload of one local file (the operation's `file` part), through Taro.uploadFile. */
  UPLOAD: <P extends MultipartPaths>(path: P, filePath: string, onProgress?: (percent: number) => void): Promise<ResponseOf<`POST ${P}`>> =>
    uploadFile<ResponseOf<`POST ${P}`>>(path, filePath, onProgress)
}
