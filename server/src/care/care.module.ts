import { Global, Module } from '@nestjs/common';
import { HouseholdVisits } from '../register/household-visits.js';
import { CareVisitsRepo } from './care-visits.repo.js';
import { CareRepo } from './care.repo.js';
import { UploadOwners } from '../uploads/upload-owners.repo.js';
import { RegisterModule } from '../register/register.module.js';
import { CareController } from './care.controller.js';
import { CareService } from './care.service.js';

/** Global only to hand the register its HouseholdVisits reader (register cannot import care). */
@Global()
@Module({
  imports: [RegisterModule],
  controllers: [CareController],
  providers: [CareService, CareRepo, UploadOwners, CareVisitsRepo, { provide: HouseholdVisits, useExisting: CareVisitsRepo }],
  exports: [CareService, HouseholdVisits],
})
export class CareModule {}
