import { Init1795759416251 } from './1795759416251-Init.js';
import { Outbox1795759928283 } from './1795759928283-Outbox.js';
import { Accounts1795760184174 } from './1795760184174-Accounts.js';
import { Uploads1795760311478 } from './1795760311478-Uploads.js';
import { GridVersion1795760324710 } from './1795760324710-GridVersion.js';
import { Register1795760462798 } from './1795760462798-Register.js';
import { Campaigns1795761731713 } from './1795761731713-Campaigns.js';
import { NotifyNoticesShare1795762341880 } from './1795762341880-NotifyNoticesShare.js';
import { Events1795770063799 } from './1795770063799-Events.js';
import { Patrols1795770146362 } from './1795770146362-Patrols.js';
import { Stats1795772686292 } from './1795772686292-Stats.js';
import { RegisterUniqueIdHash1795775354404 } from './1795775354404-RegisterUniqueIdHash.js';
import { ClusterEventFact1795780347108 } from './1795780347108-ClusterEventFact.js';
import { RegisterCompactIndexes1795780549380 } from './1795780549380-RegisterCompactIndexes.js';
import { RateWindow1795783599602 } from './1795783599602-RateWindow.js';
import { PatrolRollup1795791633250 } from './1795791633250-PatrolRollup.js';
import { CampaignAnswerCoveringIndex1795795652276 } from './1795795652276-CampaignAnswerCoveringIndex.js';

export const sqliteMigrations: Function[] = [Init1795759416251, Outbox1795759928283, Accounts1795760184174, Uploads1795760311478, GridVersion1795760324710, Register1795760462798, Campaigns1795761731713, NotifyNoticesShare1795762341880, Events1795770063799, Patrols1795770146362, Stats1795772686292, RegisterUniqueIdHash1795775354404, ClusterEventFact1795780347108, RegisterCompactIndexes1795780549380, RateWindow1795783599602, PatrolRollup1795791633250, CampaignAnswerCoveringIndex1795795652276];
