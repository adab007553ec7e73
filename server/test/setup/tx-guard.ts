import { txGuardViolations } from '../../src/db/tx-guard.js';

/**
 * Fails a test file in which any flow queried outside the transaction it held (src/db/tx-guard.ts),
 * even when the caller swallowed the error — an outbox sender's failure is only logged and retried.
 * Specs that provoke the guard on purpose empty the list themselves.
 */
afterAll(() => {
  const found = txGuardViolations.splice(0);
  if (found.length) throw new Error(`${found.length} quer${found.length === 1 ? 'y' : 'ies'} asked for a second connection inside a transaction:\n\n${found.join('\n\n')}`);
});
