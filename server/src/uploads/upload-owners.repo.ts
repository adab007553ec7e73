import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Upload } from './upload.entity.js';

/**
 * upload reads for other modules that attach photos (care visits): who uploaded each public id.
 * Providers list this class directly; it needs only the DataSource.
 */
@Injectable()
export class UploadOwners {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Of `publicIds`, those uploaded by `ownerId` (unknown or others' ids are left out). */
  async ownedBy(publicIds: readonly string[], ownerId: number, m?: EntityManager): Promise<Set<string>> {
    if (publicIds.length === 0) return new Set();
    const found = await (m ?? this.ds.manager).find(Upload, { select: { publicId: true, ownerId: true }, where: { publicId: In([...publicIds]) } });
    return new Set(found.filter((u) => u.ownerId === ownerId).map((u) => u.publicId));
  }
}
