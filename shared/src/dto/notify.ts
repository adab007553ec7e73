/** Reaching people: in-app inbox, subscribe-message credits, notices (指令直达), group binding. */
import type { GridLevel } from '../grid-code.js';
import type { Role } from '../roles.js';

/** The logical subscribe-message templates; each maps to a WeChat template id in server config. */
export const SUBSCRIBE_TEMPLATE_KEYS = ['task_new', 'event_progress', 'event_overdue', 'notice'] as const;
export type SubscribeTemplateKey = (typeof SUBSCRIBE_TEMPLATE_KEYS)[number];

export type NotificationKind = 'task_new' | 'task_verify' | 'task_unclaimed' | 'event_progress' | 'event_overdue' | 'event_due_soon' | 'event_ack' | 'event_followup' | 'notice' | 'register_claim';

export interface NotificationDto {
  id: number;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Mini-program page to open, ids only, e.g. 'pages/event/index?id=12'. */
  page: string;
  refType: 'event' | 'notice' | null;
  refId: number | null;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPageDto {
  items: NotificationDto[];
  nextCursor: string | null;
  /** Unread in-app notifications (notices to read are in `unreadNotices`). */
  unread: number;
}

export interface UnreadCountDto {
  /** Unread notifications. */
  unread: number;
  /** Notices (指令) addressed to me that I have not read yet. */
  unreadNotices: number;
}

export interface SubscribeTemplateDto {
  key: SubscribeTemplateKey;
  /** Pass these to `wx.requestSubscribeMessage({ tmplIds })`. */
  templateId: string;
  title: string;
  /** Send credits I hold for this template (one per accepted request). */
  credits: number;
}

/** What `wx.requestSubscribeMessage` answered: template id → accept | reject | ban | filter. */
export interface SubscriptionReportRequest {
  results: Record<string, 'accept' | 'reject' | 'ban' | 'filter'>;
}

// ---- notices (指令直达) ----

export interface CreateNoticeRequest {
  /** Root of the subtree that receives it (must be inside the sender's scope). */
  nodeCode: string;
  /** Only holders of these roles; default: every staff role (not residents). */
  roles?: Role[];
  title: string;
  body: string;
  /** Upload ids (from POST /uploads) of the sender's own files. */
  attachments?: string[];
  /** When set, recipients must acknowledge (确认收到) by then. */
  ackDeadline?: string;
}

export interface NoticeDto {
  id: number;
  title: string;
  body: string;
  attachments: { id: string; url: string }[];
  node: { code: string; name: string; level: GridLevel };
  roles: Role[] | null;
  senderName: string | null;
  ackRequired: boolean;
  ackDeadline: string | null;
  recipients: number;
  createdAt: string;
  /** For a recipient: when I read / acknowledged it. */
  readAt?: string | null;
  ackedAt?: string | null;
}

export interface NoticeStatsDto {
  noticeId: number;
  recipients: number;
  read: number;
  acked: number;
  /** One row per child of the target node (recipients held at the target itself are under `self`). */
  byChild: { code: string; name: string; level: GridLevel | null; recipients: number; read: number; acked: number; readRate: number }[];
}

export interface NoticeRecipientDto {
  userId: number;
  name: string | null;
  nodeCode: string;
  nodeName: string;
  readAt: string | null;
  ackedAt: string | null;
}

// ---- share / group binding ----

export interface GroupInfoRequest {
  /** A fresh `wx.login()` code, so the server decrypts with the current session key. */
  code: string;
  encryptedData: string;
  iv: string;
}

export interface BindGroupRequest extends GroupInfoRequest {
  /** The micro-grid this group chat belongs to. */
  nodeCode: string;
}

export interface GroupBindingDto {
  node: { code: string; name: string; level: GridLevel } | null;
  boundAt: string | null;
}

/** One person a resident may call about their micro-grid (网格员公示: name and work phone). */
export interface GridContactDto {
  /** Display name; null when they have not set one (the page says their role). */
  name: string | null;
  role: 'grid_worker';
  /** The WeChat-verified number, for the call button; null when none is verified. */
  phone: string | null;
}

/** GET /grids/:code/contacts — a micro-grid's grid worker(s), for the resident's home page. */
export interface GridContactsDto {
  node: { code: string; name: string; level: GridLevel };
  /** The grid workers of the nearest level above it that has any (normally its grid's 专职网格员). */
  contacts: GridContactDto[];
  /** Whether a WeChat group chat is bound to this micro-grid. */
  groupBound: boolean;
}
