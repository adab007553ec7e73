import type { MatrixRow } from './matrix.js';
import { accountsRows } from './accounts.rows.js';
import { eventsRows } from './events.rows.js';
import { gridsRows } from './grids.rows.js';
import { registerRows } from './register.rows.js';
import { patrolsRows } from './patrols.rows.js';
import { statsRows } from './stats.rows.js';
import { noticeCampaignReadRows, noticesCampaignsRows } from './notices-campaigns.rows.js';
import { careVolunteersRows } from './care-volunteers.rows.js';
import { rulesRows } from './rules.rows.js';
import { socialRows } from './social.rows.js';
import { uploadsRows } from './uploads.rows.js';
import { open311Rows } from './open311.rows.js';

/** Every row of the access matrix; each domain adds its file here. */
export const MATRIX_ROWS: MatrixRow[] = [
  ...accountsRows,
  ...gridsRows,
  ...eventsRows,
  ...registerRows,
  ...patrolsRows,
  ...statsRows,
  ...noticesCampaignsRows,
  ...noticeCampaignReadRows,
  ...careVolunteersRows,
  ...rulesRows,
  ...socialRows,
  ...uploadsRows,
  ...open311Rows,
];
