import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Upload } from './upload.entity.js';
import { GenerateSql } from '../db/generate-sql.js';

/**
 * Whose uploads are whose (upload, owned by uploads): for other modules' forms that attach a
 * user's photos (care visits, patrol check-ins). Providers list this class directly; it needs only
 * the DataSource.
 */
@Injectable()
export class UploadOwners {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** How many of `publicIds` were uploaded by `ownerId`. */
  @GenerateSql({ params: [['p1', 'p2'], 7] })
  countOwned(publicIds: readonly string[], ownerId: number, m?: EntityManager): Promise<number> {
    if (publicIds.length === 0) return Promise.resolve(0);
    return (m ?? this.ds.manager).count(Upload, { where: { publicId: In([...publicIds]), ownerId } });
  }

  /** Of `publicIds`, those uploaded by `ownerId` (unknown or others' ids are left out). */
  @GenerateSql({ params: [['p1', 'p2'], 7] })
  async ownedBy(publicIds: readonly string[], ownerId: number, m?: EntityManager): Promise<Set<string>> {
    if (publicIds.length === 0) return new Set();
    const found = await (m ?? this.ds.manager).find(Upload, { select: { publicId: true, ownerId: true }, where: { publicId: In([...publicIds]) } });
    return new Set(found.filter((u) => u.ownerId === ownerId).map((u) => u.publicId));
  }
}
