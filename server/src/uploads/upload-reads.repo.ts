import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Upload, type ModerationStatus } from './upload.entity.js';
import { GenerateSql } from '../db/generate-sql.js';

/**
 * Narrow reads of the `upload` table for modules that attach photos (events, campaigns): whether
 * ids are the caller's own uploads, and the uploads to show. Methods take the caller's EntityManager last.
 */
@Injectable()
export class UploadReads {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  /** The moderation verdicts of those of `publicIds` that `ownerId` uploaded (one per found upload). */
  @GenerateSql({ params: [7, ['u1', 'u2']] })
  async ownModerations(ownerId: number, publicIds: readonly string[], m?: EntityManager): Promise<ModerationStatus[]> {
    if (publicIds.length === 0) return [];
    const rows = await this.mm(m).find(Upload, { select: { id: true, moderation: true }, where: { ownerId, publicId: In([...publicIds]) } });
    return rows.map((r) => r.moderation);
  }

  /** How many of `publicIds` are uploads of `ownerId`. */
  @GenerateSql({ params: [7, ['u1', 'u2']] })
  countOwn(ownerId: number, publicIds: readonly string[], m?: EntityManager): Promise<number> {
    if (publicIds.length === 0) return Promise.resolve(0);
    return this.mm(m).count(Upload, { where: { ownerId, publicId: In([...publicIds]) } });
  }

  /** Uploads by public id; unknown ids are left out. */
  @GenerateSql({ params: [['u1', 'u2']] })
  byPublicIds(publicIds: readonly string[], m?: EntityManager): Promise<Upload[]> {
    if (publicIds.length === 0) return Promise.resolve([]);
    return this.mm(m).find(Upload, { where: { publicId: In([...new Set(publicIds)]) } });
  }
}
