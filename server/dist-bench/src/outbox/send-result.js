/**
 * How a sender tells the worker what happened. Returning normally means "sent". Throwing any
 * other error means "transient, retry with backoff" (network, timeouts, 5xx, WeChat system busy).
 */
/** The message can never be delivered as it is (bad openid, bad template data): dead-letter it now. */
export class PermanentSendError extends Error {
    permanent = true;
}
export function isSkipped(o) {
    return typeof o === 'object' && o !== null && typeof o.skipped === 'string';
}
//# sourceMappingURL=send-result.js.map