import type { ErrorCode } from './errors.js';
import type { StaleVersionDetails } from './dto/events.js';
import type { OutsideGridDetails } from './dto/patrol.js';
import type { ImportRowError } from './dto/register.js';

/** `details` naming the fields a request got wrong (a 422 from validation, a duplicate key). */
export interface FieldErrorDetails {
  /** Field path (`answers.q1`, `location.lat`) → what is wrong with it, in English. */
  fields: Record<string, string>;
}

/**
 * The `details` the server sends with each code that carries them, so clients read them typed
 * (`ApiError.is('OUTSIDE_GRID')` in the mini-program). A code not listed here carries none a
 * client should rely on.
 */
export interface ErrorDetailsByCode {
  VALIDATION_FAILED: FieldErrorDetails;
  DUPLICATE: FieldErrorDetails;
  STALE_VERSION: StaleVersionDetails;
  OUTSIDE_GRID: OutsideGridDetails;
  IMPORT_INVALID: { errors: ImportRowError[] };
}

export type ErrorDetails<C extends ErrorCode> = C extends keyof ErrorDetailsByCode ? ErrorDetailsByCode[C] : unknown;
