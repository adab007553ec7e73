import { splitPeriod } from './stats.service.js';

describe('splitPeriod (rollup months and edge days)', () => {
  it('takes whole months from month rows and the ends from day rows', () => {
    expect(splitPeriod('2025-11-27', '2026-11-26')).toEqual({
      months: ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'],
      dayRanges: [
        ['2025-11-27', '2025-11-30'],
        ['2026-11-01', '2026-11-26'],
      ],
    });
    expect(splitPeriod('2026-02-01', '2026-02-28')).toEqual({ months: ['2026-02'], dayRanges: [] });
    expect(splitPeriod('2024-02-01', '2024-03-01')).toEqual({ months: ['2024-02'], dayRanges: [['2024-03-01', '2024-03-01']] });
    expect(splitPeriod('2026-11-02', '2026-11-04')).toEqual({ months: [], dayRanges: [['2026-11-02', '2026-11-04']] });
    expect(splitPeriod('2026-01-31', '2026-03-01')).toEqual({ months: ['2026-02'], dayRanges: [['2026-01-31', '2026-01-31'], ['2026-03-01', '2026-03-01']] });
  });
});
