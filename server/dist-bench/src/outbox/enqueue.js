import { OutboxMessage } from './outbox.entity.js';
/** Writes outbox rows with the caller's transaction manager: call it inside the same transaction. */
export async function enqueueOutbox(manager, items) {
    if (items.length === 0)
        return;
    const now = new Date();
    // Whole seconds: MySQL DATETIME rounds fractions to the nearest second, which could push a
    // "send now" row up to half a second into the future and delay the push by a poll or two.
    const dueNow = new Date(Math.floor(now.getTime() / 1000) * 1000);
    await manager.insert(OutboxMessage, items.map((i) => ({ kind: i.kind, payload: JSON.stringify(i.payload), status: 'pending', attempts: 0, dueAt: i.dueAt ?? dueNow, createdAt: now })));
}
//# sourceMappingURL=enqueue.js.map