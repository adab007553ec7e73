import { ERRORS, type ErrorCode } from '@weigrid/shared';

/** The one exception type services throw; the filter turns it into the error envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? ERRORS[code].zh);
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}

export const notFound = (what: string, details?: unknown) => new AppError('NOT_FOUND', `${what} not found`, details);
export const forbidden = (message = 'not allowed', details?: unknown) => new AppError('FORBIDDEN', message, details);
