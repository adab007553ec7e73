import Taro from '@tarojs/taro'
import { isErrorEnvelope, userMessage, type ErrorEnvelope, type OverviewDto, type CategoryDto } from '@weigrid/shared'

/** Base URL from TARO_APP_API_BASE at build time (see config/index.ts). */
export const API_BASE: string = process.env.TARO_APP_API_BASE ?? '/api/v1'

/** An API failure carrying the server's envelope; `userMessage` is what to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly envelope: ErrorEnvelope | undefined
  ) {
    super(envelope?.message ?? `HTTP ${status}`)
  }

  get code(): string {
    return this.envelope?.code ?? (this.status === 0 ? 'NETWORK' : 'INTERNAL')
  }

  get userMessage(): string {
    return this.status === 0 ? '网络不可用，请检查网络后重试' : userMessage(this.envelope)
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

let authToken: string | undefined
export function setAuthToken(token: string | undefined): void {
  authToken = token
}

export async function request<T>(method: Method, path: string, data?: unknown): Promise<T> {
  let res: Taro.request.SuccessCallbackResult<string | TaroGeneral.IAnyObject | ArrayBuffer>
  try {
    res = await Taro.request({
      url: API_BASE + path,
      method,
      data: data as Record<string, unknown> | undefined,
      header: { 'content-type': 'application/json', ...(authToken ? { authorization: `Bearer ${authToken}` } : {}) },
      timeout: 15000
    })
  } catch {
    throw new ApiError(0, undefined)
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T
  throw new ApiError(res.statusCode, isErrorEnvelope(res.data) ? res.data : undefined)
}

/** One typed function per endpoint; response types come from @weigrid/shared, as the server's do. */
export const api = {
  overview: () => request<OverviewDto>('GET', '/overview'),
  categories: () => request<CategoryDto[]>('GET', '/categories')
}
