import type { DataSource } from 'typeorm';
import { WechatToken } from './wechat-token.entity.js';
import { GenerateSql } from '../db/generate-sql.js';

/**
 * The `wechat_token` table (one row per appid): the shared access token and the lease that lets
 * one instance at a time fetch a new one. Every write is conditional, so instances race safely.
 */
export class WechatTokenRepo {
  constructor(private readonly ds: DataSource) {}

  /** The appid's row, created (empty, version 0) on first use; a concurrent insert is fine. */
  @GenerateSql({ params: ['wx-sample'] })
  async getOrCreate(appid: string): Promise<WechatToken> {
    const repo = this.ds.getRepository(WechatToken);
    const row = await repo.findOneBy({ appid });
    if (row) return row;
    await repo.createQueryBuilder().insert().values({ appid, accessToken: null, expiresAt: 0, leaseOwner: null, leaseUntil: 0, version: 0 }).orIgnore().execute();
    return repo.findOneByOrFail({ appid });
  }

  /** Takes the lease if the row is still at `version`; true when this caller holds it now. */
  @GenerateSql({ params: ['wx-sample', 0, 'host-1', 1768464000000] })
  async takeLease(appid: string, version: number, owner: string, until: number): Promise<boolean> {
    const took = await this.ds
      .getRepository(WechatToken)
      .createQueryBuilder()
      .update()
      .set({ leaseOwner: owner, leaseUntil: until, version: version + 1 })
      .where('appid = :appid AND version = :v', { appid, v: version })
      .execute();
    return took.affected === 1;
  }

  /** Gives the lease back (only if `owner` still holds it). */
  @GenerateSql({ params: ['wx-sample', 'host-1', 1] })
  async releaseLease(appid: string, owner: string, version: number): Promise<void> {
    await this.ds.getRepository(WechatToken).createQueryBuilder().update().set({ leaseOwner: null, leaseUntil: 0, version: version + 1 }).where('appid = :appid AND lease_owner = :o', { appid, o: owner }).execute();
  }

  /** Stores a freshly fetched token and ends the lease. */
  @GenerateSql({ params: ['wx-sample', 'token', 1768471200000, 2] })
  async store(appid: string, accessToken: string, expiresAt: number, version: number): Promise<void> {
    await this.ds
      .getRepository(WechatToken)
      .createQueryBuilder()
      .update()
      .set({ accessToken, expiresAt, leaseOwner: null, leaseUntil: 0, version: version + 1 })
      .where('appid = :appid', { appid })
      .execute();
  }
}
