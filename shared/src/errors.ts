/**
 * Every error the API returns uses one envelope, `{code, message, details}`. Codes live here so
 * the mini-program can show a message per code without parsing English text, and so the server
 * maps each code to exactly one HTTP status.
 */
export interface ErrorEnvelope {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

interface ErrorSpec {
  status: number;
  /** Chinese text shown to users by the mini-program. */
  zh: string;
}

export const ERRORS = {
  VALIDATION_FAILED: { status: 422, zh: '提交的内容有误，请检查后重试' },
  MALFORMED_REQUEST: { status: 400, zh: '请求格式错误' },
  /** JSON nested deeper than the server accepts, or with too many fields (checked before validation). */
  INPUT_TOO_COMPLEX: { status: 400, zh: '提交的内容层级过深或字段过多' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的文件类型' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录' },
  TOKEN_EXPIRED: { status: 401, zh: '登录已过期，请重新登录' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作' },
  NOT_FOUND: { status: 404, zh: '内容不存在或无权查看' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在' },
  METHOD_NOT_ALLOWED: { status: 405, zh: '不支持的请求方式' },
  CONFLICT: { status: 409, zh: '数据已被他人修改，请刷新后重试' },
  STALE_VERSION: { status: 409, zh: '该事件已被他人处理，请刷新后重试' },
  INVALID_TRANSITION: { status: 409, zh: '当前状态下不能执行此操作' },
  DUPLICATE: { status: 409, zh: '记录已存在' },
  CLAIM_TAKEN: { status: 409, zh: '该登记信息已被他人认领或正在等待网格员确认，如有疑问请联系所在网格的网格员' },
  GONE: { status: 410, zh: '内容已失效' },
  RATE_LIMITED: { status: 429, zh: '操作太频繁，请稍后再试' },
  WECHAT_CODE_INVALID: { status: 401, zh: '微信登录凭证无效，请重新登录' },
  WECHAT_ERROR: { status: 502, zh: '微信服务返回错误，请稍后再试' },
  WECHAT_UNAVAILABLE: { status: 503, zh: '微信服务暂不可用，请稍后再试' },
  LOCATION_OUT_OF_AREA: { status: 422, zh: '该位置不在服务范围内' },
  OUTSIDE_GRID: { status: 422, zh: '当前位置不在您负责的网格内' },
  /** "Me too" from farther than the nearby radius (or for an event without a point). */
  SUPPORT_TOO_FAR: { status: 422, zh: '您不在这个问题附近，不能点“我也遇到”' },
  GRID_IMPORT_INVALID: { status: 422, zh: '网格数据校验未通过' },
  IMPORT_INVALID: { status: 422, zh: '导入文件校验未通过，未写入任何数据' },
  CONTENT_HELD: { status: 422, zh: '内容正在审核中' },
  CAMPAIGN_CLOSED: { status: 409, zh: '该活动不在填报时间内' },
  PERIOD_TOO_LONG: { status: 422, zh: '查询时间段过长' },
  DB_UNAVAILABLE: { status: 503, zh: '服务繁忙，请稍后再试' },
  SERVICE_UNAVAILABLE: { status: 503, zh: '服务暂不可用，请稍后再试' },
  INTERNAL: { status: 500, zh: '系统错误，请稍后再试' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, value);
}

export function statusOf(code: ErrorCode): number {
  return ERRORS[code].status;
}

/** The message a user should see for an envelope; falls back to the code's generic text. */
export function userMessage(err: Partial<ErrorEnvelope> | undefined): string {
  if (err && isErrorCode(err.code)) return ERRORS[err.code].zh;
  return ERRORS.INTERNAL.zh;
}

export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    isErrorCode((value as { code?: unknown }).code) &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** Used in `switch` defaults so that a missed case is a compile error. */
export function assertUnreachable(x: never): never {
  throw new Error(`unreachable: ${String(x)}`);
}
