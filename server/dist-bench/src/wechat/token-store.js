import { randomBytes } from 'node:crypto';
import { WechatToken } from './wechat-token.entity.js';
import { WechatError } from './wechat-errors.js';
/**
 * The access token shared by every instance through one `wechat_token` row.
 *
 * Reading is a memory hit while the token is fresh. When it is near expiry (or rejected), an
 * instance takes a lease on the row with a compare-and-set on `version`; only the lease holder
 * calls stable_token, and everyone else polls the row until the new token appears (or the lease
 * runs out, and one of them takes it over). So N instances × M concurrent requests cause exactly
 * one stable_token call per refresh.
 */
export class DbAccessTokenStore {
    ds;
    opts;
    owner = `${process.pid}-${randomBytes(4).toString('hex')}`;
    memo;
    inflight;
    marginMs;
    leaseMs;
    waitMs;
    now;
    constructor(ds, opts) {
        this.ds = ds;
        this.opts = opts;
        this.marginMs = opts.marginMs ?? 5 * 60_000;
        this.leaseMs = opts.leaseMs ?? 15_000;
        this.waitMs = opts.waitMs ?? 20_000;
        this.now = opts.now ?? Date.now;
    }
    async get() {
        if (this.memo && this.memo.expiresAt - this.marginMs > this.now())
            return this.memo.token;
        return this.singleFlight(undefined);
    }
    async refresh(bad) {
        if (this.memo?.token === bad)
            this.memo = undefined;
        return this.singleFlight(bad);
    }
    singleFlight(bad) {
        // One flight per process; a refresh for a token that is already being replaced joins it.
        if (!this.inflight) {
            this.inflight = this.obtain(bad).finally(() => {
                this.inflight = undefined;
            });
        }
        return this.inflight;
    }
    async obtain(bad) {
        const repo = this.ds.getRepository(WechatToken);
        const deadline = this.now() + this.waitMs;
        let delay = 20;
        for (;;) {
            let row = await repo.findOneBy({ appid: this.opts.appid });
            if (!row) {
                // First use ever: create the row; a concurrent insert by another instance is fine.
                await repo.createQueryBuilder().insert().values({ appid: this.opts.appid, accessToken: null, expiresAt: 0, leaseOwner: null, leaseUntil: 0, version: 0 }).orIgnore().execute();
                row = await repo.findOneByOrFail({ appid: this.opts.appid });
            }
            const now = this.now();
            if (row.accessToken && row.accessToken !== bad && row.expiresAt - this.marginMs > now) {
                this.memo = { token: row.accessToken, expiresAt: row.expiresAt };
                return row.accessToken;
            }
            if (row.leaseUntil < now) {
                const took = await repo
                    .createQueryBuilder()
                    .update()
                    .set({ leaseOwner: this.owner, leaseUntil: now + this.leaseMs, version: row.version + 1 })
                    .where('appid = :appid AND version = :v', { appid: this.opts.appid, v: row.version })
                    .execute();
                if (took.affected === 1)
                    return this.fetchAsHolder(row.version + 1, !!bad && row.accessToken === bad);
            }
            if (this.now() > deadline)
                throw new WechatError('unavailable', undefined, 'stable_token', 'timed out waiting for another instance to refresh the WeChat access token');
            await new Promise((r) => setTimeout(r, delay));
            delay = Math.min(delay * 2, 250);
        }
    }
    async fetchAsHolder(version, force) {
        const repo = this.ds.getRepository(WechatToken);
        let fetched;
        try {
            fetched = await this.opts.fetch(force);
        }
        catch (e) {
            // Give the lease back so another instance (or the next request) can try at once.
            await repo.createQueryBuilder().update().set({ leaseOwner: null, leaseUntil: 0, version: version + 1 }).where('appid = :appid AND lease_owner = :o', { appid: this.opts.appid, o: this.owner }).execute();
            throw e;
        }
        const expiresAt = this.now() + fetched.expiresIn * 1000;
        await repo
            .createQueryBuilder()
            .update()
            .set({ accessToken: fetched.accessToken, expiresAt, leaseOwner: null, leaseUntil: 0, version: version + 1 })
            .where('appid = :appid', { appid: this.opts.appid })
            .execute();
        this.memo = { token: fetched.accessToken, expiresAt };
        return fetched.accessToken;
    }
}
//# sourceMappingURL=token-store.js.map