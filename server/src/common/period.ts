import { isIsoDate } from '@weigrid/shared';
import { AppError } from './app-error.js';
import { daysBetween } from './local-day.js';

/**
 * A period of local days [from, to], both inclusive, checked the same way everywhere (ledgers,
 * coverage, dashboards): real calendar dates, from ≤ to (else 422 VALIDATION_FAILED naming `to`),
 * at most `maxDays` long (else 422 PERIOD_TOO_LONG with the limit). Returns the length in days.
 */
export function checkPeriod(from: string, to: string, maxDays: number): number {
  const fields: Record<string, string> = {};
  if (!isIsoDate(from)) fields.from = 'not a calendar date';
  if (!isIsoDate(to)) fields.to = 'not a calendar date';
  if (!fields.from && !fields.to && to < from) fields.to = `to (${to}) is before from (${from})`;
  if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', `invalid period: ${Object.values(fields).join('; ')}`, { fields });
  const days = daysBetween(from, to) + 1;
  if (days > maxDays) throw new AppError('PERIOD_TOO_LONG', `the period is ${days} days; at most ${maxDays}`, { days, maxDays });
  return days;
}
