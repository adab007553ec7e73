import { Category } from '../catalog/category.entity.js';
import { GridNode } from '../grids/grid-node.entity.js';
import { OutboxMessage } from '../outbox/outbox.entity.js';
import { Upload } from '../uploads/upload.entity.js';

/** Every entity, in one list used by the app, the migration generator and the drift test. */
export const ENTITIES: Function[] = [Category, GridNode, OutboxMessage, Upload];
