// Clinic wall-clock dates and times, as the core sends them: `YYYY-MM-DD` and
// `YYYY-MM-DDTHH:MM`. They are never converted between time zones here: arithmetic is done on
// UTC-based Date objects only as a calendar (day and minute counting), and formatting uses
// `timeZone: 'UTC'` so the digits shown are the digits the core sent.

/** `YYYY-MM-DD` */
export type IsoDate = string;
/** `YYYY-MM-DDTHH:MM`, clinic wall clock. */
export type WallTime = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;
const WALL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

export function isIsoDate(text: string): boolean {
  const m = DATE_RE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return date.getUTCMonth() === +m[2]! - 1 && date.getUTCDate() === +m[3]!;
}

export function isTimeOfDay(text: string): boolean {
  const m = TIME_RE.exec(text);
  return !!m && +m[1]! < 24 && +m[2]! < 60;
}

/** The calendar date as a UTC-midnight Date, for counting and formatting only. */
export function dateValue(date: IsoDate): Date {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`Not a date: ${date}`);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
}

function wallValue(wall: WallTime): Date {
  const m = WALL_RE.exec(wall);
  if (!m) throw new RangeError(`Not a wall-clock time: ${wall}`);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!));
}

function isoDateOf(value: Date): IsoDate {
  return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
}

function wallOf(value: Date): WallTime {
  return `${isoDateOf(value)}T${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const value = dateValue(date);
  value.setUTCDate(value.getUTCDate() + days);
  return isoDateOf(value);
}

export function addMinutes(wall: WallTime, minutes: number): WallTime {
  return wallOf(new Date(wallValue(wall).getTime() + minutes * 60_000));
}

/** The Monday of the week holding `date` (clinics plan Monday to Sunday). */
export function mondayOf(date: IsoDate): IsoDate {
  const weekday = dateValue(date).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

export function datePart(wall: WallTime): IsoDate {
  return wall.slice(0, 10);
}

export function timePart(wall: WallTime): string {
  return wall.slice(11, 16);
}

export function joinWall(date: IsoDate, time: string): WallTime {
  return `${date}T${time}`;
}

/** The browser's own date, used only before the core has told us the clinic's today. */
export function browserToday(now: Date = new Date()): IsoDate {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The browser's own wall clock (fake transport and previews only). */
export function browserNow(now: Date = new Date()): WallTime {
  return `${browserToday(now)}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

const longDate = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const shortDate = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const birthDate = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const clockTime = new Intl.DateTimeFormat(undefined, {
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** "Monday 23 November 2026" (in the reader's locale). */
export function formatLongDate(date: IsoDate): string {
  return longDate.format(dateValue(date));
}

/** "Mon 23 Nov" */
export function formatShortDate(date: IsoDate): string {
  return shortDate.format(dateValue(date));
}

const compactDate = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Mon 23 Nov 2026", for narrow windows. */
export function formatCompactDate(date: IsoDate): string {
  return compactDate.format(dateValue(date));
}

/** "3 Apr 1957" */
export function formatBirthDate(date: IsoDate): string {
  return birthDate.format(dateValue(date));
}

const weekRange = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

const compactWeekRange = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "23–29 November 2026" (in the reader's locale) for the week starting on `monday`. */
export function formatWeek(monday: IsoDate, compact = false): string {
  const sunday = addDays(monday, 6);
  return (compact ? compactWeekRange : weekRange).formatRange(dateValue(monday), dateValue(sunday));
}

/** "10:30" (or "10:30 AM" where the locale says so) for a wall-clock time. */
export function formatTime(wall: WallTime): string {
  return clockTime.format(wallValue(wall));
}

/** Minutes from `a` to `b`, both wall-clock times. */
export function minutesBetween(a: WallTime, b: WallTime): number {
  return Math.round((wallValue(b).getTime() - wallValue(a).getTime()) / 60_000);
}

/**
 * The clinic zone's current UTC offset as `+HH:MM`, for the calendar's "now" line only (so the
 * line sits at the clinic's time even on a computer set to another zone). Appointment times are
 * never shifted by it: they reach the calendar as floating wall-clock strings.
 */
export function clinicOffset(timeZone: string, at: Date = new Date()): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      timeZoneName: 'longOffset',
    }).formatToParts(at);
    const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (name === 'GMT') return '+00:00';
    const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
    return m ? `${m[1]}${m[2]}:${m[3]}` : 'local';
  } catch {
    return 'local';
  }
}
