import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HouseholdVisits, type HouseholdVisit } from '../register/household-visits.js';
import { CareVisit } from './entities.js';
import { GenerateSql } from '../db/generate-sql.js';

/** care_visit reads other modules need (the register's household file). */
@Injectable()
export class CareVisitsRepo implements HouseholdVisits {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  @GenerateSql({ params: [1, 20] })
  ofHousehold(householdId: number, limit: number): Promise<HouseholdVisit[]> {
    return this.ds.getRepository(CareVisit).find({ where: { householdId }, order: { visitedAt: 'DESC' }, take: limit });
  }
}
