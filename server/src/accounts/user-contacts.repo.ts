import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { User } from './user.entity.js';
import { GenerateSql } from '../db/generate-sql.js';

/** A user's name and WeChat-bound phone, as other modules show or compare them. */
export interface UserContact {
  id: number;
  name: string | null;
  /** Full number; whoever shows it masks it. */
  phone: string | null;
  /** When WeChat verified the phone (getPhoneNumber); null: not verified. */
  phoneBoundAt: Date | null;
}

/**
 * app_user reads for other modules (the register's household claims): name and verified phone
 * by id. Providers list this class directly; it needs only the DataSource.
 */
@Injectable()
export class UserContacts {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Contacts by user id; unknown ids are left out. */
  @GenerateSql({ params: [[7, 8]] })
  async byIds(ids: readonly number[], m?: EntityManager): Promise<Map<number, UserContact>> {
    if (ids.length === 0) return new Map();
    const rows = await (m ?? this.ds.manager).find(User, { select: { id: true, name: true, phone: true, phoneBoundAt: true }, where: { id: In([...new Set(ids)]) } });
    return new Map(rows.map((u) => [u.id, { id: u.id, name: u.name, phone: u.phone, phoneBoundAt: u.phoneBoundAt }]));
  }
}
