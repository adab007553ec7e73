import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/config.js';
import { SenderRegistry } from '../outbox/sender-registry.js';
import { PermanentSendError, type SendOutcome } from '../outbox/send-result.js';
import { WechatClient } from '../wechat/wechat.client.js';
import { WechatError } from '../wechat/wechat-errors.js';
import { NotifyService, SUBSCRIBE_SEND, type SubscribePush } from './notify.service.js';
import { buildTemplateData } from './templates.js';
import { GridTree } from '../grids/grid-tree.repo.js';
import { NoticeReads } from './notice-reads.js';

/**
 * Delivers 'subscribe.send' rows: one WeChat subscribe message to one person, whose credit was
 * reserved when the row was queued. 43101 (WeChat says no credit) ends the row as skipped and
 * zeroes our count; a refusal for bad data or openid dead-letters it and gives the credit back;
 * timeouts, system-busy and rate limits are retried by the worker with the credit still reserved.
 */
@Injectable()
export class SubscribeSender implements OnModuleInit {
  private readonly log = new Logger('SubscribeSender');
  private readonly notices = new Map<number, { at: number; values: Record<string, string> }>();

  constructor(
    private readonly registry: SenderRegistry,
    private readonly notify: NotifyService,
    private readonly wechat: WechatClient,
    private readonly config: AppConfig,
    private readonly noticeReads: NoticeReads,
    private readonly tree: GridTree,
  ) {}

  onModuleInit(): void {
    this.registry.register(SUBSCRIBE_SEND, (p) => this.send(p as SubscribePush));
  }

  async send(p: SubscribePush): Promise<SendOutcome> {
    const t = this.notify.templates[p.template];
    if (!t) throw new PermanentSendError(`unknown subscribe template ${String(p.template)}`);
    const values = p.values ?? (p.noticeId ? await this.noticeValues(p.noticeId) : {});
    try {
      await this.wechat.sendSubscribe({ touser: p.openid, templateId: t.id, page: p.page, data: buildTemplateData(t, values), miniprogramState: this.config.WECHAT_MINIPROGRAM_STATE });
    } catch (e) {
      if (!(e instanceof WechatError)) throw e;
      if (e.kind === 'no_credit') {
        await this.notify.clearCredits(p.userId, p.template);
        return { skipped: `errcode 43101: ${p.template} credit already used up at WeChat` };
      }
      if (e.kind === 'bad_openid' || e.kind === 'bad_request' || e.kind === 'user_blocked') {
        await this.notify.refundCredit(p.userId, p.template);
        this.log.warn(`subscribe ${p.template} to user ${p.userId} refused: ${e.message}`);
        throw new PermanentSendError(e.message);
      }
      throw e;
    }
  }

  /** Notice pushes carry only the id; the text is read once per notice (cached for a minute). */
  private async noticeValues(id: number): Promise<Record<string, string>> {
    const hit = this.notices.get(id);
    if (hit && Date.now() - hit.at < 60_000) return hit.values;
    const n = await this.noticeReads.pushText(id);
    const node = n ? await this.tree.refById(n.nodeId) : null;
    if (!n || !node) throw new PermanentSendError(`notice ${id} no longer exists`);
    const values = { title: n.title, sender: node.name, time: n.createdAt.toISOString(), deadline: n.ackDeadline ? n.ackDeadline.toISOString() : '' };
    if (this.notices.size > 1000) this.notices.clear();
    this.notices.set(id, { at: Date.now(), values });
    return values;
  }
}

