import type { HouseholdFileDto } from '@weigrid/shared';

/**
 * The household file (一户一档) also lists the events its visits raised and the household's
 * campaign answers; events and campaigns own those tables and import register, so register
 * declares what it needs here and they bind it (events/event-summaries.module.ts,
 * campaigns/household-answers.module.ts), as care binds HouseholdVisits (issue 17).
 */
export abstract class HouseholdEvents {
  /** Events by id, in id order, titled by their description; unknown ids are left out. */
  abstract summaries(ids: readonly number[]): Promise<HouseholdFileDto['events']>;
}

export abstract class HouseholdCampaignAnswers {
  /** The household's campaign answers, newest first, at most `limit`. */
  abstract ofHousehold(householdId: number, limit: number): Promise<HouseholdFileDto['campaignAnswers']>;
}
