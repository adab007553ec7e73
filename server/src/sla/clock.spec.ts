import { addSlaHours, handledOnTime, parseCalendar, slaElapsedMs, DEFAULT_CALENDAR, type WorkCalendar } from './clock.js';

// Local Beijing time → instant.
const bj = (s: string) => new Date(`${s}+08:00`);
const H = 3_600_000;

describe('SLA clock', () => {
  it('calendar mode is wall time', () => {
    expect(addSlaHours(bj('2026-10-02T23:00:00'), 2, 'calendar')).toEqual(bj('2026-10-03T01:00:00'));
  });

  it('working mode counts only working windows (09:00-12:00, 13:30-17:30, Mon–Fri)', () => {
    // Friday 16:00 + 2 h → 1.5 h Friday, then Monday 09:30.
    expect(addSlaHours(bj('2026-11-27T16:00:00'), 2, 'working')).toEqual(bj('2026-11-30T09:30:00'));
    // Starts in the lunch break: clock starts at 13:30.
    expect(addSlaHours(bj('2026-11-25T12:10:00'), 1, 'working')).toEqual(bj('2026-11-25T14:30:00'));
    // Before office hours, 7 h = a full day.
    expect(addSlaHours(bj('2026-11-25T06:00:00'), 7, 'working')).toEqual(bj('2026-11-25T17:30:00'));
    // Exactly at the end of a window stays there rather than jumping to the next.
    expect(addSlaHours(bj('2026-11-25T09:00:00'), 3, 'working')).toEqual(bj('2026-11-25T12:00:00'));
  });

  it('skips holidays and works make-up days (国庆 2026 with 调休)', () => {
    const cal: WorkCalendar = { ...DEFAULT_CALENDAR, holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], extraWorkdays: ['2026-10-10'] };
    // Wed 30 Sep 17:00 + 1 h → 0.5 h that day, then Thu 8 Oct 09:30 (1–7 Oct off).
    expect(addSlaHours(bj('2026-09-30T17:00:00'), 1, 'working', cal)).toEqual(bj('2026-10-08T09:30:00'));
    // Fri 9 Oct 17:00 + 1 h → Saturday 10 Oct is a make-up workday.
    expect(addSlaHours(bj('2026-10-09T17:00:00'), 1, 'working', cal)).toEqual(bj('2026-10-10T09:30:00'));
  });

  it('elapsed working time is the inverse of adding it', () => {
    const start = bj('2026-11-26T10:17:00');
    for (const h of [0.5, 3, 7, 13, 40]) {
      const end = addSlaHours(start, h, 'working');
      expect(slaElapsedMs(start, end, 'working')).toBe(h * H);
    }
    expect(slaElapsedMs(bj('2026-11-28T10:00:00'), bj('2026-11-29T10:00:00'), 'working')).toBe(0); // weekend
  });

  it('rejects a broken calendar with a message', () => {
    expect(() => parseCalendar({ ...DEFAULT_CALENDAR, windows: ['13:00-12:00'] })).toThrow(/empty/);
    expect(() => parseCalendar({ ...DEFAULT_CALENDAR, windows: ['09:00-12:00', '11:00-13:00'] })).toThrow(/overlap/);
    expect(() => parseCalendar({ ...DEFAULT_CALENDAR, holidays: ['1 Oct'] })).toThrow(/YYYY-MM-DD/);
    expect(() => addSlaHours(new Date(), 1, 'working', { ...DEFAULT_CALENDAR, workdays: [] })).toThrow(/no working time/);
    expect(() => addSlaHours(new Date(), -1, 'calendar')).toThrow();
  });

  describe('on time from the audit trail', () => {
    const t0 = bj('2026-11-02T10:00:00');
    const at = (h: number) => new Date(t0.getTime() + h * H);
    const policy = { hours: 24, mode: 'calendar' as const };

    it('resolved within the deadline is on time, after it is late', () => {
      const steps = [
        { action: 'report', fromState: null, toState: 'reported', at: at(-1) },
        { action: 'verify', fromState: 'reported', toState: 'accepted', at: at(0) },
        { action: 'claim', fromState: 'accepted', toState: 'in_progress', at: at(1) },
      ];
      expect(handledOnTime(steps, policy)).toBeNull();
      expect(handledOnTime([...steps, { action: 'resolve', fromState: 'in_progress', toState: 'resolved', at: at(23) }], policy)?.onTime).toBe(true);
      expect(handledOnTime([...steps, { action: 'resolve', fromState: 'in_progress', toState: 'resolved', at: at(25) }], policy)?.onTime).toBe(false);
    });

    it('an approved extension and a suspension move the deadline', () => {
      const base = [
        { action: 'verify', fromState: 'reported', toState: 'accepted', at: at(0) },
        { action: 'claim', fromState: 'accepted', toState: 'in_progress', at: at(1) },
      ];
      const late = { action: 'resolve', fromState: 'in_progress', toState: 'resolved', at: at(30) };
      expect(handledOnTime([...base, late], policy)?.onTime).toBe(false);
      expect(handledOnTime([...base, { action: 'approve_extension', fromState: 'in_progress', toState: 'in_progress', at: at(5), hours: 8 }, late], policy)?.onTime).toBe(true);
      const suspended = [
        ...base,
        { action: 'suspend', fromState: 'in_progress', toState: 'suspended', at: at(2) },
        { action: 'resume', fromState: 'suspended', toState: 'in_progress', at: at(12) },
        late,
      ];
      const r = handledOnTime(suspended, policy)!;
      expect(r.usedMs).toBe(20 * H);
      expect(r.onTime).toBe(true);
    });
  });
});
