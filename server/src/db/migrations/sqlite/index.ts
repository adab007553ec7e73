import { Init1795759416251 } from './1795759416251-Init.js';
import { Outbox1795759928283 } from './1795759928283-Outbox.js';

export const sqliteMigrations: Function[] = [Init1795759416251, Outbox1795759928283];
