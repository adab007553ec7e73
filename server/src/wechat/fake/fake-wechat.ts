import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { encryptOpenData } from '../crypto.js';

/**
 * A fake of the WeChat server API for dev and tests: the same paths, request and response shapes
 * and errcodes as api.weixin.qq.com for what weigrid uses, plus `/__dev/*` endpoints to drive it.
 *
 * - Login codes are `test:<openid>` (openid: 1–64 of [A-Za-z0-9_-]); any other code → 40029.
 *   Codes may be reused (a simplification: real codes are one-time); every login issues a new
 *   random session_key.
 * - Phone codes are `phone:<digits>` → that number; others → 40029.
 * - Access tokens come from `/cgi-bin/stable_token` and expire after `tokenTtlSec`; an unknown
 *   token → 40001, an expired one → 42001. force_refresh invalidates the previous token.
 * - `msg_sec_check` says `risky` for text containing a word in `riskyWords`, `review` for one in
 *   `reviewWords`, else `pass`.
 * - Every subscribe message received is recorded (`GET /__dev/messages`).
 * - `POST /__dev/fail {count, errcode, path?}` makes the next N calls (to `path`, or any API
 *   path) answer that errcode; `POST /__dev/delay {count, ms, path?}` makes them slow (timeouts).
 * - `GET /__dev/login-code?openid=` hands out a login code to the H5 build (CORS enabled), where
 *   `wx.login` does not exist; `POST /__dev/share-info {openid, opengid}` returns the
 *   `encryptedData`/`iv` WeChat would give that user for a group share ticket.
 */
export interface FakeWechatOptions {
  appid?: string;
  /** When set, stable_token and jscode2session require it (40125 / 40013 otherwise). */
  secret?: string;
  tokenTtlSec?: number;
  riskyWords?: string[];
  reviewWords?: string[];
}

export interface SubscribeRecord {
  at: string;
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
}

interface Injection {
  count: number;
  path?: string;
  errcode?: number;
  ms?: number;
}

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
const VALUE_LIMITS: Record<string, number> = { thing: 20, character_string: 32, phrase: 5, name: 10, number: 32, letter: 32, symbol: 5, phone_number: 17, car_number: 8, amount: 32, date: 32, time: 32 };

export class FakeWechat {
  readonly appid: string;
  private readonly secret?: string;
  private readonly tokenTtlSec: number;
  private readonly riskyWords: string[];
  private readonly reviewWords: string[];
  private server?: Server;
  base = '';

  /** openid → latest session_key. */
  private readonly sessions = new Map<string, string>();
  /** access token → expiry (ms). */
  private readonly tokens = new Map<string, number>();
  private currentToken?: string;
  private injections: Injection[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  readonly messages: SubscribeRecord[] = [];
  readonly mediaChecks: { trace_id: string; media_url: string; media_type: number; openid: string }[] = [];
  readonly calls: Record<string, number> = {};
  /** TCP connections accepted since start: shows whether clients keep them alive. */
  connections = 0;

  constructor(opts: FakeWechatOptions = {}) {
    this.appid = opts.appid ?? 'wx0000000000000000';
    this.secret = opts.secret || undefined;
    this.tokenTtlSec = opts.tokenTtlSec ?? 7200;
    this.riskyWords = opts.riskyWords ?? ['违禁词', 'RISKY'];
    this.reviewWords = opts.reviewWords ?? ['待审核', 'REVIEW'];
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: Error) => send(res, 500, { errcode: -1, errmsg: `fake crashed: ${e.message}` }));
    });
    this.server.on('connection', () => this.connections++);
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    const addr = this.server.address() as { port: number };
    this.base = `http://${host}:${addr.port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    const s = this.server;
    if (!s) return;
    this.server = undefined;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  // ---- programmatic controls (in-process tests); the same exist as /__dev endpoints ----

  sessionKeyOf(openid: string): string | undefined {
    return this.sessions.get(openid);
  }

  failNext(count: number, errcode: number, path?: string): void {
    this.injections.push({ count, errcode, path });
  }

  delayNext(count: number, ms: number, path?: string): void {
    this.injections.push({ count, ms, path });
  }

  /** Makes every issued access token expired (the next use answers 42001). */
  expireTokens(): void {
    for (const k of this.tokens.keys()) this.tokens.set(k, 0);
  }

  /** What WeChat hands the client for a group share ticket, encrypted with `openid`'s session key. */
  shareInfo(openid: string, opengid: string): { encryptedData: string; iv: string } {
    const key = this.sessions.get(openid);
    if (!key) throw new Error(`no session for ${openid}: log in first`);
    return encryptOpenData(key, { openGId: opengid, watermark: { timestamp: Math.floor(Date.now() / 1000), appid: this.appid } });
  }

  reset(): void {
    this.sessions.clear();
    this.tokens.clear();
    this.currentToken = undefined;
    this.injections = [];
    this.messages.length = 0;
    this.mediaChecks.length = 0;
    for (const k of Object.keys(this.calls)) delete this.calls[k];
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    if (path.startsWith('/__dev/')) return this.dev(req, res, url);
    if (!API_PATHS.includes(path)) return send(res, 404, { errcode: 40066, errmsg: 'invalid url' });
    this.calls[path] = (this.calls[path] ?? 0) + 1;

    const inj = this.injections.find((i) => i.count > 0 && (!i.path || i.path === path));
    if (inj) {
      inj.count--;
      this.injections = this.injections.filter((i) => i.count > 0);
      if (inj.ms) {
        await new Promise<void>((r) => {
          const t = setTimeout(() => {
            this.timers.delete(t);
            r();
          }, inj.ms);
          this.timers.add(t);
        });
        if (!this.server) return;
      }
      if (inj.errcode !== undefined) return send(res, 200, { errcode: inj.errcode, errmsg: `injected error ${inj.errcode}` });
    }

    const body = req.method === 'POST' ? await readJson(req) : {};
    if (body === undefined) return send(res, 200, { errcode: 47001, errmsg: 'data format error' });
    const q = url.searchParams;

    if (path === '/sns/jscode2session') {
      if (q.get('appid') !== this.appid) return send(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
      if (this.secret && q.get('secret') !== this.secret) return send(res, 200, { errcode: 40125, errmsg: 'invalid appsecret' });
      if (q.get('grant_type') !== 'authorization_code') return send(res, 200, { errcode: 40002, errmsg: 'invalid grant_type' });
      const m = /^test:(.+)$/.exec(q.get('js_code') ?? '');
      if (!m || !OPENID_RE.test(m[1]!)) return send(res, 200, { errcode: 40029, errmsg: 'invalid code' });
      const openid = m[1]!;
      const sessionKey = randomBytes(16).toString('base64');
      this.sessions.set(openid, sessionKey);
      return send(res, 200, { openid, session_key: sessionKey, unionid: `union_${openid}` });
    }

    if (path === '/cgi-bin/stable_token') {
      const b = body as { grant_type?: string; appid?: string; secret?: string; force_refresh?: boolean };
      if (b.grant_type !== 'client_credential') return send(res, 200, { errcode: 40002, errmsg: 'invalid grant_type' });
      if (b.appid !== this.appid) return send(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
      if (this.secret && b.secret !== this.secret) return send(res, 200, { errcode: 40125, errmsg: 'invalid appsecret' });
      const now = Date.now();
      const cur = this.currentToken;
      if (!b.force_refresh && cur && (this.tokens.get(cur) ?? 0) > now) {
        return send(res, 200, { access_token: cur, expires_in: Math.floor(((this.tokens.get(cur) ?? 0) - now) / 1000) });
      }
      if (cur) this.tokens.delete(cur);
      const token = `fake_at_${randomBytes(24).toString('hex')}`;
      this.tokens.set(token, now + this.tokenTtlSec * 1000);
      this.currentToken = token;
      return send(res, 200, { access_token: token, expires_in: this.tokenTtlSec });
    }

    // Everything below needs an access token.
    const at = q.get('access_token') ?? '';
    const exp = this.tokens.get(at);
    if (exp === undefined) return send(res, 200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
    if (exp <= Date.now()) return send(res, 200, { errcode: 42001, errmsg: 'access_token expired' });

    if (path === '/wxa/business/getuserphonenumber') {
      const m = /^phone:(\d{5,15})$/.exec(String((body as { code?: unknown }).code ?? ''));
      if (!m) return send(res, 200, { errcode: 40029, errmsg: 'invalid code' });
      const n = m[1]!;
      return send(res, 200, {
        errcode: 0,
        errmsg: 'ok',
        phone_info: { phoneNumber: n, purePhoneNumber: n, countryCode: '86', watermark: { timestamp: Math.floor(Date.now() / 1000), appid: this.appid } },
      });
    }

    if (path === '/cgi-bin/message/subscribe/send') {
      const b = body as Partial<SubscribeRecord>;
      if (typeof b.touser !== 'string' || !OPENID_RE.test(b.touser)) return send(res, 200, { errcode: 40003, errmsg: 'invalid openid' });
      if (typeof b.template_id !== 'string' || !b.template_id) return send(res, 200, { errcode: 40037, errmsg: 'invalid template_id' });
      if (!b.data || typeof b.data !== 'object') return send(res, 200, { errcode: 47003, errmsg: 'argument invalid! data is empty' });
      for (const [k, v] of Object.entries(b.data)) {
        const kind = k.replace(/\d+$/, '');
        const value = (v as { value?: unknown })?.value;
        if (typeof value !== 'string') return send(res, 200, { errcode: 47003, errmsg: `argument invalid! data.${k}.value invalid` });
        const lim = VALUE_LIMITS[kind];
        if (lim !== undefined && [...value].length > lim) return send(res, 200, { errcode: 47003, errmsg: `argument invalid! data.${k}.value exceeds limit` });
      }
      if (b.miniprogram_state && !['developer', 'trial', 'formal'].includes(b.miniprogram_state)) return send(res, 200, { errcode: 47003, errmsg: 'argument invalid! miniprogram_state' });
      this.messages.push({ at: new Date().toISOString(), touser: b.touser, template_id: b.template_id, page: b.page, data: b.data, miniprogram_state: b.miniprogram_state, lang: b.lang });
      return send(res, 200, { errcode: 0, errmsg: 'ok', msgid: this.messages.length });
    }

    if (path === '/wxa/msg_sec_check') {
      const b = body as { content?: unknown; version?: unknown; scene?: unknown; openid?: unknown };
      if (typeof b.content !== 'string' || b.version !== 2 || ![1, 2, 3, 4].includes(b.scene as number) || typeof b.openid !== 'string') {
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
      const b = body as { media_url?: unknown; media_type?: unknown; version?: unknown; scene?: unknown; openid?: unknown };
      if (typeof b.media_url !== 'string' || ![1, 2].includes(b.media_type as number) || b.version !== 2 || typeof b.openid !== 'string') {
        return send(res, 200, { errcode: 47001, errmsg: 'data format error' });
      }
      const trace_id = randomBytes(8).toString('hex');
      this.mediaChecks.push({ trace_id, media_url: b.media_url, media_type: b.media_type as number, openid: b.openid });
      return send(res, 200, { errcode: 0, errmsg: 'ok', trace_id });
    }

    if (path === '/wxa/getwxacodeunlimit') {
      const b = body as { scene?: unknown; page?: unknown; width?: unknown };
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

  private async dev(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
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
      if (!OPENID_RE.test(openid)) return send(res, 400, { error: 'openid must be 1-64 of [A-Za-z0-9_-]' });
      return send(res, 200, { code: `test:${openid}`, openid });
    }
    if (path === '/__dev/share-info' && req.method === 'POST') {
      const { openid, opengid } = body as { openid?: string; opengid?: string };
      if (!openid || !opengid) return send(res, 400, { error: 'openid and opengid are required' });
      if (!this.sessions.has(openid)) return send(res, 404, { error: `no session for ${openid}: log in first` });
      return send(res, 200, this.shareInfo(openid, opengid));
    }
    if (path === '/__dev/messages' && req.method === 'GET') {
      const to = url.searchParams.get('touser');
      return send(res, 200, { messages: to ? this.messages.filter((m) => m.touser === to) : this.messages });
    }
    if (path === '/__dev/media-checks' && req.method === 'GET') return send(res, 200, { checks: this.mediaChecks });
    if (path === '/__dev/calls' && req.method === 'GET') return send(res, 200, { calls: this.calls });
    if (path === '/__dev/fail' && req.method === 'POST') {
      const { count, errcode, path: p } = body as { count?: number; errcode?: number; path?: string };
      if (!Number.isInteger(count) || !Number.isInteger(errcode)) return send(res, 400, { error: 'count and errcode must be integers' });
      this.failNext(count!, errcode!, p);
      return send(res, 200, { ok: true });
    }
    if (path === '/__dev/delay' && req.method === 'POST') {
      const { count, ms, path: p } = body as { count?: number; ms?: number; path?: string };
      if (!Number.isInteger(count) || !Number.isInteger(ms)) return send(res, 400, { error: 'count and ms must be integers' });
      this.delayNext(count!, Math.min(ms!, 120_000), p);
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

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 1024 * 1024) return undefined;
    chunks.push(c as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A valid 1×1 PNG with the scene and page in a tEXt chunk, so tests can read what was encoded. */
function tinyPng(text: Record<string, string>): Buffer {
  const chunk = (type: string, data: Buffer) => {
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
