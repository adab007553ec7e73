import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { WechatTokenRepo } from './wechat-token.repo.js';
import { WechatError } from './wechat-errors.js';

export interface FetchedToken {
  accessToken: string;
  expiresIn: number;
}

/** Where the access token lives; the client asks it for a token and reports a rejected one. */
export interface AccessTokenStore {
  get(): Promise<string>;
  /** `bad` was rejected by WeChat (40001/42001): return a different, fresh token. */
  refresh(bad: string): Promise<string>;
}

export interface DbTokenStoreOptions {
  appid: string;
  /** Calls stable_token; `force` after WeChat rejected the stored token. */
  fetch: (force: boolean) => Promise<FetchedToken>;
  /** Refresh this long before expiry (WeChat's own advice is 5 min). */
  marginMs?: number;
  /** How long a lease holder may take to fetch a token before another instance may take over. */
  leaseMs?: number;
  /** How long a waiting instance waits for the lease holder before giving up (503). */
  waitMs?: number;
  now?: () => number;
}

/**
 * The access token shared by every instance through one `wechat_token` row.
 *
 * Reading is a memory hit while the token is fresh. When it is near expiry (or rejected), an
 * instance takes a lease on the row with a compare-and-set on `version`; only the lease holder
 * calls stable_token, and everyone else polls the row until the new token appears (or the lease
 * runs out, and one of them takes it over). So N instances × M concurrent requests cause exactly
 * one stable_token call per refresh.
 */
export class DbAccessTokenStore implements AccessTokenStore {
  private readonly owner = `${process.pid}-${randomBytes(4).toString('hex')}`;
  private memo?: { token: string; expiresAt: number };
  private inflight?: Promise<string>;
  private readonly marginMs: number;
  private readonly leaseMs: number;
  private readonly waitMs: number;
  private readonly now: () => number;

  constructor(
    private readonly ds: DataSource,
    private readonly opts: DbTokenStoreOptions,
  ) {
    this.marginMs = opts.marginMs ?? 5 * 60_000;
    this.leaseMs = opts.leaseMs ?? 15_000;
    this.waitMs = opts.waitMs ?? 20_000;
    this.now = opts.now ?? Date.now;
  }

  async get(): Promise<string> {
    if (this.memo && this.memo.expiresAt - this.marginMs > this.now()) return this.memo.token;
    return this.singleFlight(undefined);
  }

  async refresh(bad: string): Promise<string> {
    if (this.memo?.token === bad) this.memo = undefined;
    return this.singleFlight(bad);
  }

  private singleFlight(bad: string | undefined): Promise<string> {
    // One flight per process; a refresh for a token that is already being replaced joins it.
    if (!this.inflight) {
      this.inflight = this.obtain(bad).finally(() => {
        this.inflight = undefined;
      });
    }
    return this.inflight;
  }

  private async obtain(bad: string | undefined): Promise<string> {
    const repo = new WechatTokenRepo(this.ds);
    const deadline = this.now() + this.waitMs;
    let delay = 20;
    for (;;) {
      const row = await repo.getOrCreate(this.opts.appid);
      const now = this.now();
      if (row.accessToken && row.accessToken !== bad && row.expiresAt - this.marginMs > now) {
        this.memo = { token: row.accessToken, expiresAt: row.expiresAt };
        return row.accessToken;
      }
      if (row.leaseUntil < now) {
        if (await repo.takeLease(this.opts.appid, row.version, this.owner, now + this.leaseMs)) return this.fetchAsHolder(row.version + 1, !!bad && row.accessToken === bad);
      }
      if (this.now() > deadline) throw new WechatError('unavailable', undefined, 'stable_token', 'timed out waiting for another instance to refresh the WeChat access token');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 250);
    }
  }

  private async fetchAsHolder(version: number, force: boolean): Promise<string> {
    const repo = new WechatTokenRepo(this.ds);
    let fetched: FetchedToken;
    try {
      fetched = await this.opts.fetch(force);
    } catch (e) {
      // Give the lease back so another instance (or the next request) can try at once.
      await repo.releaseLease(this.opts.appid, this.owner, version);
      throw e;
    }
    const expiresAt = this.now() + fetched.expiresIn * 1000;
    await repo.store(this.opts.appid, fetched.accessToken, expiresAt, version);
    this.memo = { token: fetched.accessToken, expiresAt };
    return fetched.accessToken;
  }
}
