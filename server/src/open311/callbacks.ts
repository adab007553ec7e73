import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EVENT_STATE_LABEL } from '@weigrid/shared';
import { AppConfig } from '../config/config.js';
import { isUniqueViolation } from '../db/errors.js';
import { ExternalEventReads, type ExternalAuditRow } from '../events/public-events.repo.js';
import { signWebhook } from '../events/webhooks.js';
import { enqueueOutbox } from '../outbox/enqueue.js';
import { SenderRegistry } from '../outbox/sender-registry.js';
import { PermanentSendError, type SendContext, type SendOutcome } from '../outbox/send-result.js';
import { AccountReads } from '../accounts/account-reads.repo.js';
import { RoutingService } from '../routing/routing.service.js';
import { PhotoGrants } from '../uploads/uploads.service.js';
import { ApiClientsRepo } from './clients.repo.js';
import type { ApiClient } from './entities.js';
import { mediaUrl, open311Status } from './georeport.service.js';
import { w3cDate } from './georeport-format.js';
import { Open311Repo } from './requests.repo.js';

/** Outbox kind of one callback (one subscriber, one state change). */
export const OPEN311_CALLBACK = 'open311.callback';
/** Audit rows newer than this may still have uncommitted neighbours with smaller ids: read again next time. */
const SETTLE_MS = 15_000;
const BATCH = 500;

interface CallbackPayload {
  clientId: number;
  auditId: number;
  eventId: number;
}

/** What a subscriber receives (JSON, HMAC-signed; see docs/integrations.md). */
export interface CallbackBody {
  /** `<client id>-<audit id>`: the same for every retry of this change (also in x-weigrid-delivery). */
  delivery: string;
  /** Increases with every change of the deployment: order callbacks by it (retries may overtake). */
  sequence: number;
  service_request_id: string;
  /** The hotline's order id, or the Open311 token; null for cases the subscriber did not file. */
  external_id: string | null;
  change: { action: string; from: string | null; to: string; at: string; note: string | null };
  status: 'open' | 'closed';
  state: string;
  state_label: string;
  agency_responsible: string | null;
  updated_datetime: string;
  expected_datetime: string | null;
  /** Once handled (resolved, closed, rejected): the handler's note and the photos' URLs. */
  outcome: { action: string; note: string | null; photos: string[] } | null;
}

/**
 * Outbound status callbacks. The relay follows `event_audit` (every state change of the event loop
 * writes one row, whoever made it: people, the scheduler, machines) and, for each subscribed client
 * the change concerns, records a `open311_callback` row — unique per (client, change) — and an
 * outbox row in one transaction: exactly one callback per change per subscriber however many
 * instances run the relay. The outbox then delivers it (retries with backoff, dead letter); a
 * receiver that was down gets every change once it is back, deduplicated by `delivery`.
 */
@Injectable()
export class CallbackRelay implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('open311');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly clients: ApiClientsRepo,
    private readonly repo: Open311Repo,
    private readonly reads: ExternalEventReads,
    private readonly accounts: AccountReads,
    private readonly routing: RoutingService,
    private readonly grants: PhotoGrants,
    private readonly senders: SenderRegistry,
  ) {}

  onModuleInit(): void {
    this.senders.register(OPEN311_CALLBACK, (p, ctx) => this.send(p as CallbackPayload, ctx));
  }

  onApplicationBootstrap(): void {
    const ms = this.config.OPEN311_RELAY_MS;
    if (ms <= 0) return;
    const loop = () => {
      this.running = this.relay()
        .catch((e: unknown) => this.log.warn({ err: e }, 'callback relay failed; trying again'))
        .finally(() => {
          this.running = null;
          if (this.timer) this.timer = setTimeout(loop, ms);
        });
    };
    this.timer = setTimeout(loop, ms);
  }

  async onApplicationShutdown(): Promise<void> {
    const t = this.timer;
    this.timer = null;
    if (t) clearTimeout(t);
    await this.running;
  }

  /**
   * One pass: audit rows after the watermark → callbacks for the subscribers they concern. Answers
   * how many callbacks it queued. The watermark moves only past rows older than SETTLE_MS; newer
   * ones are read again (the unique ledger makes that harmless).
   */
  async relay(now = new Date()): Promise<number> {
    const wm = await this.repo.relayWatermark();
    if (wm === null) {
      // A fresh deployment (or a fresh relay) starts from now: no callbacks for the past.
      await this.repo.startRelay(await this.reads.maxAuditId());
      return 0;
    }
    const audits = await this.reads.auditsAfter(wm, BATCH);
    if (audits.length === 0) return 0;
    const settled = now.getTime() - SETTLE_MS;
    let next = wm;
    for (const a of audits) {
      if (a.at.getTime() >= settled) break;
      next = a.id;
    }
    const subscribers = await this.clients.subscribers();
    const links = await this.repo.byEventIds([...new Set(audits.map((a) => a.eventId))]);
    const wanted: { client: ApiClient; audit: ExternalAuditRow }[] = [];
    for (const a of audits) {
      if (a.fromState === a.toState) continue; // requests, ratings, overdue marks: no state change
      for (const s of subscribers) {
        if (a.at < s.createdAt) continue;
        const concerns = s.callbackScope === 'node' ? a.nodePath.startsWith(s.nodePath) : links.get(a.eventId)?.clientId === s.id;
        if (concerns) wanted.push({ client: s, audit: a });
      }
    }
    let queued = 0;
    try {
      await this.ds.transaction(async (m) => {
        // The lock serializes relays of several instances; a moved watermark means another one ran.
        if ((await this.repo.lockRelay(m)) !== wm) return;
        const have = await this.repo.callbacksFor(wanted.map((w) => w.audit.id), m);
        const fresh = wanted.filter((w) => !have.has(`${w.client.id}:${w.audit.id}`));
        const at = new Date();
        await this.repo.insertCallbacks(fresh.map((w) => ({ clientId: w.client.id, auditId: w.audit.id, eventId: w.audit.eventId, createdAt: at })), m);
        await enqueueOutbox(m, fresh.map((w) => ({ kind: OPEN311_CALLBACK, payload: { clientId: w.client.id, auditId: w.audit.id, eventId: w.audit.eventId } })));
        if (next > wm) await this.repo.moveRelay(next, m);
        queued = fresh.length;
      });
    } catch (e) {
      if (isUniqueViolation(e)) return 0; // another instance queued the same callbacks first
      throw e;
    }
    return queued;
  }

  /** Builds and posts one callback. 2xx: sent; other 4xx: dead at once; 5xx, 408, 429, network: retried. */
  async send(p: CallbackPayload, ctx: SendContext): Promise<SendOutcome> {
    const client = await this.clients.byId(p.clientId);
    if (!client || client.revokedAt !== null || !client.callbackUrl) return { skipped: 'the client is revoked or no longer subscribes' };
    const body = await this.body(client, p);
    if (!body) return { skipped: 'the event or its change is gone' };
    const raw = JSON.stringify(body);
    const ts = String(Math.floor(Date.now() / 1000));
    let res: Response;
    try {
      res = await fetch(client.callbackUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-weigrid-source': 'weigrid', 'x-weigrid-timestamp': ts, 'x-weigrid-signature': signWebhook(client.secret, ts, raw), 'x-weigrid-delivery': body.delivery },
        body: raw,
        signal: ctx.signal,
      });
    } catch (e) {
      throw new Error(`callback to ${client.name} failed: ${(e as Error).message}`);
    }
    await res.arrayBuffer().catch(() => undefined);
    if (res.ok) return;
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new PermanentSendError(`callback to ${client.name} refused: HTTP ${res.status}`);
    throw new Error(`callback to ${client.name}: HTTP ${res.status}`);
  }

  private async body(client: ApiClient, p: CallbackPayload): Promise<CallbackBody | null> {
    const [audit, [e], links] = await Promise.all([this.reads.auditById(p.auditId), this.reads.byIds([p.eventId]), this.repo.byEventIds([p.eventId])]);
    if (!audit || !e) return null;
    const link = links.get(e.id);
    const own = link?.clientId === client.id;
    // Cases a subscriber follows by node but did not file: only while the public may see them.
    if (!own && !e.publiclyVisible) return null;
    const status = open311Status(e.state);
    let outcome: CallbackBody['outcome'] = null;
    if (status === 'closed') {
      const o = (await this.reads.outcomes([e.id])).get(e.id);
      if (o) outcome = { action: o.action, note: own ? o.note : null, photos: own ? o.photos.map((id) => mediaUrl(this.config, this.grants, id, client.id)) : [] };
    }
    const owner = this.routing.pathOf(e.ownerNodeId);
    const agency = e.departmentId !== null ? ((await this.accounts.departmentNames([e.departmentId])).get(e.departmentId) ?? null) : (owner[owner.length - 1]?.name ?? null);
    const due = own && link?.dueAt ? link.dueAt : e.deadlineAt;
    return {
      delivery: `${client.id}-${audit.id}`,
      sequence: audit.id,
      service_request_id: String(e.id),
      external_id: own ? link!.externalId : null,
      change: { action: audit.action, from: audit.fromState, to: audit.toState, at: w3cDate(audit.at), note: own ? audit.note : null },
      status,
      state: e.state,
      state_label: EVENT_STATE_LABEL[e.state],
      agency_responsible: agency,
      updated_datetime: w3cDate(e.updatedAt),
      expected_datetime: due && status === 'open' ? w3cDate(due) : null,
      outcome,
    };
  }
}
