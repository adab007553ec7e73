import type { EntityManager } from 'typeorm';
import { insertRows } from '../db/insert-rows.js';
import { OutboxMessage } from './outbox.entity.js';

export interface OutboxItem {
  kind: string;
  payload: Record<string, unknown>;
  /** Send no earlier than this (e.g. "remind the grid worker if unclaimed in 30 min"). */
  dueAt?: Date;
}

/** Writes outbox rows with the caller's transaction manager: call it inside the same transaction. */
export async function enqueueOutbox(manager: EntityManager, items: OutboxItem[]): Promise<void> {
  if (items.length === 0) return;
  const now = new Date();
  // Whole seconds: MySQL DATETIME rounds fractions to the nearest second, which could push a
  // "send now" row up to half a second into the future and delay the push by a poll or two.
  const dueNow = new Date(Math.floor(now.getTime() / 1000) * 1000);
  // insertRows: one statement without the query builder's per-value cost (outbox rows ride on hot paths).
  await insertRows(
    manager,
    OutboxMessage,
    items.map((i) => ({ kind: i.kind, payload: JSON.stringify(i.payload), status: 'pending' as const, attempts: 0, dueAt: i.dueAt ?? dueNow, createdAt: now })),
  );
}
