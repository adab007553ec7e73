import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The one shared WeChat access token per appid. Instances coordinate through `version`
 * (optimistic compare-and-set) and a lease: only the lease holder calls stable_token; the others
 * wait for the row to carry a fresh token. Times are epoch milliseconds (no timezone games).
 */
@Entity({ name: 'wechat_token' })
export class WechatToken {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  appid: string;

  @Column({ name: 'access_token', type: 'varchar', length: 512, nullable: true })
  accessToken: string | null;

  @Column({ name: 'expires_at', type: 'double', default: 0 })
  expiresAt: number;

  @Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true })
  leaseOwner: string | null;

  @Column({ name: 'lease_until', type: 'double', default: 0 })
  leaseUntil: number;

  @Column({ type: 'int', default: 0 })
  version: number;
}
