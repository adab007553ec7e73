import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { GenerateSql } from '../db/generate-sql.js';
import { num } from '../db/rows.js';
import { ApiClient, ApiClientAudit } from './entities.js';

/** `api_client` and `api_client_audit` (owned by open311). Methods take the caller's EntityManager last. */
@Injectable()
export class ApiClientsRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  /** The live client holding this key hash, or null. */
  @GenerateSql({ params: ['0'.repeat(64)] })
  byKeyHash(keyHash: string, m?: EntityManager): Promise<ApiClient | null> {
    return this.mm(m).findOneBy(ApiClient, { keyHash });
  }

  @GenerateSql({ params: ['hotline-jj'] })
  byName(name: string, m?: EntityManager): Promise<ApiClient | null> {
    return this.mm(m).findOneBy(ApiClient, { name });
  }

  @GenerateSql({ params: [1] })
  byId(id: number, m?: EntityManager): Promise<ApiClient | null> {
    return this.mm(m).findOneBy(ApiClient, { id });
  }

  @GenerateSql({ params: [] })
  list(m?: EntityManager): Promise<ApiClient[]> {
    return this.mm(m).find(ApiClient, { order: { id: 'ASC' } });
  }

  /** Live clients that want callbacks (the relay's subscribers). */
  @GenerateSql({ params: [] })
  subscribers(m?: EntityManager): Promise<ApiClient[]> {
    return this.mm(m)
      .getRepository(ApiClient)
      .createQueryBuilder('c')
      .where('c.callback_url IS NOT NULL AND c.revoked_at IS NULL')
      .orderBy('c.id', 'ASC')
      .getMany();
  }

  /** Inserts a client and answers its id; throws a unique violation when the name is taken. */
  async insert(row: Omit<ApiClient, 'id'>, m: EntityManager): Promise<number> {
    const r = await m.insert(ApiClient, { ...row });
    return num(r.identifiers[0]!.id);
  }

  async update(id: number, set: Partial<Omit<ApiClient, 'id'>>, m: EntityManager): Promise<void> {
    await m.update(ApiClient, { id }, { ...set });
  }

  /** Revokes a live client; false when it was already revoked. */
  async revoke(id: number, at: Date, m: EntityManager): Promise<boolean> {
    const r = await m.getRepository(ApiClient).createQueryBuilder().update().set({ revokedAt: at }).where('id = :id AND revoked_at IS NULL', { id }).execute();
    return (r.affected ?? 0) > 0;
  }

  async audit(row: Omit<ApiClientAudit, 'id'>, m?: EntityManager): Promise<void> {
    await this.mm(m).insert(ApiClientAudit, { ...row });
  }

  /** A client's audit trail, newest first. */
  @GenerateSql({ params: [1, 50] })
  auditOf(clientId: number, limit: number, m?: EntityManager): Promise<ApiClientAudit[]> {
    return this.mm(m).find(ApiClientAudit, { where: { clientId }, order: { id: 'DESC' }, take: limit });
  }
}
