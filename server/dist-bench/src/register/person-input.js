import { checkIdNumber, isPersonTag, isPlausibleBirthYear, normalizePhone, RELATIONS } from '@weigrid/shared';
import { AppError } from '../common/app-error.js';
/**
 * Checks a person's fields the same way the importer does (GB 11643 checksum, phone format,
 * plausible birth year agreeing with the ID number, known tags); all problems in one 422.
 */
export function cleanPersonInput(input, today = new Date()) {
    const errors = {};
    const out = {};
    if (input.name !== undefined) {
        const n = input.name.trim();
        if (!n || Array.from(n).length > 50)
            errors.name = 'must be 1–50 characters';
        else
            out.name = n;
    }
    if (input.relation !== undefined) {
        if (!RELATIONS.includes(input.relation))
            errors.relation = `must be one of ${RELATIONS.join('/')}`;
        else
            out.relation = input.relation;
    }
    if (input.phone !== undefined) {
        if (input.phone === null || input.phone === '')
            out.phone = null;
        else {
            const p = normalizePhone(input.phone);
            if (!p)
                errors.phone = 'not a mobile or landline number';
            else
                out.phone = p;
        }
    }
    let idYear = null;
    if (input.idNumber !== undefined) {
        if (input.idNumber === null || input.idNumber === '')
            out.idNumber = null;
        else {
            const c = checkIdNumber(input.idNumber, today);
            if (!c.ok)
                errors.idNumber = c.reason;
            else {
                out.idNumber = c.info.value;
                out.gender = c.info.gender;
                idYear = c.info.birthYear;
                out.birthYear = idYear;
            }
        }
    }
    if (input.birthYear !== undefined && input.birthYear !== null) {
        if (!isPlausibleBirthYear(input.birthYear, today))
            errors.birthYear = `must be between 1890 and ${today.getUTCFullYear()}`;
        else if (idYear !== null && idYear !== input.birthYear)
            errors.birthYear = `does not match the ID number (${idYear})`;
        else
            out.birthYear = input.birthYear;
    }
    else if (input.birthYear === null && idYear === null)
        out.birthYear = null;
    if (idYear !== null && !isPlausibleBirthYear(idYear, today))
        errors.idNumber = 'birth year in the ID number is not plausible';
    if (input.tags !== undefined) {
        const bad = input.tags.filter((t) => !isPersonTag(t));
        if (bad.length)
            errors.tags = `unknown tags: ${bad.join(', ')}`;
        else
            out.tags = [...new Set(input.tags)];
    }
    if (Object.keys(errors).length)
        throw new AppError('VALIDATION_FAILED', Object.entries(errors).map(([k, v]) => `${k}: ${v}`).join('; '), { fields: errors });
    return out;
}
//# sourceMappingURL=person-input.js.map