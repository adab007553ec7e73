import { Category } from '../catalog/category.entity.js';
import { GridNode } from '../grids/grid-node.entity.js';
import { GridTreeState } from '../grids/grid-tree-state.entity.js';
import { OutboxMessage } from '../outbox/outbox.entity.js';
import { Upload } from '../uploads/upload.entity.js';
import { User } from '../accounts/user.entity.js';
import { RoleGrantRow } from '../accounts/role-grant.entity.js';
import { Department, DepartmentCategory } from '../accounts/department.entity.js';
import { Invite } from '../accounts/invite.entity.js';
import { AuthSession } from '../auth/session.entity.js';
import { RateWindow } from '../auth/rate-window.entity.js';
import { WechatToken } from '../wechat/wechat-token.entity.js';
import { Campaign, CampaignAnswer, CampaignAnswerHistory, CampaignProgress } from '../campaigns/campaign.entity.js';
import { REGISTER_ENTITIES } from '../register/entities.js';
import { CARE_ENTITIES } from '../care/entities.js';
import { VOLUNTEER_ENTITIES } from '../volunteers/entities.js';

import { Notification } from '../notify/notification.entity.js';
import { SubscribeCredit } from '../notify/subscribe-credit.entity.js';
import { Notice, NoticeRecipient } from '../notices/notice.entity.js';
import { GroupBinding } from '../share/group-binding.entity.js';
import { EVENT_ENTITIES } from '../events/event.entity.js';
import { PatrolCheckin } from '../patrols/patrol-checkin.entity.js';
import { STATS_ENTITIES } from '../stats/stats.entities.js';
import { OPEN311_ENTITIES } from '../open311/entities.js';

/** Every entity, in one list used by the app, the migration generator and the drift test. */
export const ENTITIES: Function[] = [
  Category,
  GridNode,
  GridTreeState,
  OutboxMessage,
  User,
  RoleGrantRow,
  Department,
  DepartmentCategory,
  Invite,
  AuthSession,
  RateWindow,
  WechatToken,
  Upload,
  Notification,
  SubscribeCredit,
  Notice,
  NoticeRecipient,
  GroupBinding,
  Campaign,
  CampaignAnswer,
  CampaignAnswerHistory,
  CampaignProgress,
  ...REGISTER_ENTITIES,
  ...CARE_ENTITIES,
  ...VOLUNTEER_ENTITIES,
  ...EVENT_ENTITIES,
  PatrolCheckin,
  ...STATS_ENTITIES,
  ...OPEN311_ENTITIES,
];
