import 'reflect-metadata';
import { createDataSource } from './create-data-source.js';

/** For ad-hoc tooling (`typeorm -d dist/db/data-source.js …`); the app builds its own. */
export default createDataSource(process.env.DB_URL ?? 'sqlite:./.data/weigrid.sqlite');
