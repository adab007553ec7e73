/** True when an error means "the database cannot be reached", which is a 503, not a 500. */
const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'POOL_CLOSED',
  'SQLITE_BUSY',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
]);

export function isDbUnavailable(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    const c = cur as { code?: unknown; errno?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof c.code === 'string' && UNAVAILABLE.has(c.code)) return true;
    if (typeof c.message === 'string' && /connect ECONNREFUSED|Connection lost|Pool is closed|closed state|Can't add new command when connection is in closed state/.test(c.message)) return true;
    cur = c.driverError ?? c.cause;
  }
  return false;
}

/** True when an insert/update hit a unique index (MySQL ER_DUP_ENTRY, SQLite UNIQUE constraint). */
export function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    const c = cur as { code?: unknown; errno?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (c.code === 'ER_DUP_ENTRY' || c.errno === 1062 || c.code === 'SQLITE_CONSTRAINT_UNIQUE' || c.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
    if (typeof c.message === 'string' && /UNIQUE constraint failed|Duplicate entry/.test(c.message)) return true;
    cur = c.driverError ?? c.cause;
  }
  return false;
}

/**
 * True when the database rolled the statement's transaction back to break a lock cycle (InnoDB
 * deadlock): nothing was written and the same work may simply be tried again.
 */
export function isDeadlock(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    const c = cur as { code?: unknown; errno?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (c.code === 'ER_LOCK_DEADLOCK' || c.errno === 1213) return true;
    if (typeof c.message === 'string' && /Deadlock found when trying to get lock/.test(c.message)) return true;
    cur = c.driverError ?? c.cause;
  }
  return false;
}
