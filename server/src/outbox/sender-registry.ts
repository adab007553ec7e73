import { Injectable } from '@nestjs/common';
import type { OutboxBatchSender, OutboxSender } from './send-result.js';

/**
 * Which function delivers which outbox `kind`. Modules register their senders at init
 * (e.g. notify registers 'subscribe.send'); the worker only claims kinds that have a sender, so a
 * row written by a newer release waits for a worker that understands it instead of dying.
 */
@Injectable()
export class SenderRegistry {
  private readonly senders = new Map<string, OutboxSender>();
  private readonly batchSenders = new Map<string, OutboxBatchSender>();

  /** `batch`, if given, delivers several claimed rows of the kind at once; `sender` stays the fallback. */
  register(kind: string, sender: OutboxSender, batch?: OutboxBatchSender): void {
    if (!/^[a-z][a-z0-9_.-]{0,63}$/.test(kind)) throw new Error(`invalid outbox kind ${JSON.stringify(kind)}`);
    if (this.senders.has(kind)) throw new Error(`outbox kind ${kind} already has a sender`);
    this.senders.set(kind, sender);
    if (batch) this.batchSenders.set(kind, batch);
  }

  get(kind: string): OutboxSender | undefined {
    return this.senders.get(kind);
  }

  batch(kind: string): OutboxBatchSender | undefined {
    return this.batchSenders.get(kind);
  }

  kinds(): string[] {
    return [...this.senders.keys()].sort();
  }
}
