export const DEFAULT_CALENDAR = {
    utcOffsetMinutes: 480,
    workdays: [1, 2, 3, 4, 5],
    windows: ['09:00-12:00', '13:30-17:30'],
    holidays: [],
    extraWorkdays: [],
};
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
/** Validates a calendar; throws with a message naming the bad field. */
export function parseCalendar(cal) {
    if (!Number.isInteger(cal.utcOffsetMinutes) || Math.abs(cal.utcOffsetMinutes) > 14 * 60)
        throw new Error('utcOffsetMinutes must be an integer within ±840');
    if (!Array.isArray(cal.workdays) || cal.workdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
        throw new Error('workdays must be ISO weekdays 1..7');
    const windows = [];
    for (const w of cal.windows) {
        const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(w);
        if (!m)
            throw new Error(`window "${w}" must look like 09:00-12:00`);
        const a = Number(m[1]) * 60 + Number(m[2]);
        const b = Number(m[3]) * 60 + Number(m[4]);
        if (a >= b || b > 24 * 60 || Number(m[2]) > 59 || Number(m[4]) > 59)
            throw new Error(`window "${w}" is empty or out of the day`);
        if (windows.length && a < windows[windows.length - 1][1])
            throw new Error('windows must be sorted and must not overlap');
        windows.push([a, b]);
    }
    if (windows.length === 0)
        throw new Error('at least one working window is needed');
    const date = /^\d{4}-\d{2}-\d{2}$/;
    for (const d of [...cal.holidays, ...cal.extraWorkdays])
        if (!date.test(d))
            throw new Error(`date "${d}" must be YYYY-MM-DD`);
    return { offset: cal.utcOffsetMinutes, workdays: new Set(cal.workdays), windows, holidays: new Set(cal.holidays), extra: new Set(cal.extraWorkdays) };
}
/** Local midnight (as an instant) of the local day containing `t`. */
function localMidnight(t, offset) {
    const local = t + offset * MIN;
    return local - (((local % DAY) + DAY) % DAY) - offset * MIN;
}
function isWorkday(midnight, c) {
    const local = new Date(midnight + c.offset * MIN);
    const key = local.toISOString().slice(0, 10);
    if (c.extra.has(key))
        return true;
    if (c.holidays.has(key))
        return false;
    const iso = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
    return c.workdays.has(iso);
}
/** The instant `hours` of SLA time after `start`. Working mode counts only working windows. */
export function addSlaHours(start, hours, mode, cal = DEFAULT_CALENDAR) {
    if (!Number.isFinite(hours) || hours < 0)
        throw new Error('hours must be a finite number ≥ 0');
    if (mode === 'calendar')
        return new Date(start.getTime() + hours * 60 * MIN);
    const c = parseCalendar(cal);
    let remaining = Math.round(hours * 60 * MIN);
    let t = start.getTime();
    if (remaining === 0)
        return new Date(t);
    // Walk day by day; a year without a single working minute means the calendar is unusable.
    for (let day = localMidnight(t, c.offset), guard = 0; guard < 3660; day += DAY, guard++) {
        if (!isWorkday(day, c))
            continue;
        for (const [a, b] of c.windows) {
            const ws = day + a * MIN;
            const we = day + b * MIN;
            if (we <= t)
                continue;
            const from = Math.max(ws, t);
            const avail = we - from;
            if (remaining <= avail)
                return new Date(from + remaining);
            remaining -= avail;
            t = we;
        }
    }
    throw new Error('the work calendar has no working time within ten years');
}
/** SLA time (ms) elapsed between two instants: wall time, or working time only. */
export function slaElapsedMs(from, to, mode, cal = DEFAULT_CALENDAR) {
    const a = from.getTime();
    const b = to.getTime();
    if (b <= a)
        return 0;
    if (mode === 'calendar')
        return b - a;
    const c = parseCalendar(cal);
    let total = 0;
    for (let day = localMidnight(a, c.offset); day < b; day += DAY) {
        if (!isWorkday(day, c))
            continue;
        for (const [ws, we] of c.windows) {
            const s = Math.max(day + ws * MIN, a);
            const e = Math.min(day + we * MIN, b);
            if (e > s)
                total += e - s;
        }
    }
    return total;
}
/**
 * Whether the handling stage finished on time, computed from the audit trail alone: the stage
 * starts at the first transition into an active state, ends at the first transition into
 * `resolved`; approved extensions add SLA hours; time spent suspended (缓办) does not count.
 * Returns null while the stage has not finished.
 */
export function handledOnTime(steps, policy, cal = DEFAULT_CALENDAR) {
    const sorted = [...steps].sort((x, y) => x.at.getTime() - y.at.getTime());
    const startIdx = sorted.findIndex((s) => s.toState === 'accepted' || (s.fromState === null && s.toState !== 'reported'));
    if (startIdx < 0)
        return null;
    const start = sorted[startIdx];
    const end = sorted.slice(startIdx).find((s) => s.toState === 'resolved' && s !== start) ?? (start.toState === 'resolved' ? start : undefined);
    if (!end)
        return null;
    let allowedMs = policy.hours * 60 * MIN;
    let used = 0;
    let runningSince = start.at;
    for (const s of sorted.slice(startIdx + 1)) {
        if (s.at > end.at)
            break;
        if (s.action === 'approve_extension' && s.hours)
            allowedMs += s.hours * 60 * MIN;
        if (s.toState === 'suspended' && runningSince) {
            used += slaElapsedMs(runningSince, s.at, policy.mode, cal);
            runningSince = null;
        }
        else if (s.fromState === 'suspended' && s.toState !== 'suspended') {
            runningSince = s.at;
        }
    }
    if (runningSince)
        used += slaElapsedMs(runningSince, end.at, policy.mode, cal);
    return { onTime: used <= allowedMs, usedMs: used, allowedMs };
}
//# sourceMappingURL=clock.js.map