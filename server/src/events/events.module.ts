import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Answers, Question } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { HelpEventFiler, helpDescription } from '../campaigns/help-events.js';
import type { Campaign, CampaignAnswer } from '../campaigns/campaign.entity.js';
import { EventQueriesService } from './event-queries.service.js';
import { EventRulesController, EventsController, WebhooksController } from './events.controller.js';
import { EventsService } from './events.service.js';
import { OverdueService } from './overdue.service.js';
import { ResponsibilityService } from './responsibility.service.js';
import { SlaService } from './sla.service.js';
import { WebhookGuard, WebhooksService } from './webhooks.js';

/** Campaign answers that ask for help become events of the household's micro-grid, once per answer. */
@Injectable()
export class CampaignHelpFiler extends HelpEventFiler {
  constructor(private readonly events: EventsService) {
    super();
  }

  async file(actor: Actor, campaign: Campaign, answer: CampaignAnswer, questions: Question[], answers: Answers): Promise<number | null> {
    const code = answer.nodePath.split('/').filter(Boolean).pop();
    if (!code) return null;
    const r = await this.events.intake(actor, {
      // Once per answer; a household asking again after its help event was closed gets a new one.
      requestKey: `campaign${campaign.id}:${answer.id}${answer.eventId !== null ? `:after${answer.eventId}` : ''}`,
      source: 'resident',
      category: campaign.helpCategory,
      description: helpDescription(campaign, answer, questions, answers),
      gridCode: code,
      address: answer.address.slice(0, 200),
    });
    return r.id;
  }

  async isOpen(m: EntityManager, eventId: number): Promise<boolean> {
    const [e] = await m.query('SELECT state FROM event WHERE id = ?', [eventId]);
    return !!e && e.state !== 'closed' && e.state !== 'rejected';
  }
}

/** The event closed loop 发现—上报—处置—解决: intake, workflow, deadlines, 吹哨, machine intake. */
@Module({
  imports: [RoutingModule, UploadsModule, OutboxModule],
  controllers: [EventsController, EventRulesController, WebhooksController],
  providers: [EventsService, EventQueriesService, SlaService, OverdueService, ResponsibilityService, WebhooksService, WebhookGuard, { provide: HelpEventFiler, useClass: CampaignHelpFiler }],
  exports: [EventsService, EventQueriesService, SlaService, HelpEventFiler],
})
export class EventsModule {}
