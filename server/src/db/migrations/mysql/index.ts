import { Init1795759416251 } from './1795759416251-Init.js';

export const mysqlMigrations: Function[] = [Init1795759416251];
