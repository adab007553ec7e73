import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Answers, Question } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { EventsRepo } from '../events/events.repo.js';
import { EventsService } from '../events/events.service.js';
import type { Campaign, CampaignAnswer } from './campaign.entity.js';
import { HelpEventFiler, helpDescription } from './help-events.js';

/** Campaign answers that ask for help become events of the household's micro-grid, once per answer. */
@Injectable()
export class CampaignHelpFiler extends HelpEventFiler {
  constructor(
    private readonly events: EventsService,
    private readonly eventRows: EventsRepo,
  ) {
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
    const state = await this.eventRows.stateOf(eventId, m);
    return state !== null && state !== 'closed' && state !== 'rejected';
  }
}
