import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { Answers, Question } from '@weigrid/shared';
import type { Campaign, CampaignAnswer } from './campaign.entity.js';

/**
 * Files a campaign answer that asks for help as an event for the household's micro-grid (through
 * the events module's intake, so it is routed, deadlined and pushed like any report). Bound in
 * CampaignsModule to CampaignHelpFiler (help-event-filer.ts); returns the event id.
 */
export abstract class HelpEventFiler {
  /** Files the help request; `answer.eventId`, when set, is an earlier help event that was closed. */
  abstract file(actor: Actor, campaign: Campaign, answer: CampaignAnswer, questions: Question[], answers: Answers): Promise<number | null>;
  /**
   * Whether a help request's event is still open. A help request is closed only by closing (or
   * rejecting) its event — an event action with its audit row — never by a later answer that
   * simply says no help is needed. Runs on the caller's transaction.
   */
  abstract isOpen(m: EntityManager, eventId: number): Promise<boolean>;
}

/** The event text: which questions asked for help, with the household's own words. */
export function helpDescription(campaign: Campaign, answer: CampaignAnswer, questions: Question[], answers: Answers): string {
  const lines = [`【${campaign.title}】${answer.address} 需要帮助`];
  for (const q of questions) {
    const v = answers[q.id];
    if (v === undefined) continue;
    const hit = q.helpIf && (Array.isArray(v) ? v.some((x) => q.helpIf!.includes(String(x))) : q.helpIf.includes(String(v)));
    if (hit || (q.type === 'text' && typeof v === 'string' && v.trim())) lines.push(`${q.label}：${Array.isArray(v) ? v.join('、') : String(v)}`);
  }
  return lines.join('\n').slice(0, 1000);
}
