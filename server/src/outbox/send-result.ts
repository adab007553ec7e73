/**
 * How a sender tells the worker what happened. Returning normally means "sent". Throwing any
 * other error means "transient, retry with backoff" (network, timeouts, 5xx, WeChat system busy).
 */

/** The message can never be delivered as it is (bad openid, bad template data): dead-letter it now. */
export class PermanentSendError extends Error {
  readonly permanent = true;
}

/**
 * Nothing to send and nothing to retry — e.g. the user holds no subscribe credit (errcode 43101).
 * The row ends as 'skipped' with the reason, so admins can still see why nobody was pushed.
 */
export interface SkippedSend {
  skipped: string;
}

export type SendOutcome = void | SkippedSend;

export interface SendContext {
  /** The outbox row id: stable across retries, useful as an idempotency key where a receiver accepts one. */
  messageId: number;
  /** 1 on the first try. */
  attempt: number;
  /** Aborted when the send timeout elapses or the worker is stopping hard. */
  signal: AbortSignal;
}

export type OutboxSender = (payload: unknown, ctx: SendContext) => Promise<SendOutcome>;

export function isSkipped(o: SendOutcome): o is SkippedSend {
  return typeof o === 'object' && o !== null && typeof (o as SkippedSend).skipped === 'string';
}

/** One claimed row, for a batch sender. */
export interface BatchItem {
  payload: unknown;
  ctx: SendContext;
}

/**
 * Delivers several rows of one kind at once (one transaction for the lot instead of one per row).
 * Answers one outcome per item, in order. If it throws, the worker delivers the rows one at a
 * time through the kind's single sender, so one bad row never holds up the others.
 */
export type OutboxBatchSender = (items: BatchItem[], signal: AbortSignal) => Promise<SendOutcome[]>;
