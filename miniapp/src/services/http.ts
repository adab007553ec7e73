import Taro from '@tarojs/taro'
import { isErrorEnvelope, userMessage, type ErrorCode, type ErrorDetails, type ErrorEnvelope } from '@weigrid/shared'

/** Base URL from TARO_APP_API_BASE at build time (see config/index.ts). */
export const API_BASE: string = process.env.TARO_APP_API_BASE ?? '/api/v1'

/** Beside a field the server refused in words a user cannot read. */
export const FIELD_FALLBACK = '此项填写有误，请检查'

/** A code the server sends, or `NETWORK` when nothing reached it (no envelope, status 0). */
export type ApiErrorCode = ErrorCode | 'NETWORK'

/**
 * An API failure carrying the server's envelope; `userMessage` is what to show. `C` narrows the
 * codes (see `OperationError` in client.ts, and `is`), which types `details`.
 */
export class ApiError<C extends ApiErrorCode = ApiErrorCode> extends Error {
  constructor(
    readonly status: number,
    readonly envelope: ErrorEnvelope | undefined
  ) {
    super(envelope?.message ?? `HTTP ${status}`)
  }

  get code(): C {
    return (this.envelope?.code ?? (this.status === 0 ? 'NETWORK' : 'INTERNAL')) as C
  }

  /** The envelope's `details`, typed by code (`{fields}` for VALIDATION_FAILED, …). */
  get details(): C extends ErrorCode ? ErrorDetails<C> | undefined : undefined {
    return this.envelope?.details as C extends ErrorCode ? ErrorDetails<C> | undefined : undefined
  }

  /** Narrows to one code (or several), so `details` has that code's shape. */
  is<K extends C>(...codes: K[]): this is ApiError<K> {
    return (codes as ApiErrorCode[]).includes(this.code)
  }

  /** True when nothing reached the server: the same request may simply be sent again later. */
  get isNetwork(): boolean {
    return this.status === 0
  }

  get userMessage(): string {
    return this.status === 0 ? '网络不可用，请检查网络后重试' : userMessage(this.envelope)
  }

  /** Per-field messages from a 422 (`details.fields`), to show beside the fields. */
  get fieldErrors(): Record<string, string> {
    const d = this.envelope?.details as { fields?: Record<string, unknown> } | undefined
    const out: Record<string, string> = {}
    if (d && d.fields && typeof d.fields === 'object') {
      for (const [k, v] of Object.entries(d.fields)) out[k] = Array.isArray(v) ? v.join('；') : String(v)
    }
    return out
  }

  /** Said beside a field whose server message is not Chinese: the code's own message, unless that is the generic one. */
  private get fieldFallback(): string {
    const code = this.envelope?.code
    return !code || code === 'VALIDATION_FAILED' ? FIELD_FALLBACK : this.userMessage
  }

  /**
   * `fieldErrors` fit to show as they are: the server's validators speak English, so a message
   * without Chinese becomes the code's Chinese message (forms with their own per-field wording,
   * like the campaign and register forms, map `fieldErrors` themselves).
   */
  get shownFieldErrors(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const [k, text] of Object.entries(this.fieldErrors)) out[k] = /[\u4e00-\u9fff]/.test(text) ? text : this.fieldFallback
    return out
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

let authToken: string | undefined
export function setAuthToken(token: string | undefined): void {
  authToken = token
}
export function getAuthToken(): string | undefined {
  return authToken
}

/** Called once when a request fails with an expired or missing session; returns true if a new
 * token is in place (session.ts installs it: refresh, else log in again). */
let reauthenticate: (() => Promise<boolean>) | undefined
export function setReauthenticate(fn: (() => Promise<boolean>) | undefined): void {
  reauthenticate = fn
}

function authHeader(): Record<string, string> {
  return authToken ? { authorization: `Bearer ${authToken}` } : {}
}

function isAuthFailure(e: unknown): boolean {
  return e instanceof ApiError && e.status === 401 && (e.code === 'TOKEN_EXPIRED' || e.code === 'UNAUTHENTICATED')
}

async function send<T>(method: Method, path: string, data?: unknown): Promise<T> {
  let res: Taro.request.SuccessCallbackResult<any>
  try {
    res = await Taro.request({
      url: API_BASE + path,
      method,
      // Fastify refuses an empty body sent as JSON: bodiless POSTs (accept, read, ack) send {}
      data: (data ?? (method === 'GET' || method === 'DELETE' ? undefined : {})) as Record<string, unknown> | undefined,
      header: { 'content-type': 'application/json', ...authHeader() },
      timeout: 15000
    })
  } catch {
    throw new ApiError(0, undefined)
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T
  let body = res.data
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body)
    } catch {
      /* not JSON */
    }
  }
  throw new ApiError(res.statusCode, isErrorEnvelope(body) ? body : undefined)
}

/** One request through Taro.request, with the bearer token and one re-login on an expired session. */
export async function request<T>(method: Method, path: string, data?: unknown, opts: { auth?: boolean } = {}): Promise<T> {
  try {
    return await send<T>(method, path, data)
  } catch (e) {
    if (opts.auth !== false && isAuthFailure(e) && reauthenticate && (await reauthenticate())) {
      return send<T>(method, path, data)
    }
    throw e
  }
}

/** Server paths such as `/api/v1/uploads/x/thumb` as a full URL (WeChat needs the host). */
export function assetUrl(path: string): string {
  if (!path.startsWith('/')) return path
  const m = /^(https?:\/\/[^/]+)/.exec(API_BASE)
  return m ? m[1] + path : path
}

/** multipart upload of one local file (part `file`) to `path`, reporting progress 0–100. */
export async function uploadFile<T>(path: string, filePath: string, onProgress?: (percent: number) => void): Promise<T> {
  const attempt = () =>
    new Promise<T>((resolve, reject) => {
      const task = Taro.uploadFile({
        url: API_BASE + path,
        filePath,
        name: 'file',
        header: authHeader(),
        timeout: 60000,
        success(res) {
          let body: unknown = res.data
          try {
            body = typeof res.data === 'string' ? JSON.parse(res.data) : res.data
          } catch {
            /* keep raw */
          }
          if (res.statusCode >= 200 && res.statusCode < 300) resolve(body as T)
          else reject(new ApiError(res.statusCode, isErrorEnvelope(body) ? body : undefined))
        },
        fail() {
          reject(new ApiError(0, undefined))
        }
      })
      // H5 returns a promise with .progress; weapp returns the UploadTask
      const t = task as unknown as { onProgressUpdate?: (cb: (r: { progress: number }) => void) => void; progress?: (cb: (r: { progress: number }) => void) => void }
      const listen = t.onProgressUpdate ?? t.progress
      if (onProgress && listen) listen.call(task, (r) => onProgress(r.progress))
    })
  try {
    return await attempt()
  } catch (e) {
    if (isAuthFailure(e) && reauthenticate && (await reauthenticate())) return attempt()
    throw e
  }
}
