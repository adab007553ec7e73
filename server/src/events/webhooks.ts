import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EventCreatedDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { isUniqueViolation } from '../db/errors.js';
import { AccessService } from '../access/access.service.js';
import { requireRuleMaker } from '../access/rule-maker.js';
import type { WebhookEventDto, WebhookSourceInputDto } from './dto.js';
import type { WebhookSource } from './event.entity.js';
import { EventsService } from './events.service.js';
import { WebhookSourcesRepo } from './webhook-sources.repo.js';

/** A signature older or newer than this is refused (replay protection; clocks may drift a little). */
export const WEBHOOK_MAX_SKEW_S = 300;

/** `sha256=` + hex HMAC-SHA256 over `<timestamp>.<raw body>`: what a source sends in x-weigrid-signature. */
export function signWebhook(secret: string, timestamp: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', Buffer.from(secret, 'hex')).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

type WebhookRequest = { headers: Record<string, string | string[] | undefined>; rawBody?: Buffer; webhookSource?: WebhookSource };

/**
 * Authenticates machine intake before the body is even validated: the source by name
 * (x-weigrid-source), a fresh timestamp (x-weigrid-timestamp, unix seconds) and the HMAC of the
 * exact bytes received (x-weigrid-signature). Any failure is 401 with the reason.
 */
@Injectable()
export class WebhookGuard implements CanActivate {
  constructor(private readonly sources: WebhookSourcesRepo) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<WebhookRequest>();
    const h = (k: string) => (typeof req.headers[k] === 'string' ? (req.headers[k] as string) : '');
    const name = h('x-weigrid-source');
    const ts = h('x-weigrid-timestamp');
    const sig = h('x-weigrid-signature');
    if (!name || !ts || !sig) throw new AppError('UNAUTHENTICATED', 'x-weigrid-source, x-weigrid-timestamp and x-weigrid-signature are required');
    if (!/^\d{9,11}$/.test(ts) || Math.abs(Date.now() / 1000 - Number(ts)) > WEBHOOK_MAX_SKEW_S) throw new AppError('UNAUTHENTICATED', `timestamp must be unix seconds within ${WEBHOOK_MAX_SKEW_S} s of now`);
    if (!/^[a-z][a-z0-9_-]{1,49}$/.test(name)) throw new AppError('UNAUTHENTICATED', 'unknown source');
    const source = await this.sources.byName(name);
    if (!source || !source.active) throw new AppError('UNAUTHENTICATED', 'unknown source');
    const expected = Buffer.from(signWebhook(source.secret, ts, req.rawBody ?? Buffer.alloc(0)));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('UNAUTHENTICATED', 'bad signature');
    req.webhookSource = source;
    return true;
  }
}

export interface WebhookSourceDto {
  id: number;
  name: string;
  minConfidence: number;
  active: boolean;
  /** Only in the answer that created it: the HMAC key, hex. */
  secret?: string;
}

@Injectable()
export class WebhooksService {
  constructor(
    private readonly events: EventsService,
    private readonly access: AccessService,
    private readonly sources: WebhookSourcesRepo,
  ) {}

  /** An alert becomes an event: confident ones are accepted at once, the rest wait for verification. */
  receive(source: WebhookSource, input: WebhookEventDto): Promise<EventCreatedDto> {
    const data: Record<string, unknown> = { source: source.name, alertId: input.alertId };
    if (input.occurredAt) data.occurredAt = input.occurredAt;
    if (input.snapshotUrl) data.snapshotUrl = input.snapshotUrl;
    return this.events.intake(null, {
      requestKey: `wh${source.id}:${input.alertId}`,
      source: 'machine',
      category: input.category,
      description: input.description,
      location: input.location,
      gridCode: input.gridCode,
      machine: { confidence: input.confidence, accept: input.confidence >= source.minConfidence, data },
    });
  }

  async createSource(actor: Actor, input: WebhookSourceInputDto): Promise<WebhookSourceDto> {
    await requireRuleMaker(this.access, actor, 'machine sources');
    const secret = randomBytes(32).toString('hex');
    try {
      const id = await this.sources.insert({ name: input.name, secret, minConfidence: input.minConfidence ?? 0.8, active: true, createdAt: new Date() });
      return { id, name: input.name, minConfidence: input.minConfidence ?? 0.8, active: true, secret };
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('DUPLICATE', 'a source with this name exists', { fields: { name: 'taken' } });
      throw e;
    }
  }

  async listSources(actor: Actor): Promise<WebhookSourceDto[]> {
    await requireRuleMaker(this.access, actor, 'machine sources');
    const rows = await this.sources.list();
    return rows.map((s) => ({ id: s.id, name: s.name, minConfidence: Number(s.minConfidence), active: s.active }));
  }
}
