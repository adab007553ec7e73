import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './options.js';
/** Opens the database, applies pending migrations, closes. Throws if the database is unreachable. */
export async function runMigrations(url) {
    const ds = new DataSource({ ...buildDataSourceOptions(url, 2), logging: false });
    await ds.initialize();
    try {
        const done = await ds.runMigrations({ transaction: 'each' });
        return done.map((m) => m.name);
    }
    finally {
        await ds.destroy();
    }
}
//# sourceMappingURL=migrate.js.map