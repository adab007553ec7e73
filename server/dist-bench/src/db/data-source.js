import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './options.js';
/** For ad-hoc tooling (`typeorm -d dist/db/data-source.js …`); the app builds its own. */
export default new DataSource(buildDataSourceOptions(process.env.DB_URL ?? 'sqlite:./.data/weigrid.sqlite'));
//# sourceMappingURL=data-source.js.map