import { ERRORS } from '@weigrid/shared';
/** The one exception type services throw; the filter turns it into the error envelope. */
export class AppError extends Error {
    code;
    details;
    constructor(code, message, details) {
        super(message ?? ERRORS[code].zh);
        this.code = code;
        this.details = details;
    }
    get status() {
        return ERRORS[this.code].status;
    }
}
export const notFound = (what, details) => new AppError('NOT_FOUND', `${what} not found`, details);
export const forbidden = (message = 'not allowed', details) => new AppError('FORBIDDEN', message, details);
//# sourceMappingURL=app-error.js.map