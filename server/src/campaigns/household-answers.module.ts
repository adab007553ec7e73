import { Global, Module } from '@nestjs/common';
import { HouseholdCampaignAnswers } from '../register/household-file-ports.js';
import { HouseholdAnswersRepo } from './household-answers.repo.js';

/** Global only to hand the register its HouseholdCampaignAnswers reader (register cannot import campaigns). */
@Global()
@Module({
  providers: [HouseholdAnswersRepo, { provide: HouseholdCampaignAnswers, useExisting: HouseholdAnswersRepo }],
  exports: [HouseholdCampaignAnswers],
})
export class HouseholdAnswersModule {}
