/** What a notice push shows (title, sender node, times). */
export interface NoticePushText {
  title: string;
  nodeId: number;
  createdAt: Date;
  ackDeadline: Date | null;
}

/**
 * The notice reads notify needs (`notice` and `notice_recipient` belong to the notices module,
 * which imports notify — so notify declares what it needs and notices binds it:
 * `{ provide: NoticeReads, useExisting: NoticesRepo }`).
 */
export abstract class NoticeReads {
  /** Notices the user has received and not read. */
  abstract unreadCount(userId: number): Promise<number>;
  /** The text of a notice push, or null when the notice is gone. */
  abstract pushText(noticeId: number): Promise<NoticePushText | null>;
}
