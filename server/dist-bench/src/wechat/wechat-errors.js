import { AppError } from '../common/app-error.js';
const KIND_BY_ERRCODE = {
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
const APP_CODE = {
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
    kind;
    errcode;
    api;
    constructor(kind, 
    /** WeChat's errcode, or undefined for transport failures. */
    errcode, 
    /** Which API, e.g. 'jscode2session' (never a URL: URLs carry secrets). */
    api, message) {
        super(APP_CODE[kind], message, { api, errcode, ...(kind === 'rate_limited' ? { retryAfter: 60 } : {}) });
        this.kind = kind;
        this.errcode = errcode;
        this.api = api;
    }
    static fromErrcode(api, errcode, errmsg) {
        const kind = KIND_BY_ERRCODE[errcode] ?? 'unavailable';
        // errmsg comes from WeChat; keep it short and free of anything we sent.
        return new WechatError(kind, errcode, api, `wechat ${api}: errcode ${errcode} ${String(errmsg ?? '').slice(0, 80)}`);
    }
}
//# sourceMappingURL=wechat-errors.js.map