// Shading outside working hours: the owner's rotas and opening hours (as the core returns them
// from `schedule.therapist_hours.get` / `schedule.clinic_hours.get`) drawn as grey background
// blocks. Display only: whether a booking fits is always the core's answer, never this.

import type { ClinicHours, TherapistHours, WeeklyBlock } from '../api';
import { dateValue, type IsoDate } from '../time/wallclock';

const DAY = 24 * 60;

type Span = [number, number];

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** 1 = Monday … 7 = Sunday, as the core counts. */
export function weekdayOf(date: IsoDate): number {
  const d = dateValue(date).getUTCDay();
  return d === 0 ? 7 : d;
}

function spansOn(blocks: WeeklyBlock[], weekday: number): Span[] {
  return blocks
    .filter((b) => b.weekday === weekday)
    .map((b) => [minutes(b.start), minutes(b.end)] as Span);
}

function minus(spans: Span[], cut: Span[]): Span[] {
  let out = spans;
  for (const [cs, ce] of cut) {
    out = out.flatMap(([s, e]): Span[] => {
      if (ce <= s || cs >= e) return [[s, e]];
      const parts: Span[] = [];
      if (cs > s) parts.push([s, cs]);
      if (ce < e) parts.push([ce, e]);
      return parts;
    });
  }
  return out;
}

function intersect(a: Span[], b: Span[]): Span[] {
  const out: Span[] = [];
  for (const [as, ae] of a)
    for (const [bs, be] of b) {
      const s = Math.max(as, bs);
      const e = Math.min(ae, be);
      if (s < e) out.push([s, e]);
    }
  return out;
}

/** When the clinic is open on `date`; all day when no opening hours are set up. */
export function clinicOpen(hours: ClinicHours | null, date: IsoDate): Span[] {
  if (!hours) return [[0, DAY]];
  if (hours.closures.some((c) => c.day === date)) return [];
  if (hours.weekly.length === 0) return [[0, DAY]];
  return spansOn(hours.weekly, weekdayOf(date));
}

/** When a therapist works on `date` (clinic hours aside); all day when no rota is set up. */
export function therapistWorking(hours: TherapistHours | undefined, date: IsoDate): Span[] {
  if (!hours) return [[0, DAY]];
  if (hours.timeOff.some((t) => t.firstDay <= date && date <= t.lastDay)) return [];
  const changes = hours.dayChanges.filter((d) => d.day === date);
  if (changes.length > 0) return changes.map((d) => [minutes(d.start), minutes(d.end)]);
  if (hours.weekly.length === 0) return [[0, DAY]];
  const weekday = weekdayOf(date);
  return minus(spansOn(hours.weekly, weekday), spansOn(hours.breaks, weekday));
}

export interface OffHoursEvent {
  id: string;
  resourceIds: string[];
  start: string;
  end: string;
  display: 'background';
  classNames: string[];
}

function hhmm(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function offEvents(key: string, resourceIds: string[], date: IsoDate, open: Span[]) {
  const sorted = [...open].sort((a, b) => a[0] - b[0]);
  const off = minus([[0, DAY]], sorted);
  return off.map(([s, e], i): OffHoursEvent => ({
    id: `off-${key}-${date}-${i}`,
    resourceIds,
    start: `${date}T${hhmm(s)}`,
    // The end of the day is the next midnight, which the calendar reads as 24:00.
    end: e === DAY ? `${date}T23:59` : `${date}T${hhmm(e)}`,
    display: 'background',
    classNames: ['off-hours'],
  }));
}

/**
 * Grey blocks for the times outside work: per therapist column (their rota within opening
 * hours), or across every room column (opening hours only).
 */
export function offHours(
  days: IsoDate[],
  columns: Array<{ id: string }>,
  kind: 'therapist' | 'room',
  clinic: ClinicHours | null,
  therapists: Record<string, TherapistHours>,
): OffHoursEvent[] {
  const out: OffHoursEvent[] = [];
  for (const date of days) {
    const open = clinicOpen(clinic, date);
    if (kind === 'room') {
      out.push(
        ...offEvents(
          'rooms',
          columns.map((c) => c.id),
          date,
          open,
        ),
      );
      continue;
    }
    for (const column of columns) {
      const working = intersect(open, therapistWorking(therapists[column.id], date));
      out.push(...offEvents(column.id, [column.id], date, working));
    }
  }
  return out;
}
