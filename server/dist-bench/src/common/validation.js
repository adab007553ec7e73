import { ValidationPipe } from '@nestjs/common';
import { AppError } from './app-error.js';
/** Flattens nested class-validator errors into `{ "location.lat": "lat must not be greater than 90" }`. */
export function flattenValidationErrors(errors, prefix = '') {
    const out = {};
    for (const e of errors) {
        const path = prefix ? `${prefix}.${e.property}` : e.property;
        if (e.constraints) {
            const msgs = Object.values(e.constraints);
            // forbidNonWhitelisted reports unknown fields as "property X should not exist".
            out[path] = msgs.join('; ');
        }
        if (e.children?.length)
            Object.assign(out, flattenValidationErrors(e.children, path));
    }
    return out;
}
export function createValidationPipe() {
    return new ValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        transform: true,
        // Query strings arrive as text; DTOs convert explicitly with @Type/@Transform.
        transformOptions: { enableImplicitConversion: false },
        stopAtFirstError: false,
        exceptionFactory: (errors) => {
            const fields = flattenValidationErrors(errors);
            return new AppError('VALIDATION_FAILED', `invalid fields: ${Object.keys(fields).join(', ')}`, { fields });
        },
    });
}
//# sourceMappingURL=validation.js.map