import { Logger } from '@nestjs/common';
import { TOKEN_ERRCODES, WechatError } from './wechat-errors.js';
/**
 * The one way to talk to WeChat. Every call: base URL from config, a timeout, errcode → a typed
 * `WechatError` (which the error filter turns into a 4xx or 503), and for calls that need the
 * access token, one refresh-and-retry when WeChat says the token is invalid or expired.
 * Logs name the API and outcome only — never URLs (they carry secrets and codes) or bodies.
 */
export class WechatClient {
    config;
    log = new Logger('wechat');
    tokens;
    constructor(config) {
        this.config = config;
    }
    /** Set once at wiring time (the store needs `fetchStableToken` from this client). */
    useTokenStore(store) {
        this.tokens = store;
        return this;
    }
    async code2Session(code) {
        const q = new URLSearchParams({ appid: this.config.appid, secret: this.config.secret, js_code: code, grant_type: 'authorization_code' });
        const r = await this.request('jscode2session', 'GET', `/sns/jscode2session?${q}`);
        if (typeof r.openid !== 'string' || typeof r.session_key !== 'string')
            throw new WechatError('unavailable', undefined, 'jscode2session', 'wechat jscode2session: answer without openid/session_key');
        return { openid: r.openid, sessionKey: r.session_key, unionid: typeof r.unionid === 'string' ? r.unionid : undefined };
    }
    /** stable_token; used by the token store, not by callers. */
    async fetchStableToken(force) {
        const r = await this.request('stable_token', 'POST', '/cgi-bin/stable_token', { grant_type: 'client_credential', appid: this.config.appid, secret: this.config.secret, force_refresh: force });
        if (typeof r.access_token !== 'string' || typeof r.expires_in !== 'number')
            throw new WechatError('unavailable', undefined, 'stable_token', 'wechat stable_token: answer without access_token');
        return { accessToken: r.access_token, expiresIn: r.expires_in };
    }
    async getPhoneNumber(code) {
        const r = await this.withToken('getuserphonenumber', '/wxa/business/getuserphonenumber', { code });
        const p = r.phone_info;
        if (!p?.purePhoneNumber)
            throw new WechatError('unavailable', undefined, 'getuserphonenumber', 'wechat getuserphonenumber: answer without phone_info');
        if (p.watermark && p.watermark.appid !== this.config.appid)
            throw new WechatError('unavailable', undefined, 'getuserphonenumber', 'wechat getuserphonenumber: watermark appid mismatch');
        return { phoneNumber: p.phoneNumber ?? p.purePhoneNumber, purePhoneNumber: p.purePhoneNumber, countryCode: p.countryCode ?? '86' };
    }
    async sendSubscribe(m) {
        await this.withToken('subscribe_send', '/cgi-bin/message/subscribe/send', {
            touser: m.touser,
            template_id: m.templateId,
            page: m.page,
            data: m.data,
            miniprogram_state: m.miniprogramState ?? 'formal',
            lang: m.lang ?? 'zh_CN',
        });
    }
    async msgSecCheck(i) {
        const r = await this.withToken('msg_sec_check', '/wxa/msg_sec_check', { content: i.content, version: 2, scene: i.scene, openid: i.openid, title: i.title });
        const res = r.result;
        if (res?.suggest !== 'pass' && res?.suggest !== 'review' && res?.suggest !== 'risky')
            throw new WechatError('unavailable', undefined, 'msg_sec_check', 'wechat msg_sec_check: answer without result.suggest');
        return { suggest: res.suggest, label: Number(res.label ?? 0) };
    }
    /** The verdict arrives later on the message push callback, matched by trace id. */
    async mediaCheckAsync(i) {
        const r = await this.withToken('media_check_async', '/wxa/media_check_async', { media_url: i.mediaUrl, media_type: i.mediaType, version: 2, scene: i.scene, openid: i.openid });
        return { traceId: String(r.trace_id ?? '') };
    }
    /** A mini-program code image (PNG bytes). */
    async getWxacodeUnlimit(i) {
        const r = await this.withToken('getwxacodeunlimit', '/wxa/getwxacodeunlimit', { scene: i.scene, page: i.page, width: i.width ?? 430, check_path: i.checkPath ?? false, env_version: i.envVersion ?? 'release' }, true);
        return r.__binary;
    }
    async withToken(api, path, body, binary = false) {
        if (!this.tokens)
            throw new Error('WechatClient: no token store configured');
        let token = await this.tokens.get();
        try {
            return await this.request(api, 'POST', `${path}?access_token=${encodeURIComponent(token)}`, body, binary);
        }
        catch (e) {
            if (!(e instanceof WechatError) || e.errcode === undefined || !TOKEN_ERRCODES.has(e.errcode))
                throw e;
            // The token was invalidated elsewhere or expired early: refresh once and retry once.
            this.log.warn(`wechat ${api}: token rejected (errcode ${e.errcode}), refreshing once`);
            token = await this.tokens.refresh(token);
            try {
                return await this.request(api, 'POST', `${path}?access_token=${encodeURIComponent(token)}`, body, binary);
            }
            catch (e2) {
                if (e2 instanceof WechatError && e2.errcode !== undefined && TOKEN_ERRCODES.has(e2.errcode)) {
                    throw new WechatError('token_invalid', e2.errcode, api, `wechat ${api}: access token rejected again after refresh`);
                }
                throw e2;
            }
        }
    }
    async request(api, method, pathAndQuery, body, binary = false) {
        const t0 = Date.now();
        let res;
        try {
            res = await fetch(this.config.base.replace(/\/$/, '') + pathAndQuery, {
                method,
                headers: body === undefined ? undefined : { 'content-type': 'application/json' },
                body: body === undefined ? undefined : JSON.stringify(body),
                signal: AbortSignal.timeout(this.config.timeoutMs),
            });
        }
        catch (e) {
            const timeout = e.name === 'TimeoutError' || e.name === 'AbortError';
            this.log.warn(`wechat ${api}: ${timeout ? `timeout after ${this.config.timeoutMs} ms` : 'unreachable'}`);
            throw new WechatError('unavailable', undefined, api, timeout ? `wechat ${api}: no answer within ${this.config.timeoutMs} ms` : `wechat ${api}: cannot connect`);
        }
        let buf;
        try {
            buf = Buffer.from(await res.arrayBuffer());
        }
        catch {
            throw new WechatError('unavailable', undefined, api, `wechat ${api}: answer cut off or too slow`);
        }
        const type = res.headers.get('content-type') ?? '';
        if (binary && res.ok && type.startsWith('image/')) {
            this.log.debug(`wechat ${api}: ok in ${Date.now() - t0} ms`);
            return { __binary: buf };
        }
        let json;
        try {
            json = JSON.parse(buf.toString('utf8'));
        }
        catch {
            throw new WechatError('unavailable', undefined, api, `wechat ${api}: HTTP ${res.status}, not JSON`);
        }
        if (typeof json.errcode === 'number' && json.errcode !== 0) {
            this.log.warn(`wechat ${api}: errcode ${json.errcode} in ${Date.now() - t0} ms`);
            throw WechatError.fromErrcode(api, json.errcode, json.errmsg);
        }
        if (!res.ok)
            throw new WechatError('unavailable', undefined, api, `wechat ${api}: HTTP ${res.status}`);
        this.log.debug(`wechat ${api}: ok in ${Date.now() - t0} ms`);
        return json;
    }
}
//# sourceMappingURL=wechat.client.js.map