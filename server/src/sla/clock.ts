/**
 * The SLA clock, as pure functions: deadlines in calendar hours or in working hours of a work
 * calendar (working days, daily windows, public holidays and make-up workdays 调休). Times are
 * instants (Date); the calendar is read in a fixed UTC offset (China has no DST: +08:00).
 */
export type SlaMode = 'calendar' | 'working';

export interface WorkCalendar {
  /** Minutes east of UTC the calendar is read in (480 for China). */
  utcOffsetMinutes: number;
  /** ISO weekdays that are working days (1 = Monday … 7 = Sunday). */
  workdays: number[];
  /** Working windows of a day as "HH:MM-HH:MM", sorted and not overlapping. */
  windows: string[];
  /** Dates ("YYYY-MM-DD", local) that are off although their weekday works. */
  holidays: string[];
  /** Dates that work although their weekday is off (调休 make-up days). */
  extraWorkdays: string[];
}

export const DEFAULT_CALENDAR: WorkCalendar = {
  utcOffsetMinutes: 480,
  workdays: [1, 2, 3, 4, 5],
  windows: ['09:00-12:00', '13:30-17:30'],
  holidays: [],
  extraWorkdays: [],
};

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

interface ParsedCalendar {
  offset: number;
  workdays: Set<number>;
  windows: [number, number][]; // minutes from local midnight
  holidays: Set<string>;
  extra: Set<string>;
}

/** Validates a calendar; throws with a message naming the bad field. */
export function parseCalendar(cal: WorkCalendar): ParsedCalendar {
  if (!Number.isInteger(cal.utcOffsetMinutes) || Math.abs(cal.utcOffsetMinutes) > 14 * 60) throw new Error('utcOffsetMinutes must be an integer within ±840');
  if (!Array.isArray(cal.workdays) || cal.workdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) throw new Error('workdays must be ISO weekdays 1..7');
  const windows: [number, number][] = [];
  for (const w of cal.windows) {
    const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(w);
    if (!m) throw new Error(`window "${w}" must look like 09:00-12:00`);
    const a = Number(m[1]) * 60 + Number(m[2]);
    const b = Number(m[3]) * 60 + Number(m[4]);
    if (a >= b || b > 24 * 60 || Number(m[2]) > 59 || Number(m[4]) > 59) throw new Error(`window "${w}" is empty or out of the day`);
    if (windows.length && a < windows[windows.length - 1]![1]) throw new Error('windows must be sorted and must not overlap');
    windows.push([a, b]);
  }
  if (windows.length === 0) throw new Error('at least one working window is needed');
  const date = /^\d{4}-\d{2}-\d{2}$/;
  for (const d of [...cal.holidays, ...cal.extraWorkdays]) if (!date.test(d)) throw new Error(`date "${d}" must be YYYY-MM-DD`);
  return { offset: cal.utcOffsetMinutes, workdays: new Set(cal.workdays), windows, holidays: new Set(cal.holidays), extra: new Set(cal.extraWorkdays) };
}

/** Local midnight (as an instant) of the local day containing `t`. */
function localMidnight(t: number, offset: number): number {
  const local = t + offset * MIN;
  return local - (((local % DAY) + DAY) % DAY) - offset * MIN;
}

function isWorkday(midnight: number, c: ParsedCalendar): boolean {
  const local = new Date(midnight + c.offset * MIN);
  const key = local.toISOString().slice(0, 10);
  if (c.extra.has(key)) return true;
  if (c.holidays.has(key)) return false;
  const iso = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  return c.workdays.has(iso);
}

/** The instant `hours` of SLA time after `start`. Working mode counts only working windows. */
export function addSlaHours(start: Date, hours: number, mode: SlaMode, cal: WorkCalendar = DEFAULT_CALENDAR): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new Error('hours must be a finite number ≥ 0');
  if (mode === 'calendar') return new Date(start.getTime() + hours * 60 * MIN);
  const c = parseCalendar(cal);
  let remaining = Math.round(hours * 60 * MIN);
  let t = start.getTime();
  if (remaining === 0) return new Date(t);
  // Walk day by day; a year without a single working minute means the calendar is unusable.
  for (let day = localMidnight(t, c.offset), guard = 0; guard < 3660; day += DAY, guard++) {
    if (!isWorkday(day, c)) continue;
    for (const [a, b] of c.windows) {
      const ws = day + a * MIN;
      const we = day + b * MIN;
      if (we <= t) continue;
      const from = Math.max(ws, t);
      const avail = we - from;
      if (remaining <= avail) return new Date(from + remaining);
      remaining -= avail;
      t = we;
    }
  }
  throw new Error('the work calendar has no working time within ten years');
}

/** SLA time (ms) elapsed between two instants: wall time, or working time only. */
export function slaElapsedMs(from: Date, to: Date, mode: SlaMode, cal: WorkCalendar = DEFAULT_CALENDAR): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (mode === 'calendar') return b - a;
  const c = parseCalendar(cal);
  let total = 0;
  for (let day = localMidnight(a, c.offset); day < b; day += DAY) {
    if (!isWorkday(day, c)) continue;
    for (const [ws, we] of c.windows) {
      const s = Math.max(day + ws * MIN, a);
      const e = Math.min(day + we * MIN, b);
      if (e > s) total += e - s;
    }
  }
  return total;
}

/** One audit row as the on-time computation needs it. */
export interface AuditStep {
  action: string;
  fromState: string | null;
  toState: string;
  at: Date;
  /** For approve_extension: hours granted. */
  hours?: number | null;
}

export interface StagePolicy {
  hours: number;
  mode: SlaMode;
}

/**
 * Whether the handling stage finished on time, computed from the audit trail alone: the stage
 * starts at the first transition into an active state, ends at the first transition into
 * `resolved`; approved extensions add SLA hours; time spent suspended (缓办) does not count.
 * Returns null while the stage has not finished.
 */
export function handledOnTime(steps: AuditStep[], policy: StagePolicy, cal: WorkCalendar = DEFAULT_CALENDAR): { onTime: boolean; usedMs: number; allowedMs: number } | null {
  const sorted = [...steps].sort((x, y) => x.at.getTime() - y.at.getTime());
  const startIdx = sorted.findIndex((s) => s.toState === 'accepted' || (s.fromState === null && s.toState !== 'reported'));
  if (startIdx < 0) return null;
  const start = sorted[startIdx]!;
  const end = sorted.slice(startIdx).find((s) => s.toState === 'resolved' && s !== start) ?? (start.toState === 'resolved' ? start : undefined);
  if (!end) return null;
  let allowedMs = policy.hours * 60 * MIN;
  let used = 0;
  let runningSince: Date | null = start.at;
  for (const s of sorted.slice(startIdx + 1)) {
    if (s.at > end.at) break;
    if (s.action === 'approve_extension' && s.hours) allowedMs += s.hours * 60 * MIN;
    if (s.toState === 'suspended' && runningSince) {
      used += slaElapsedMs(runningSince, s.at, policy.mode, cal);
      runningSince = null;
    } else if (s.fromState === 'suspended' && s.toState !== 'suspended') {
      runningSince = s.at;
    }
  }
  if (runningSince) used += slaElapsedMs(runningSince, end.at, policy.mode, cal);
  return { onTime: used <= allowedMs, usedMs: used, allowedMs };
}
