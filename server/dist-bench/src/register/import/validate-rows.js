import { checkIdNumber, isPersonTag, isPlausibleBirthYear, normalizePhone, RELATIONS } from '@weigrid/shared';
/** Same place and 户编号 → same household (rows without 户编号 at one place form one household). */
export function householdKey(r) {
    return [r.gridCode, r.address, r.building, r.unit, r.room, r.householdCode].join('\u0001');
}
export function placeKey(r) {
    return [r.gridCode, r.address, r.building, r.unit, r.room].join('\u0001');
}
const LIMITS = { address: 200, building: 20, unit: 20, room: 20, householdCode: 32, name: 50 };
/**
 * Checks every row and every household (duplicates within a household, one 户主 at most) before
 * anything is written. Returns all problems, not just the first, so a worker fixes the sheet once.
 */
export function validateRows(rows, today = new Date()) {
    const errors = [];
    const valid = [];
    const err = (row, column, problem, message) => errors.push({ row, column, problem, message });
    for (const { row, values: v } of rows) {
        const before = errors.length;
        const s = (k) => (v[k] ?? '').trim();
        for (const k of ['gridCode', 'address', 'name', 'relation'])
            if (!s(k))
                err(row, k, 'required', `${k} is required`);
        for (const [k, max] of Object.entries(LIMITS)) {
            if (Array.from(s(k)).length > max)
                err(row, k, 'too_long', `${k} is longer than ${max} characters`);
        }
        if (s('gridCode') && !/^\d{18}$/.test(s('gridCode')))
            err(row, 'gridCode', 'format', 'micro-grid code must be 18 digits');
        if (s('relation') && !RELATIONS.includes(s('relation')))
            err(row, 'relation', 'unknown', `relation must be one of ${RELATIONS.join('/')}`);
        let phone = null;
        if (s('phone')) {
            phone = normalizePhone(s('phone'));
            if (!phone)
                err(row, 'phone', 'format', 'not a mobile or landline number');
        }
        let idNumber = null;
        let gender = null;
        let idYear = null;
        if (s('idNumber')) {
            const c = checkIdNumber(s('idNumber'), today);
            if (c.ok) {
                idNumber = c.info.value;
                gender = c.info.gender;
                idYear = c.info.birthYear;
            }
            else
                err(row, 'idNumber', `id_${c.problem}`, c.reason);
        }
        let birthYear = idYear;
        if (s('birthYear')) {
            const y = Number(s('birthYear'));
            if (!/^\d{4}$/.test(s('birthYear')) || !isPlausibleBirthYear(y, today))
                err(row, 'birthYear', 'impossible', `birth year must be between 1890 and ${today.getUTCFullYear()}`);
            else if (idYear !== null && idYear !== y)
                err(row, 'birthYear', 'mismatch', `birth year ${y} does not match the ID number (${idYear})`);
            else
                birthYear = y;
        }
        if (birthYear !== null && !isPlausibleBirthYear(birthYear, today))
            err(row, 'idNumber', 'impossible', 'birth year from the ID number is not plausible');
        const tags = [];
        for (const t of s('tags').split(/[、,，;；\s]+/).filter(Boolean)) {
            if (!isPersonTag(t))
                err(row, 'tags', 'unknown', `unknown tag ${t}`);
            else if (!tags.includes(t))
                tags.push(t);
        }
        if (errors.length > before)
            continue;
        valid.push({
            row,
            gridCode: s('gridCode'),
            address: s('address'),
            building: s('building'),
            unit: s('unit'),
            room: s('room'),
            householdCode: s('householdCode'),
            name: s('name'),
            relation: s('relation'),
            phone,
            idNumber,
            birthYear,
            gender,
            tags,
        });
    }
    // Household-level checks: the same ID twice, the same name + birth year twice (no ID), two 户主.
    const byHousehold = new Map();
    for (const r of valid) {
        const k = householdKey(r);
        const list = byHousehold.get(k);
        if (list)
            list.push(r);
        else
            byHousehold.set(k, [r]);
    }
    const seenIds = new Map();
    const dupRows = new Set();
    for (const members of byHousehold.values()) {
        const seen = new Map();
        let head = null;
        for (const r of members) {
            const k = r.idNumber ?? `${r.name}\u0001${r.birthYear ?? ''}`;
            const first = seen.get(k);
            if (first !== undefined) {
                err(r.row, r.idNumber ? 'idNumber' : 'name', 'duplicate_in_household', `same person as row ${first}`);
                dupRows.add(r.row);
            }
            else
                seen.set(k, r.row);
            if (r.relation === '户主') {
                if (head !== null)
                    err(r.row, 'relation', 'two_heads', `household already has a 户主 on row ${head}`);
                else
                    head = r.row;
            }
        }
    }
    // One person, one household: the same ID in two households of the file is refused too.
    for (const r of valid) {
        if (!r.idNumber)
            continue;
        const first = seenIds.get(r.idNumber);
        if (first !== undefined && !dupRows.has(r.row)) {
            err(r.row, 'idNumber', 'duplicate_in_file', `same ID number as row ${first}`);
        }
        else if (first === undefined)
            seenIds.set(r.idNumber, r.row);
    }
    errors.sort((a, b) => a.row - b.row);
    return { valid: errors.length ? [] : valid, errors };
}
//# sourceMappingURL=validate-rows.js.map