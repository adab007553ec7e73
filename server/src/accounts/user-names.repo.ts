import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { User } from './user.entity.js';
import { GenerateSql } from '../db/generate-sql.js';

/** Display names of users by id (app_user, owned by accounts): for tracks and ledgers. */
@Injectable()
export class UserNames {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Name (null when unset) per id, for the users that exist. */
  @GenerateSql({ params: [[7, 8]] })
  async of(ids: readonly number[], m?: EntityManager): Promise<Map<number, string | null>> {
    if (ids.length === 0) return new Map();
    const rows = await (m ?? this.ds.manager).find(User, { select: { id: true, name: true }, where: { id: In([...new Set(ids)]) } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
