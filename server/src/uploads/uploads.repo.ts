import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { num } from '../db/rows.js';
import { Upload } from './upload.entity.js';
import { GenerateSql } from '../db/generate-sql.js';

/** The `upload` table (owned by uploads). Methods take the caller's EntityManager last. */
@Injectable()
export class UploadsRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  @GenerateSql({ params: [{ publicId: 'u1', ownerId: 7, mime: 'image/jpeg', size: 1024, width: 800, height: 600, storageKey: '2026/01/u1.jpg', thumbKey: '2026/01/u1.thumb.jpg', moderation: 'pass', createdAt: new Date('2026-01-15T08:00:00.000Z') }] })
  async insert(row: Omit<Upload, 'id'>, m?: EntityManager): Promise<void> {
    // TypeORM writes the generated id back into the object it is given: pass it a copy.
    await this.mm(m).insert(Upload, { ...row });
  }

  @GenerateSql({ params: ['u1'] })
  byPublicId(publicId: string, m?: EntityManager): Promise<Upload | null> {
    return this.mm(m).findOne(Upload, { where: { publicId } });
  }

  /** How many of `publicIds` are uploads of `ownerId`. */
  @GenerateSql({ params: [7, ['u1', 'u2']] })
  async countOwned(ownerId: number, publicIds: readonly string[], m?: EntityManager): Promise<number> {
    if (publicIds.length === 0) return 0;
    const [{ n }]: { n: number | string }[] = await this.mm(m).query(`SELECT COUNT(*) AS n FROM upload WHERE owner_id = ? AND public_id IN (${publicIds.map(() => '?').join(',')})`, [ownerId, ...publicIds]);
    return num(n);
  }
}
