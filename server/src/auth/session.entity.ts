import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A login session. The refresh token is `r1.<id>.<secret>`; only the SHA-256 of the current
 * secret is stored, and the previous one too so that replaying a rotated token (a sign of theft)
 * revokes the whole session.
 */
@Entity({ name: 'auth_session' })
@Index('idx_auth_session_user', ['userId'])
export class AuthSession {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @Column({ name: 'refresh_hash', type: 'varchar', length: 64 })
  refreshHash: string;

  @Column({ name: 'prev_refresh_hash', type: 'varchar', length: 64, nullable: true })
  prevRefreshHash: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'datetime' })
  lastUsedAt: Date;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'datetime', nullable: true })
  revokedAt: Date | null;
}
