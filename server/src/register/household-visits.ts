/** A care visit as the household file shows it. */
export interface HouseholdVisit {
  id: number;
  personId: number;
  householdId: number;
  scheduleId: number | null;
  visitorUserId: number;
  visitedAt: Date;
  notes: string;
  /** JSON array of upload keys. */
  photos: string;
  eventId: number | null;
}

/**
 * The household file (一户一档) lists care visits, which the care module owns. Care binds this
 * (`{ provide: HouseholdVisits, useExisting: CareVisitsRepo }`), so register does not import care,
 * which imports register (issue 17, register ↔ care cycle).
 */
export abstract class HouseholdVisits {
  /** The household's visits, newest first, at most `limit`. */
  abstract ofHousehold(householdId: number, limit: number): Promise<HouseholdVisit[]>;
}
