import type { MatrixRow } from './matrix.js';
import { accountsRows } from './accounts.rows.js';
import { campaignRows } from './campaigns.rows.js';

/** Every row of the access matrix; each domain adds its file here. */
export const MATRIX_ROWS: MatrixRow[] = [...accountsRows, ...campaignRows];
