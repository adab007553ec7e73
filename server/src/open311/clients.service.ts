import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ApiClientAuditDto, ApiClientCreatedDto, ApiClientDto, ApiClientInputRequest } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { isUniqueViolation } from '../db/errors.js';
import { AccessService } from '../access/access.service.js';
import { CategoriesRepo } from '../catalog/categories.repo.js';
import { GridTree } from '../grids/grid-tree.repo.js';
import { RateLimiter } from '../auth/rate-limiter.js';
import { ApiClientsRepo } from './clients.repo.js';
import type { ApiClient } from './entities.js';

/** Prefix of every api key: recognisable in logs and secret scanners. */
const KEY_PREFIX = 'wg311_';

/** SHA-256 (hex) of an api key: what is stored and looked up. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Who made a change: a signed-in admin, or the command-line tool (its operator's login name). */
export type ClientOperator = { actor: Actor } | { cli: string };

const actorIdOf = (op: ClientOperator): number | null => ('actor' in op ? op.actor.userId : null);

/**
 * API keys per external client (Open311 apps and platforms, 12345 hotlines): created by city admins
 * (over the API) or the `open311-clients` command, scoped to a grid node, rate-limited per minute,
 * revocable, and every change written to `api_client_audit`.
 */
@Injectable()
export class ApiClientsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: ApiClientsRepo,
    private readonly grid: GridTree,
    private readonly categories: CategoriesRepo,
    private readonly access: AccessService,
    private readonly limiter: RateLimiter,
  ) {}

  /** The node must lie under one of the admin's city_admin grants. */
  private async requireAdminAt(op: ClientOperator, nodeId: number): Promise<void> {
    if ('actor' in op) await this.access.require(op.actor, 'integration.manage', { nodeId });
  }

  async create(op: ClientOperator, input: ApiClientInputRequest): Promise<ApiClientCreatedDto> {
    const node = await this.grid.refByCode(input.nodeCode);
    if (!node) throw new AppError('VALIDATION_FAILED', 'unknown node', { fields: { nodeCode: 'no such grid node' } });
    await this.requireAdminAt(op, node.id);
    if (input.fallbackGridCode !== undefined) {
      const f = await this.grid.refByCode(input.fallbackGridCode);
      if (!f || f.level !== 'micro' || !f.path.startsWith(node.path)) throw new AppError('VALIDATION_FAILED', 'the fallback must be a micro-grid under the client’s node', { fields: { fallbackGridCode: 'not a micro-grid under nodeCode' } });
    }
    if (input.defaultCategory !== undefined && !(await this.categories.isActive(input.defaultCategory))) {
      throw new AppError('VALIDATION_FAILED', 'unknown category', { fields: { defaultCategory: 'no such active category' } });
    }
    const apiKey = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const secret = randomBytes(32).toString('hex');
    const now = new Date();
    const row: Omit<ApiClient, 'id'> = {
      name: input.name,
      label: input.label ?? '',
      kind: input.kind,
      keyHash: hashApiKey(apiKey),
      keyPrefix: apiKey.slice(0, 10),
      secret,
      nodeId: node.id,
      nodePath: node.path,
      ratePerMin: input.ratePerMin ?? 60,
      callbackUrl: input.callbackUrl ?? null,
      callbackScope: input.callbackScope ?? 'own',
      fallbackGridCode: input.fallbackGridCode ?? null,
      defaultCategory: input.defaultCategory ?? null,
      createdBy: actorIdOf(op),
      createdAt: now,
      revokedAt: null,
    };
    let id: number;
    try {
      id = await this.ds.transaction(async (m) => {
        const id = await this.repo.insert(row, m);
        await this.repo.audit({ clientId: id, action: 'create', actorId: actorIdOf(op), data: JSON.stringify({ ...('cli' in op ? { cli: op.cli } : {}), node: node.code, kind: input.kind, ratePerMin: row.ratePerMin, callbackUrl: row.callbackUrl }), at: now }, m);
        return id;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('DUPLICATE', 'a client with this name exists', { fields: { name: 'taken' } });
      throw e;
    }
    return { ...this.dto({ ...row, id }, node.code), apiKey, secret };
  }

  async list(op: ClientOperator): Promise<ApiClientDto[]> {
    const scope = 'actor' in op ? this.access.scope(op.actor, 'integration.manage') : null;
    if (scope && scope.length === 0) throw new AppError('FORBIDDEN', 'external clients are managed by city admins');
    const rows = await this.repo.list();
    const visible = scope ? rows.filter((c) => scope.some((s) => c.nodePath.startsWith(s.path))) : rows;
    const codes = new Map((await this.grid.refsByIds(visible.map((c) => c.nodeId))).map((n) => [n.id, n.code]));
    return visible.map((c) => this.dto(c, codes.get(c.nodeId) ?? ''));
  }

  /** Revokes a client's key at once (the next request with it is 403); answers the client as it is now. */
  async revoke(op: ClientOperator, id: number): Promise<ApiClientDto> {
    const c = await this.repo.byId(id);
    if (!c) throw new AppError('NOT_FOUND', 'client not found');
    await this.requireAdminAt(op, c.nodeId);
    const now = new Date();
    await this.ds.transaction(async (m) => {
      if (!(await this.repo.revoke(id, now, m))) throw new AppError('INVALID_TRANSITION', 'the client is already revoked');
      await this.repo.audit({ clientId: id, action: 'revoke', actorId: actorIdOf(op), data: 'cli' in op ? JSON.stringify({ cli: op.cli }) : null, at: now }, m);
    });
    const node = await this.grid.refsByIds([c.nodeId]);
    return this.dto({ ...c, revokedAt: now }, node[0]?.code ?? '');
  }

  async auditOf(op: ClientOperator, id: number): Promise<ApiClientAuditDto[]> {
    const c = await this.repo.byId(id);
    if (!c) throw new AppError('NOT_FOUND', 'client not found');
    await this.requireAdminAt(op, c.nodeId);
    return (await this.repo.auditOf(id, 200)).map((a) => ({ at: a.at.toISOString(), action: a.action, actorId: a.actorId, data: a.data ? (JSON.parse(a.data) as Record<string, unknown>) : null }));
  }

  /**
   * The live client holding `apiKey`, counted against its per-minute limit; 403 for an unknown or
   * revoked key (as GeoReport v2 says), 429 over the limit.
   */
  async authenticate(apiKey: string): Promise<ApiClient> {
    if (!apiKey.startsWith(KEY_PREFIX) || apiKey.length > 100) throw new AppError('FORBIDDEN', 'invalid api_key');
    const c = await this.repo.byKeyHash(hashApiKey(apiKey));
    if (!c || c.revokedAt !== null) throw new AppError('FORBIDDEN', 'invalid api_key');
    await this.limiter.hit('open311', `c${c.id}`, c.ratePerMin);
    return c;
  }

  /** A live client by name (the hotline's x-weigrid-source), or null. */
  async liveByName(name: string): Promise<ApiClient | null> {
    const c = await this.repo.byName(name);
    return c && c.revokedAt === null ? c : null;
  }

  /** Counts one request of a client against its per-minute limit (429 over it). */
  async countRequest(c: ApiClient): Promise<void> {
    await this.limiter.hit('open311', `c${c.id}`, c.ratePerMin);
  }

  /** Writes one audit row about a client (e.g. a caller's contact was read). */
  async note(clientId: number, action: string, actorId: number | null, data: Record<string, unknown>): Promise<void> {
    await this.repo.audit({ clientId, action, actorId, data: JSON.stringify(data).slice(0, 400), at: new Date() });
  }

  private dto(c: ApiClient, nodeCode: string): ApiClientDto {
    return {
      id: c.id,
      name: c.name,
      label: c.label,
      kind: c.kind,
      nodeCode,
      ratePerMin: c.ratePerMin,
      callbackUrl: c.callbackUrl,
      callbackScope: c.callbackScope,
      fallbackGridCode: c.fallbackGridCode,
      defaultCategory: c.defaultCategory,
      keyPrefix: c.keyPrefix,
      createdAt: c.createdAt.toISOString(),
      revokedAt: c.revokedAt ? c.revokedAt.toISOString() : null,
    };
  }
}
