import { Injectable } from '@nestjs/common';
import { COLLECTOR_PARTIES, type ActionFacts, type EventPriority, type WorkflowParty } from '@weigrid/shared';
import { AppConfig } from '../config/config.js';
import type { EventRow } from './event.entity.js';

const DAY_MS = 86_400_000;

/** The register's PII cipher (same key, own field names) for 代报 callers' names and phones. */
export const EVENT_PII = 'EVENT_PII';

/** 核查 policy of a category: whether 结案 waits for a passed check, and who may check. */
export interface CheckPolicy {
  required: boolean;
  checkers: readonly WorkflowParty[];
}

/**
 * The case desk's rules that depend on configuration rather than on the workflow table: the 核查
 * policy per category, the reopen window, urgency and the 临期预警 time. Read from AppConfig
 * (EVENT_CHECK_REQUIRED, EVENT_CHECK_BY, EVENT_REOPEN_DAYS, EVENT_URGENT_FACTOR, EVENT_WARN_AT)
 * until per-node configuration exists; everything that asks goes through here, so that change
 * is one file.
 */
@Injectable()
export class CasePolicy {
  private readonly required: Set<string> | '*';
  private readonly checkers: readonly WorkflowParty[];

  constructor(private readonly config: AppConfig) {
    const req = config.EVENT_CHECK_REQUIRED.trim();
    this.required = req === '*' ? '*' : new Set(req.split(',').filter(Boolean));
    const by = config.EVENT_CHECK_BY.split(',');
    this.checkers = [...(by.includes('reporter') ? (['reporter'] as const) : []), ...(by.includes('collector') ? COLLECTOR_PARTIES : [])];
  }

  check(category: string): CheckPolicy {
    return { required: this.required === '*' || this.required.has(category), checkers: this.checkers };
  }

  /** What opens or closes actions on this event beyond its state (shared `availableActions`). */
  facts(e: Pick<EventRow, 'category' | 'rating' | 'checkResult' | 'closedAt' | 'followupAt' | 'mergedInto'>, now = new Date()): ActionFacts {
    const p = this.check(e.category);
    return {
      rated: e.rating !== null,
      checkPending: p.required && e.checkResult !== 'passed',
      checked: e.checkResult === 'passed',
      checkers: p.checkers,
      reopenable: e.closedAt !== null && this.config.EVENT_REOPEN_DAYS > 0 && now.getTime() - e.closedAt.getTime() <= this.config.EVENT_REOPEN_DAYS * DAY_MS,
      followedUp: e.followupAt !== null,
      merged: e.mergedInto !== null,
    };
  }

  /** The share of each stage's time an event of this priority gets. */
  factor(priority: EventPriority): number {
    return priority === 'urgent' ? this.config.EVENT_URGENT_FACTOR : 1;
  }

  /** 临期预警: when the warning for a deadline set at `from` is due (null without a deadline). */
  warnAt(from: Date, deadline: Date | null): Date | null {
    if (!deadline) return null;
    const span = deadline.getTime() - from.getTime();
    return span > 0 ? new Date(from.getTime() + span * this.config.EVENT_WARN_AT) : null;
  }

  /** When to ask the reporter whether it is really fixed (null: no follow-up configured). */
  followupDue(closedAt: Date): Date | null {
    return this.config.EVENT_FOLLOWUP_DAYS > 0 ? new Date(closedAt.getTime() + this.config.EVENT_FOLLOWUP_DAYS * DAY_MS) : null;
  }
}
