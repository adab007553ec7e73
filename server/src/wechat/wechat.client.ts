import { Logger } from '@nestjs/common';
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { AccessTokenStore, FetchedToken } from './token-store.js';
import { TOKEN_ERRCODES, WechatError } from './wechat-errors.js';

export interface WechatClientConfig {
  /** e.g. https://api.weixin.qq.com, or the fake server's URL in dev and tests. */
  base: string;
  appid: string;
  secret: string;
  /** Per call; a slower answer is a 503 WECHAT_UNAVAILABLE, never a hung request. */
  timeoutMs: number;
}

export interface Code2Session {
  openid: string;
  sessionKey: string;
  unionid?: string;
}

export interface PhoneInfo {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  /** Mini-program page with query string, e.g. 'pages/event/index?id=12'. No personal data. */
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

export interface MsgSecCheckInput {
  content: string;
  openid: string;
  /** 1 profile, 2 comment, 3 forum, 4 social log. */
  scene: 1 | 2 | 3 | 4;
  title?: string;
}

export interface MsgSecCheckResult {
  suggest: 'pass' | 'review' | 'risky';
  label: number;
}

export interface MediaCheckInput {
  mediaUrl: string;
  /** 1 audio, 2 image. */
  mediaType: 1 | 2;
  openid: string;
  scene: 1 | 2 | 3 | 4;
}

export interface WxacodeInput {
  /** ≤ 32 visible ASCII characters; read by the page from `scene` in its options. */
  scene: string;
  /** Page path without leading slash, e.g. 'pages/invite/index'. */
  page?: string;
  width?: number;
  checkPath?: boolean;
  envVersion?: 'release' | 'trial' | 'develop';
}

interface WxJson {
  errcode?: number;
  errmsg?: string;
  [k: string]: unknown;
}

/**
 * The one way to talk to WeChat. Every call: base URL from config, a timeout, errcode → a typed
 * `WechatError` (which the error filter turns into a 4xx or 503), and for calls that need the
 * access token, one refresh-and-retry when WeChat says the token is invalid or expired.
 * Logs name the API and outcome only — never URLs (they carry secrets and codes) or bodies.
 */
export class WechatClient {
  private readonly log = new Logger('wechat');
  private tokens?: AccessTokenStore;

  /** The base URL parsed once (per-call URL parsing showed in the outbox drain profile). */
  private readonly target: Pick<RequestOptions, 'protocol' | 'hostname' | 'port'> & { prefix: string };
  private readonly agent: HttpAgent;
  private readonly httpRequest: (opts: RequestOptions, cb: (res: IncomingMessage) => void) => ClientRequest;

  constructor(readonly config: WechatClientConfig) {
    const u = new URL(config.base);
    const tls = u.protocol === 'https:';
    this.target = { protocol: u.protocol, hostname: u.hostname.replace(/^\[(.*)\]$/, '$1'), port: u.port || undefined, prefix: u.pathname.replace(/\/$/, '') };
    // Keep-alive, and plain node:http rather than fetch: the outbox sends thousands of subscribe
    // messages a minute, and a new TCP+TLS connection per call (or fetch's stream machinery,
    // ~1 ms CPU per call) costs more than the call itself. Idle sockets are unref'd by the agent,
    // so they never keep a CLI process alive.
    // Idle sockets are dropped after 4 s, before a server with Node's 5 s keep-alive closes them.
    const agentOpts = { keepAlive: true, maxSockets: 128, maxFreeSockets: 128, scheduling: 'lifo' as const, timeout: 4_000 };
    this.agent = tls ? new HttpsAgent(agentOpts) : new HttpAgent(agentOpts);
    this.httpRequest = tls ? httpsRequest : httpRequest;
  }

  /** Closes idle keep-alive connections (tests, shutdown). */
  close(): void {
    this.agent.destroy();
  }

  /** Set once at wiring time (the store needs `fetchStableToken` from this client). */
  useTokenStore(store: AccessTokenStore): this {
    this.tokens = store;
    return this;
  }

  async code2Session(code: string): Promise<Code2Session> {
    const q = new URLSearchParams({ appid: this.config.appid, secret: this.config.secret, js_code: code, grant_type: 'authorization_code' });
    const r = await this.request('jscode2session', 'GET', `/sns/jscode2session?${q}`);
    if (typeof r.openid !== 'string' || typeof r.session_key !== 'string') throw new WechatError('unavailable', undefined, 'jscode2session', 'wechat jscode2session: answer without openid/session_key');
    return { openid: r.openid, sessionKey: r.session_key, unionid: typeof r.unionid === 'string' ? r.unionid : undefined };
  }

  /** stable_token; used by the token store, not by callers. */
  async fetchStableToken(force: boolean): Promise<FetchedToken> {
    const r = await this.request('stable_token', 'POST', '/cgi-bin/stable_token', { grant_type: 'client_credential', appid: this.config.appid, secret: this.config.secret, force_refresh: force });
    if (typeof r.access_token !== 'string' || typeof r.expires_in !== 'number') throw new WechatError('unavailable', undefined, 'stable_token', 'wechat stable_token: answer without access_token');
    return { accessToken: r.access_token, expiresIn: r.expires_in };
  }

  async getPhoneNumber(code: string): Promise<PhoneInfo> {
    const r = await this.withToken('getuserphonenumber', '/wxa/business/getuserphonenumber', { code });
    const p = r.phone_info as Partial<PhoneInfo> & { watermark?: { appid?: string } } | undefined;
    if (!p?.purePhoneNumber) throw new WechatError('unavailable', undefined, 'getuserphonenumber', 'wechat getuserphonenumber: answer without phone_info');
    if (p.watermark && p.watermark.appid !== this.config.appid) throw new WechatError('unavailable', undefined, 'getuserphonenumber', 'wechat getuserphonenumber: watermark appid mismatch');
    return { phoneNumber: p.phoneNumber ?? p.purePhoneNumber, purePhoneNumber: p.purePhoneNumber, countryCode: p.countryCode ?? '86' };
  }

  async sendSubscribe(m: SubscribeMessage): Promise<void> {
    await this.withToken('subscribe_send', '/cgi-bin/message/subscribe/send', {
      touser: m.touser,
      template_id: m.templateId,
      page: m.page,
      data: m.data,
      miniprogram_state: m.miniprogramState ?? 'formal',
      lang: m.lang ?? 'zh_CN',
    });
  }

  async msgSecCheck(i: MsgSecCheckInput): Promise<MsgSecCheckResult> {
    const r = await this.withToken('msg_sec_check', '/wxa/msg_sec_check', { content: i.content, version: 2, scene: i.scene, openid: i.openid, title: i.title });
    const res = r.result as { suggest?: string; label?: number } | undefined;
    if (res?.suggest !== 'pass' && res?.suggest !== 'review' && res?.suggest !== 'risky') throw new WechatError('unavailable', undefined, 'msg_sec_check', 'wechat msg_sec_check: answer without result.suggest');
    return { suggest: res.suggest, label: Number(res.label ?? 0) };
  }

  /** The verdict arrives later on the message push callback, matched by trace id. */
  async mediaCheckAsync(i: MediaCheckInput): Promise<{ traceId: string }> {
    const r = await this.withToken('media_check_async', '/wxa/media_check_async', { media_url: i.mediaUrl, media_type: i.mediaType, version: 2, scene: i.scene, openid: i.openid });
    return { traceId: String(r.trace_id ?? '') };
  }

  /** A mini-program code image (PNG bytes). */
  async getWxacodeUnlimit(i: WxacodeInput): Promise<Buffer> {
    const r = await this.withToken(
      'getwxacodeunlimit',
      '/wxa/getwxacodeunlimit',
      { scene: i.scene, page: i.page, width: i.width ?? 430, check_path: i.checkPath ?? false, env_version: i.envVersion ?? 'release' },
      true,
    );
    return r.__binary as Buffer;
  }

  private async withToken(api: string, path: string, body: unknown, binary = false): Promise<WxJson> {
    if (!this.tokens) throw new Error('WechatClient: no token store configured');
    let token = await this.tokens.get();
    try {
      return await this.request(api, 'POST', `${path}?access_token=${encodeURIComponent(token)}`, body, binary);
    } catch (e) {
      if (!(e instanceof WechatError) || e.errcode === undefined || !TOKEN_ERRCODES.has(e.errcode)) throw e;
      // The token was invalidated elsewhere or expired early: refresh once and retry once.
      this.log.warn(`wechat ${api}: token rejected (errcode ${e.errcode}), refreshing once`);
      token = await this.tokens.refresh(token);
      try {
        return await this.request(api, 'POST', `${path}?access_token=${encodeURIComponent(token)}`, body, binary);
      } catch (e2) {
        if (e2 instanceof WechatError && e2.errcode !== undefined && TOKEN_ERRCODES.has(e2.errcode)) {
          throw new WechatError('token_invalid', e2.errcode, api, `wechat ${api}: access token rejected again after refresh`);
        }
        throw e2;
      }
    }
  }

  private async request(api: string, method: 'GET' | 'POST', pathAndQuery: string, body?: unknown, binary = false): Promise<WxJson> {
    const t0 = Date.now();
    const res = await this.exchange(api, method, pathAndQuery, body === undefined ? undefined : JSON.stringify(body));
    const buf = res.body;
    const type = res.type;
    const ok = res.status >= 200 && res.status < 300;
    if (binary && ok && type.startsWith('image/')) {
      this.log.debug(`wechat ${api}: ok in ${Date.now() - t0} ms`);
      return { __binary: buf };
    }
    let json: WxJson;
    try {
      json = JSON.parse(buf.toString('utf8')) as WxJson;
    } catch {
      throw new WechatError('unavailable', undefined, api, `wechat ${api}: HTTP ${res.status}, not JSON`);
    }
    if (typeof json.errcode === 'number' && json.errcode !== 0) {
      this.log.warn(`wechat ${api}: errcode ${json.errcode} in ${Date.now() - t0} ms`);
      throw WechatError.fromErrcode(api, json.errcode, json.errmsg);
    }
    if (!ok) throw new WechatError('unavailable', undefined, api, `wechat ${api}: HTTP ${res.status}`);
    this.log.debug(`wechat ${api}: ok in ${Date.now() - t0} ms`);
    return json;
  }

  /**
   * One HTTP exchange within timeoutMs (connect + answer + body). No answer in time or no
   * connection → 'unavailable' (503 to callers, a retry for the outbox); same after a cut-off body.
   */
  private exchange(api: string, method: 'GET' | 'POST', pathAndQuery: string, body: string | undefined, retried = false): Promise<{ status: number; type: string; body: Buffer }> {
    return new Promise((resolve, reject) => {
      let answered = false;
      let settled = false;
      const fail = (timeout: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (answered) return reject(new WechatError('unavailable', undefined, api, `wechat ${api}: answer cut off or too slow`));
        this.log.warn(`wechat ${api}: ${timeout ? `timeout after ${this.config.timeoutMs} ms` : 'unreachable'}`);
        reject(new WechatError('unavailable', undefined, api, timeout ? `wechat ${api}: no answer within ${this.config.timeoutMs} ms` : `wechat ${api}: cannot connect`));
      };
      const headers: Record<string, string | number> = {};
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const { prefix, ...target } = this.target;
      const req = this.httpRequest({ ...target, path: prefix + pathAndQuery, method, headers, agent: this.agent }, (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks) });
        });
        res.on('aborted', () => fail(false));
        res.on('error', () => fail(false));
      });
      const timer = setTimeout(() => {
        fail(true);
        req.destroy();
      }, this.config.timeoutMs);
      req.on('error', (e: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed just as we reused it: the request never got there.
        if (!answered && !settled && !retried && req.reusedSocket && e.code === 'ECONNRESET') {
          settled = true;
          clearTimeout(timer);
          this.exchange(api, method, pathAndQuery, body, true).then(resolve, reject);
          return;
        }
        fail(false);
      });
      req.end(body);
    });
  }
}
