import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { ExternalContactDto, HotlineOrderDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { AccessService } from '../access/access.service.js';
import { CategoriesRepo } from '../catalog/categories.repo.js';
import { EventsService } from '../events/events.service.js';
import { ExternalEventReads } from '../events/public-events.repo.js';
import { signWebhook, WEBHOOK_MAX_SKEW_S } from '../events/webhooks.js';
import { PII_CIPHER } from '../register/register.service.js';
import type { PiiCipher } from '../register/pii-cipher.js';
import { ApiClientsService } from './clients.service.js';
import type { HotlineOrderBodyDto } from './dto.js';
import type { ApiClient } from './entities.js';
import { GeoReportService } from './georeport.service.js';
import { parseW3c } from './georeport-format.js';
import { ApiClientsRepo } from './clients.repo.js';
import { Open311Repo } from './requests.repo.js';

type SignedRequest = { headers: Record<string, string | string[] | undefined>; rawBody?: Buffer; apiClient?: ApiClient };

/**
 * Authenticates a 12345 work order exactly as machine intake is (docs/events.md): the client by
 * name (x-weigrid-source), a fresh timestamp (x-weigrid-timestamp) and `sha256=` HMAC-SHA256 of
 * "<timestamp>." + the raw body under the client's secret (x-weigrid-signature). 401 otherwise;
 * then the client's per-minute limit.
 */
@Injectable()
export class HotlineGuard implements CanActivate {
  constructor(private readonly clients: ApiClientsService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<SignedRequest>();
    const h = (k: string) => (typeof req.headers[k] === 'string' ? (req.headers[k] as string) : '');
    const name = h('x-weigrid-source');
    const ts = h('x-weigrid-timestamp');
    const sig = h('x-weigrid-signature');
    if (!name || !ts || !sig) throw new AppError('UNAUTHENTICATED', 'x-weigrid-source, x-weigrid-timestamp and x-weigrid-signature are required');
    if (!/^\d{9,11}$/.test(ts) || Math.abs(Date.now() / 1000 - Number(ts)) > WEBHOOK_MAX_SKEW_S) throw new AppError('UNAUTHENTICATED', `timestamp must be unix seconds within ${WEBHOOK_MAX_SKEW_S} s of now`);
    if (!/^[a-z][a-z0-9_-]{1,49}$/.test(name)) throw new AppError('UNAUTHENTICATED', 'unknown source');
    const client = await this.clients.liveByName(name);
    if (!client || client.kind !== 'hotline') throw new AppError('UNAUTHENTICATED', 'unknown source');
    const expected = Buffer.from(signWebhook(client.secret, ts, req.rawBody ?? Buffer.alloc(0)));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('UNAUTHENTICATED', 'bad signature');
    await this.clients.countRequest(client);
    req.apiClient = client;
    return true;
  }
}

/**
 * 12345 work orders become events routed like any report, idempotent by the order id; the
 * caller's contact is kept encrypted beside the event and shown only to staff who may see the
 * event, each reading audited.
 */
@Injectable()
export class HotlineService {
  constructor(
    private readonly events: EventsService,
    private readonly georeport: GeoReportService,
    private readonly categories: CategoriesRepo,
    private readonly repo: Open311Repo,
    private readonly clientsRepo: ApiClientsRepo,
    private readonly clients: ApiClientsService,
    private readonly reads: ExternalEventReads,
    private readonly access: AccessService,
    @Inject(PII_CIPHER) private readonly pii: PiiCipher,
  ) {}

  async receive(client: ApiClient, input: HotlineOrderBodyDto): Promise<HotlineOrderDto> {
    const category = await this.category(client, input.categoryHint);
    const deadline = input.deadline !== undefined ? parseW3c(input.deadline) : null;
    if (input.deadline !== undefined && !deadline) throw new AppError('VALIDATION_FAILED', 'deadline is not a real date', { fields: { deadline: 'not a real date' } });
    if (!input.location && !input.address) throw new AppError('VALIDATION_FAILED', 'give a location or an address', { fields: { location: 'required unless address is given' } });
    const route = await this.georeport.placeFor(client, input.location ? { lat: input.location.lat, lng: input.location.lng, crs: input.location.crs ?? 'gcj02' } : undefined);
    const created = await this.events.intake(null, {
      requestKey: `h${client.id}:${input.orderId}`,
      source: 'hotline',
      category,
      description: input.content,
      location: input.location,
      gridCode: route.gridCode,
      address: input.address ?? null,
    });
    const contact = Object.fromEntries(Object.entries(input.contact ?? {}).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
    // Written after the event (intake has its own group-commit transaction); a retry of the same
    // order finds the event again and writes this row if the first attempt died in between.
    await this.repo.link({
      eventId: created.id,
      clientId: client.id,
      externalId: input.orderId,
      attributes: null,
      mediaUrl: null,
      contact: Object.keys(contact).length ? this.pii.encrypt('open311.contact', JSON.stringify(contact)) : null,
      dueAt: deadline,
      createdAt: new Date(),
    });
    return { orderId: input.orderId, eventId: created.id, state: created.state, microGrid: created.microGrid, replayed: created.replayed };
  }

  /** The category hint as a code or a name; else the client's default; else 422. */
  private async category(client: ApiClient, hint: string | undefined): Promise<string> {
    if (hint !== undefined) {
      const h = hint.trim();
      const all = await this.categories.list(false);
      const hit = all.find((c) => c.code === h) ?? all.find((c) => c.name === h);
      if (hit) return hit.code;
    }
    if (client.defaultCategory) return client.defaultCategory;
    throw new AppError('VALIDATION_FAILED', 'the category hint matches no category and this hotline has no default', { fields: { categoryHint: 'no such category' } });
  }

  /** The requester's or caller's contact of an externally filed case, for staff who may see the event. Audited. */
  async contact(actor: Actor, eventId: number): Promise<ExternalContactDto> {
    const [e] = await this.reads.byIds([eventId]);
    if (!e) throw new AppError('NOT_FOUND', 'event not found');
    const { staff } = await this.access.eventViewer(actor, { reporterId: null, handlerId: null, nodePath: e.nodePath, departmentId: e.departmentId, category: e.category });
    if (!staff) throw new AppError('NOT_FOUND', 'event not found');
    const link = (await this.repo.byEventIds([eventId])).get(eventId);
    if (!link || !link.contact) throw new AppError('NOT_FOUND', 'no contact was given for this case');
    const client = await this.clientsRepo.byId(link.clientId);
    await this.clients.note(link.clientId, 'contact_read', actor.userId, { eventId });
    return { eventId, client: client?.name ?? '', externalId: link.externalId, contact: JSON.parse(this.pii.decrypt('open311.contact', link.contact)) as Record<string, string> };
  }
}
