import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMinutes,
  clinicOffset,
  isIsoDate,
  isTimeOfDay,
  minutesBetween,
  mondayOf,
} from './wallclock';

describe('wall-clock arithmetic', () => {
  it('counts days and minutes without any time zone', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMinutes('2026-11-23T23:30', 45)).toBe('2026-11-24T00:15');
    // The day the clocks go forward in London is still counted on the wall clock.
    expect(addMinutes('2026-03-29T00:30', 60)).toBe('2026-03-29T01:30');
    expect(minutesBetween('2026-11-23T09:00', '2026-11-23T10:15')).toBe(75);
  });

  it('finds the Monday of a week', () => {
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-22')).toBe('2026-11-16');
  });

  it('recognises dates and times', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isTimeOfDay('24:00')).toBe(false);
    expect(isTimeOfDay('09:05')).toBe(true);
  });

  it('gives the clinic zone’s offset for the now line', () => {
    expect(clinicOffset('Europe/London', new Date('2026-07-01T12:00:00Z'))).toBe('+01:00');
    expect(clinicOffset('Europe/London', new Date('2026-12-01T12:00:00Z'))).toBe('+00:00');
    expect(clinicOffset('America/Toronto', new Date('2026-12-01T12:00:00Z'))).toBe('-05:00');
    expect(clinicOffset('Not/AZone')).toBe('local');
  });
});
