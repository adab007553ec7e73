import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A person who logged in with WeChat. `openid` identifies them for this mini-program; the WeChat
 * `session_key` is kept here (never selected by default, never returned or logged) because group
 * share info can only be decrypted with the key of the user's latest login.
 */
@Entity({ name: 'app_user' })
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_app_user_openid', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  openid: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid: string | null;

  @Column({ type: 'varchar', length: 50, charset: 'utf8mb4', nullable: true })
  name: string | null;

  /** Full number, bound through WeChat's phone code; shown masked everywhere. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Column({ name: 'phone_bound_at', type: 'datetime', nullable: true })
  phoneBoundAt: Date | null;

  @Column({ name: 'session_key', type: 'varchar', length: 64, nullable: true, select: false })
  sessionKey: string | null;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'last_login_at', type: 'datetime', nullable: true })
  lastLoginAt: Date | null;
}
