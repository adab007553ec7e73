import { DataSource, type DataSourceOptions } from 'typeorm';
import { buildDataSourceOptions } from './options.js';
import { serializeSqlite } from './sqlite-serialize.js';
import { guardTransactions, txGuardEnabled } from './tx-guard.js';
import { limitPoolWait } from './pool.js';
import { retryTransactions } from './tx-retry.js';
import { isDbUnavailable } from './errors.js';

/**
 * The one way to make a DataSource (app, CLIs, tests, benches): on SQLite it comes with the
 * connection lock of sqlite-serialize.ts, so concurrent transactions queue instead of colliding;
 * on MariaDB/MySQL, transactions refused as deadlock victims (a Galera certification conflict is
 * one) are run again (tx-retry.ts); outside production, with the transaction guard of tx-guard.ts.
 */
export function createDataSource(url: string, poolSize = 10, overrides: Partial<DataSourceOptions> = {}): DataSource {
  return fromOptions({ ...buildDataSourceOptions(url, poolSize), ...overrides } as DataSourceOptions);
}

/** How long a caller waits for a pooled MariaDB/MySQL connection before a 503 (DB_ACQUIRE_TIMEOUT_MS). */
export const DEFAULT_ACQUIRE_TIMEOUT_MS = 5000;

/** For callers that already hold options (Nest's TypeOrmModule `dataSourceFactory`, the migration generator). */
export function fromOptions(options: DataSourceOptions, acquireTimeoutMs = DEFAULT_ACQUIRE_TIMEOUT_MS): DataSource {
  const ds = failoverOnInit(limitPoolWait(serializeSqlite(allowBinaryOnSqlite(new DataSource(options))), acquireTimeoutMs));
  // The guard wraps each try (a retried body is watched again); the retry wraps the guard.
  return retryTransactions(txGuardEnabled() ? guardTransactions(ds) : ds);
}

/**
 * Keyed hashes are `binary(16)` columns: on MariaDB half the index of 32 hex characters. TypeORM's
 * SQLite driver does not list `binary`, although SQLite takes any type name (the column gets
 * NUMERIC affinity, which stores a Buffer as a BLOB unchanged) and better-sqlite3 binds and
 * returns Buffers; declaring it lets one entity serve both drivers.
 */
function allowBinaryOnSqlite(ds: DataSource): DataSource {
  if (ds.options.type !== 'better-sqlite3') return ds;
  const d = ds.driver as unknown as { supportedDataTypes: string[]; withLengthColumnTypes: string[] };
  if (!d.supportedDataTypes.includes('binary')) d.supportedDataTypes.push('binary');
  if (!d.withLengthColumnTypes.includes('binary')) d.withLengthColumnTypes.push('binary');
  return ds;
}

/**
 * With several cluster nodes in DB_URL (options.ts: failoverStream), a refused first connection has
 * already moved the pool to the next node: initialising again, once per node, reaches a live one.
 */
function failoverOnInit(ds: DataSource): DataSource {
  const nodes = (ds.options as { extra?: { stream?: { nodes?: number } } }).extra?.stream?.nodes ?? 0;
  if (nodes < 2) return ds;
  const initialize = ds.initialize.bind(ds);
  ds.initialize = async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await initialize();
      } catch (e) {
        if (!isDbUnavailable(e) || attempt >= nodes) throw e;
      }
    }
  };
  return ds;
}
