/**
 * Delay before retry number `attempt + 1`, after `attempt` failed tries: base·2^(attempt-1),
 * capped, with ±20 % jitter so that messages failing together (WeChat briefly down) do not all
 * come back in the same instant.
 */
export function backoffMs(attempt, baseMs, maxMs, random = Math.random) {
    const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
    const jitter = 0.8 + 0.4 * random();
    return Math.round(Math.min(maxMs, exp * jitter));
}
//# sourceMappingURL=backoff.js.map