import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { User } from './user.entity.js';
import { GenerateSql } from '../db/generate-sql.js';

/** The `app_user` table (owned by accounts). Methods take the caller's EntityManager last. */
@Injectable()
export class UsersRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  @GenerateSql({ params: [7] })
  byId(id: number, m?: EntityManager): Promise<User | null> {
    return this.mm(m).findOneBy(User, { id });
  }

  @GenerateSql({ params: ['o-sample'] })
  byOpenid(openid: string, m?: EntityManager): Promise<User | null> {
    return this.mm(m).findOneBy(User, { openid });
  }

  /** Inserts a user; throws a unique violation when the openid exists. */
  @GenerateSql({ params: [{ openid: 'o-sample', unionid: null, name: '张三', phone: null, phoneBoundAt: null, sessionKey: null, disabled: false, createdAt: new Date('2026-01-15T08:00:00.000Z'), lastLoginAt: null }] })
  async insert(row: Omit<User, 'id'>, m?: EntityManager): Promise<void> {
    await this.mm(m).insert(User, row);
  }

  @GenerateSql({ params: [7, { lastLoginAt: new Date('2026-01-15T08:00:00.000Z') }] })
  async update(id: number, values: Partial<User>, m?: EntityManager): Promise<void> {
    await this.mm(m).update(User, { id }, values);
  }

  /** The user's latest WeChat session_key (a column never selected by default), or null. */
  @GenerateSql({ params: [7] })
  async sessionKey(id: number, m?: EntityManager): Promise<string | null> {
    const row = await this.mm(m).getRepository(User).createQueryBuilder('u').addSelect('u.sessionKey').where('u.id = :id', { id }).getOne();
    return row?.sessionKey ?? null;
  }
}
