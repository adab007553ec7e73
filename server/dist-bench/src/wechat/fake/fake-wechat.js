import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { encryptOpenData } from '../crypto.js';
const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const API_PATHS = [
    '/sns/jscode2session',
    '/cgi-bin/stable_token',
    '/wxa/business/getuserphonenumber',
    '/cgi-bin/message/subscribe/send',
    '/wxa/msg_sec_check',
    '/wxa/media_check_async',
    '/wxa/getwxacodeunlimit',
];
/** WeChat's length limits for subscribe message values (truncating is the sender's job). */
const VALUE_LIMITS = { thing: 20, character_string: 32, phrase: 5, name: 10, number: 32, letter: 32, symbol: 5, phone_number: 17, car_number: 8, amount: 32, date: 32, time: 32 };
export class FakeWechat {
    appid;
    secret;
    tokenTtlSec;
    riskyWords;
    reviewWords;
    server;
    base = '';
    /** openid → latest session_key. */
    sessions = new Map();
    /** access token → expiry (ms). */
    tokens = new Map();
    currentToken;
    injections = [];
    timers = new Set();
    messages = [];
    mediaChecks = [];
    calls = {};
    constructor(opts = {}) {
        this.appid = opts.appid ?? 'wx0000000000000000';
        this.secret = opts.secret || undefined;
        this.tokenTtlSec = opts.tokenTtlSec ?? 7200;
        this.riskyWords = opts.riskyWords ?? ['违禁词', 'RISKY'];
        this.reviewWords = opts.reviewWords ?? ['待审核', 'REVIEW'];
    }
    async start(port = 0, host = '127.0.0.1') {
        this.server = createServer((req, res) => {
            this.handle(req, res).catch((e) => send(res, 500, { errcode: -1, errmsg: `fake crashed: ${e.message}` }));
        });
        await new Promise((resolve, reject) => {
            this.server.once('error', reject);
            this.server.listen(port, host, () => resolve());
        });
        const addr = this.server.address();
        this.base = `http://${host}:${addr.port}`;
        return this.base;
    }
    async stop() {
        const s = this.server;
        if (!s)
            return;
        this.server = undefined;
        for (const t of this.timers)
            clearTimeout(t);
        this.timers.clear();
        s.closeAllConnections();
        await new Promise((resolve) => s.close(() => resolve()));
    }
    // ---- programmatic controls (in-process tests); the same exist as /__dev endpoints ----
    sessionKeyOf(openid) {
        return this.sessions.get(openid);
    }
    failNext(count, errcode, path) {
        this.injections.push({ count, errcode, path });
    }
    delayNext(count, ms, path) {
        this.injections.push({ count, ms, path });
    }
    /** Makes every issued access token expired (the next use answers 42001). */
    expireTokens() {
        for (const k of this.tokens.keys())
            this.tokens.set(k, 0);
    }
    /** What WeChat hands the client for a group share ticket, encrypted with `openid`'s session key. */
    shareInfo(openid, opengid) {
        const key = this.sessions.get(openid);
        if (!key)
            throw new Error(`no session for ${openid}: log in first`);
        return encryptOpenData(key, { openGId: opengid, watermark: { timestamp: Math.floor(Date.now() / 1000), appid: this.appid } });
    }
    reset() {
        this.sessions.clear();
        this.tokens.clear();
        this.currentToken = undefined;
        this.injections = [];
        this.messages.length = 0;
        this.mediaChecks.length = 0;
        for (const k of Object.keys(this.calls))
            delete this.calls[k];
    }
    // ---- HTTP ----
    async handle(req, res) {
        const url = new URL(req.url ?? '/', 'http://fake');
        const path = url.pathname;
        if (path.startsWith('/__dev/'))
            return this.dev(req, res, url);
        if (!API_PATHS.includes(path))
            return send(res, 404, { errcode: 40066, errmsg: 'invalid url' });
        this.calls[path] = (this.calls[path] ?? 0) + 1;
        const inj = this.injections.find((i) => i.count > 0 && (!i.path || i.path === path));
        if (inj) {
            inj.count--;
            this.injections = this.injections.filter((i) => i.count > 0);
            if (inj.ms) {
                await new Promise((r) => {
                    const t = setTimeout(() => {
                        this.timers.delete(t);
                        r();
                    }, inj.ms);
                    this.timers.add(t);
                });
                if (!this.server)
                    return;
            }
            if (inj.errcode !== undefined)
                return send(res, 200, { errcode: inj.errcode, errmsg: `injected error ${inj.errcode}` });
        }
        const body = req.method === 'POST' ? await readJson(req) : {};
        if (body === undefined)
            return send(res, 200, { errcode: 47001, errmsg: 'data format error' });
        const q = url.searchParams;
        if (path === '/sns/jscode2session') {
            if (q.get('appid') !== this.appid)
                return send(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
            if (this.secret && q.get('secret') !== this.secret)
                return send(res, 200, { errcode: 40125, errmsg: 'invalid appsecret' });
            if (q.get('grant_type') !== 'authorization_code')
                return send(res, 200, { errcode: 40002, errmsg: 'invalid grant_type' });
            const m = /^test:(.+)$/.exec(q.get('js_code') ?? '');
            if (!m || !OPENID_RE.test(m[1]))
                return send(res, 200, { errcode: 40029, errmsg: 'invalid code' });
            const openid = m[1];
            const sessionKey = randomBytes(16).toString('base64');
            this.sessions.set(openid, sessionKey);
            return send(res, 200, { openid, session_key: sessionKey, unionid: `union_${openid}` });
        }
        if (path === '/cgi-bin/stable_token') {
            const b = body;
            if (b.grant_type !== 'client_credential')
                return send(res, 200, { errcode: 40002, errmsg: 'invalid grant_type' });
            if (b.appid !== this.appid)
                return send(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
            if (this.secret && b.secret !== this.secret)
                return send(res, 200, { errcode: 40125, errmsg: 'invalid appsecret' });
            const now = Date.now();
            const cur = this.currentToken;
            if (!b.force_refresh && cur && (this.tokens.get(cur) ?? 0) > now) {
                return send(res, 200, { access_token: cur, expires_in: Math.floor(((this.tokens.get(cur) ?? 0) - now) / 1000) });
            }
            if (cur)
                this.tokens.delete(cur);
            const token = `fake_at_${randomBytes(24).toString('hex')}`;
            this.tokens.set(token, now + this.tokenTtlSec * 1000);
            this.currentToken = token;
            return send(res, 200, { access_token: token, expires_in: this.tokenTtlSec });
        }
        // Everything below needs an access token.
        const at = q.get('access_token') ?? '';
        const exp = this.tokens.get(at);
        if (exp === undefined)
            return send(res, 200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
        if (exp <= Date.now())
            return send(res, 200, { errcode: 42001, errmsg: 'access_token expired' });
        if (path === '/wxa/business/getuserphonenumber') {
            const m = /^phone:(\d{5,15})$/.exec(String(body.code ?? ''));
            if (!m)
                return send(res, 200, { errcode: 40029, errmsg: 'invalid code' });
            const n = m[1];
            return send(res, 200, {
                errcode: 0,
                errmsg: 'ok',
                phone_info: { phoneNumber: n, purePhoneNumber: n, countryCode: '86', watermark: { timestamp: Math.floor(Date.now() / 1000), appid: this.appid } },
            });
        }
        if (path === '/cgi-bin/message/subscribe/send') {
            const b = body;
            if (typeof b.touser !== 'string' || !OPENID_RE.test(b.touser))
                return send(res, 200, { errcode: 40003, errmsg: 'invalid openid' });
            if (typeof b.template_id !== 'string' || !b.template_id)
                return send(res, 200, { errcode: 40037, errmsg: 'invalid template_id' });
            if (!b.data || typeof b.data !== 'object')
                return send(res, 200, { errcode: 47003, errmsg: 'argument invalid! data is empty' });
            for (const [k, v] of Object.entries(b.data)) {
                const kind = k.replace(/\d+$/, '');
                const value = v?.value;
                if (typeof value !== 'string')
                    return send(res, 200, { errcode: 47003, errmsg: `argument invalid! data.${k}.value invalid` });
                const lim = VALUE_LIMITS[kind];
                if (lim !== undefined && [...value].length > lim)
                    return send(res, 200, { errcode: 47003, errmsg: `argument invalid! data.${k}.value exceeds limit` });
            }
            if (b.miniprogram_state && !['developer', 'trial', 'formal'].includes(b.miniprogram_state))
                return send(res, 200, { errcode: 47003, errmsg: 'argument invalid! miniprogram_state' });
            this.messages.push({ at: new Date().toISOString(), touser: b.touser, template_id: b.template_id, page: b.page, data: b.data, miniprogram_state: b.miniprogram_state, lang: b.lang });
            return send(res, 200, { errcode: 0, errmsg: 'ok', msgid: this.messages.length });
        }
        if (path === '/wxa/msg_sec_check') {
            const b = body;
            if (typeof b.content !== 'string' || b.version !== 2 || ![1, 2, 3, 4].includes(b.scene) || typeof b.openid !== 'string') {
                return send(res, 200, { errcode: 47001, errmsg: 'data format error' });
            }
            const content = b.content;
            const risky = this.riskyWords.find((w) => content.includes(w));
            const review = !risky && this.reviewWords.find((w) => content.includes(w));
            const suggest = risky ? 'risky' : review ? 'review' : 'pass';
            const label = risky ? 20006 : review ? 21000 : 100;
            return send(res, 200, {
                errcode: 0,
                errmsg: 'ok',
                result: { suggest, label },
                detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90, keyword: risky || review || undefined }],
                trace_id: randomBytes(8).toString('hex'),
            });
        }
        if (path === '/wxa/media_check_async') {
            const b = body;
            if (typeof b.media_url !== 'string' || ![1, 2].includes(b.media_type) || b.version !== 2 || typeof b.openid !== 'string') {
                return send(res, 200, { errcode: 47001, errmsg: 'data format error' });
            }
            const trace_id = randomBytes(8).toString('hex');
            this.mediaChecks.push({ trace_id, media_url: b.media_url, media_type: b.media_type, openid: b.openid });
            return send(res, 200, { errcode: 0, errmsg: 'ok', trace_id });
        }
        if (path === '/wxa/getwxacodeunlimit') {
            const b = body;
            if (typeof b.scene !== 'string' || b.scene.length === 0 || b.scene.length > 32 || !/^[\x21-\x7e]+$/.test(b.scene)) {
                return send(res, 200, { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' });
            }
            if (b.page !== undefined && (typeof b.page !== 'string' || b.page.startsWith('/') || !/^[\w/-]+$/.test(b.page))) {
                return send(res, 200, { errcode: 41030, errmsg: 'invalid page rule' });
            }
            const png = tinyPng({ scene: b.scene, page: typeof b.page === 'string' ? b.page : '' });
            res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
            res.end(png);
            return;
        }
    }
    async dev(req, res, url) {
        // The H5 build runs on another origin; these endpoints are for dev only, so allow any.
        res.setHeader('access-control-allow-origin', '*');
        res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
        res.setHeader('access-control-allow-headers', 'content-type');
        if (req.method === 'OPTIONS') {
            res.writeHead(204);
            res.end();
            return;
        }
        const path = url.pathname;
        const body = req.method === 'POST' ? ((await readJson(req)) ?? {}) : {};
        if (path === '/__dev/login-code' && req.method === 'GET') {
            const openid = url.searchParams.get('openid') || `h5_${randomBytes(6).toString('hex')}`;
            if (!OPENID_RE.test(openid))
                return send(res, 400, { error: 'openid must be 1-64 of [A-Za-z0-9_-]' });
            return send(res, 200, { code: `test:${openid}`, openid });
        }
        if (path === '/__dev/share-info' && req.method === 'POST') {
            const { openid, opengid } = body;
            if (!openid || !opengid)
                return send(res, 400, { error: 'openid and opengid are required' });
            if (!this.sessions.has(openid))
                return send(res, 404, { error: `no session for ${openid}: log in first` });
            return send(res, 200, this.shareInfo(openid, opengid));
        }
        if (path === '/__dev/messages' && req.method === 'GET') {
            const to = url.searchParams.get('touser');
            return send(res, 200, { messages: to ? this.messages.filter((m) => m.touser === to) : this.messages });
        }
        if (path === '/__dev/media-checks' && req.method === 'GET')
            return send(res, 200, { checks: this.mediaChecks });
        if (path === '/__dev/calls' && req.method === 'GET')
            return send(res, 200, { calls: this.calls });
        if (path === '/__dev/fail' && req.method === 'POST') {
            const { count, errcode, path: p } = body;
            if (!Number.isInteger(count) || !Number.isInteger(errcode))
                return send(res, 400, { error: 'count and errcode must be integers' });
            this.failNext(count, errcode, p);
            return send(res, 200, { ok: true });
        }
        if (path === '/__dev/delay' && req.method === 'POST') {
            const { count, ms, path: p } = body;
            if (!Number.isInteger(count) || !Number.isInteger(ms))
                return send(res, 400, { error: 'count and ms must be integers' });
            this.delayNext(count, Math.min(ms, 120_000), p);
            return send(res, 200, { ok: true });
        }
        if (path === '/__dev/expire-tokens' && req.method === 'POST') {
            this.expireTokens();
            return send(res, 200, { ok: true });
        }
        if (path === '/__dev/reset' && req.method === 'POST') {
            this.reset();
            return send(res, 200, { ok: true });
        }
        return send(res, 404, { error: 'unknown dev endpoint' });
    }
}
function send(res, status, body) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
}
async function readJson(req) {
    const chunks = [];
    let size = 0;
    for await (const c of req) {
        size += c.length;
        if (size > 1024 * 1024)
            return undefined;
        chunks.push(c);
    }
    if (size === 0)
        return {};
    try {
        return JSON.parse(Buffer.concat(chunks).toString('utf8'));
    }
    catch {
        return undefined;
    }
}
/** A valid 1×1 PNG with the scene and page in a tEXt chunk, so tests can read what was encoded. */
function tinyPng(text) {
    const chunk = (type, data) => {
        const len = Buffer.alloc(4);
        len.writeUInt32BE(data.length);
        const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
        const crc = Buffer.alloc(4);
        crc.writeUInt32BE(crc32(td) >>> 0);
        return Buffer.concat([len, td, crc]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(1, 0);
    ihdr.writeUInt32BE(1, 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 0; // greyscale
    const idat = deflateSync(Buffer.from([0, 0]));
    const texts = Object.entries(text).map(([k, v]) => chunk('tEXt', Buffer.from(`${k}\0${v}`, 'latin1')));
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), ...texts, chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}
//# sourceMappingURL=fake-wechat.js.map