import { DataSource, type DataSourceOptions } from 'typeorm';
import { buildDataSourceOptions } from './options.js';
import { serializeSqlite } from './sqlite-serialize.js';

/**
 * The one way to make a DataSource (app, CLIs, tests, benches): on SQLite it comes with the
 * connection lock of sqlite-serialize.ts, so concurrent transactions queue instead of colliding.
 */
export function createDataSource(url: string, poolSize = 10, overrides: Partial<DataSourceOptions> = {}): DataSource {
  return fromOptions({ ...buildDataSourceOptions(url, poolSize), ...overrides } as DataSourceOptions);
}

/** For callers that already hold options (Nest's TypeOrmModule `dataSourceFactory`). */
export function fromOptions(options: DataSourceOptions): DataSource {
  return serializeSqlite(new DataSource(options));
}
