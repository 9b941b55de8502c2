// Words for waiting-list entries: urgency, weekdays (1 = Monday … 7 = Sunday, as the core
// counts) and times of day as reception names them.

import type { Urgency } from '../api';
import { addDays, dateValue } from '../time/wallclock';

export const URGENCY_TEXT: Record<Urgency, string> = {
  normal: 'Normal',
  soon: 'Soon',
  urgent: 'Urgent',
};

const shortDay = new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' });

/** Short weekday names, Monday first; `WEEKDAYS[0]` is weekday 1. */
export const WEEKDAYS: Array<{ value: number; label: string }> = Array.from(
  { length: 7 },
  (_, i) => ({ value: i + 1, label: shortDay.format(dateValue(addDays('2026-11-23', i))) }),
);

/** The core's own words for parts of the day (see `FindTimes.timesOfDay`). */
export const TIMES_OF_DAY: Array<{ value: string; label: string }> = [
  { value: 'morning', label: 'Morning' },
  { value: 'afternoon', label: 'Afternoon' },
  { value: 'evening', label: 'Evening' },
];

/** "Mon, Wed" — or "Any day" when none were chosen. */
export function daysText(weekdays: number[]): string {
  if (weekdays.length === 0) return 'Any day';
  return weekdays.map((d) => WEEKDAYS[d - 1]?.label ?? '?').join(', ');
}

/** "Morning, Evening" — or "Any time". */
export function timesText(times: string[]): string {
  if (times.length === 0) return 'Any time';
  return times.map((t) => TIMES_OF_DAY.find((x) => x.value === t)?.label ?? t).join(', ');
}

/** Adds or removes `value` from a list of choices (for checkbox groups). */
export function toggled<T>(list: T[], value: T, on: boolean): T[] {
  const without = list.filter((x) => x !== value);
  return on ? [...without, value] : without;
}
