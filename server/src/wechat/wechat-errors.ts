import { AppError } from '../common/app-error.js';
import type { ErrorCode } from '@weigrid/shared';

/**
 * What went wrong talking to WeChat, as a kind a caller can switch on. Every kind maps to a 4xx
 * or a 503 for the API client — a WeChat problem is never a 500.
 */
export type WechatErrorKind =
  /** 40029 / 40163: the login or phone code is invalid or used. */
  | 'code_invalid'
  /** 40226: WeChat blocked this user. */
  | 'user_blocked'
  /** 45011 / 45009: WeChat's rate limit. */
  | 'rate_limited'
  /** 43101: the user has no subscribe credit for this template (do not retry). */
  | 'no_credit'
  /** 47003 / 47001 / 40037 / 40169 / 41030: we sent bad data. */
  | 'bad_request'
  /** 40003: the openid does not belong to this app. */
  | 'bad_openid'
  /** 40001 / 42001 / 40014 still after one refresh. */
  | 'token_invalid'
  /** 40013 / 40125 / 40164 …: our appid/secret/IP whitelist is wrong — an operator problem. */
  | 'config'
  /** Timeout, connection refused, non-JSON answer, -1 system busy, anything unknown. */
  | 'unavailable';

const KIND_BY_ERRCODE: Record<number, WechatErrorKind> = {
  40029: 'code_invalid',
  40163: 'code_invalid',
  40226: 'user_blocked',
  45011: 'rate_limited',
  45009: 'rate_limited',
  43101: 'no_credit',
  47003: 'bad_request',
  47001: 'bad_request',
  40037: 'bad_request',
  40169: 'bad_request',
  41030: 'bad_request',
  40003: 'bad_openid',
  40001: 'token_invalid',
  42001: 'token_invalid',
  40014: 'token_invalid',
  40013: 'config',
  40125: 'config',
  40164: 'config',
  40002: 'config',
  [-1]: 'unavailable',
};

export const TOKEN_ERRCODES = new Set([40001, 42001, 40014]);

const APP_CODE: Record<WechatErrorKind, ErrorCode> = {
  code_invalid: 'WECHAT_CODE_INVALID',
  user_blocked: 'FORBIDDEN',
  rate_limited: 'RATE_LIMITED',
  no_credit: 'CONFLICT',
  bad_request: 'VALIDATION_FAILED',
  bad_openid: 'VALIDATION_FAILED',
  token_invalid: 'WECHAT_UNAVAILABLE',
  config: 'WECHAT_UNAVAILABLE',
  unavailable: 'WECHAT_UNAVAILABLE',
};

export class WechatError extends AppError {
  constructor(
    readonly kind: WechatErrorKind,
    /** WeChat's errcode, or undefined for transport failures. */
    readonly errcode: number | undefined,
    /** Which API, e.g. 'jscode2session' (never a URL: URLs carry secrets). */
    readonly api: string,
    message: string,
  ) {
    super(APP_CODE[kind], message, { api, errcode, ...(kind === 'rate_limited' ? { retryAfter: 60 } : {}) });
  }

  static fromErrcode(api: string, errcode: number, errmsg: unknown): WechatError {
    const kind = KIND_BY_ERRCODE[errcode] ?? 'unavailable';
    // errmsg comes from WeChat; keep it short and free of anything we sent.
    return new WechatError(kind, errcode, api, `wechat ${api}: errcode ${errcode} ${String(errmsg ?? '').slice(0, 80)}`);
  }
}
