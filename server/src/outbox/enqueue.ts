import type { EntityManager } from 'typeorm';
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
  await manager.insert(
    OutboxMessage,
    items.map((i) => ({ kind: i.kind, payload: JSON.stringify(i.payload), status: 'pending' as const, attempts: 0, dueAt: i.dueAt ?? now, createdAt: now })),
  );
}
