// Appointments as calendar events: one column per therapist (or per room), coloured by service
// or by status.

import type { Appointment, AppointmentStatus, Practitioner, Room } from '../api';
import { addMinutes, type WallTime } from '../time/wallclock';

/** Which columns the calendar shows: therapists, or rooms. */
export type ColumnKind = 'therapist' | 'room';
/** What an appointment's colour says. */
export type ColourBy = 'service' | 'status';

export interface AppointmentEvent {
  id: string;
  resourceId: string;
  /** Clinic wall clock, handed over as floating local time (no zone conversion). */
  start: string;
  end: string;
  title: string;
  backgroundColor: string;
  textColor: string;
  classNames: string[];
  styles: string[];
  /** Finished or cancelled appointments are not dragged. */
  editable: boolean;
  extendedProps: { appointment: Appointment };
}

const HEX = /^#[0-9a-f]{6}$/i;
const FALLBACK = '#2f7d6d';

/** A colour the core sent, checked before it goes into a style attribute. */
export function safeColour(colour: string): string {
  return HEX.test(colour) ? colour.toLowerCase() : FALLBACK;
}

/** `colour` mixed with white: `amount` 0 is white, 1 is the colour itself. */
export function tint(colour: string, amount: number): string {
  const hex = safeColour(colour);
  const channel = (i: number) => {
    const value = parseInt(hex.slice(i, i + 2), 16);
    return Math.round(255 - (255 - value) * amount);
  };
  return `rgb(${channel(1)} ${channel(3)} ${channel(5)})`;
}

/** One colour per status, readable as a stripe and as a tint. */
export const STATUS_COLOURS: Record<AppointmentStatus, string> = {
  booked: '#3b6ea5',
  confirmed: '#2f7d6d',
  arrived: '#b7791f',
  in_treatment: '#7b4fa0',
  completed: '#5f6f6a',
  cancelled: '#b7c1bd',
  no_show: '#b42318',
};

export function toEvent(
  appointment: Appointment,
  colourBy: ColourBy = 'service',
  columns: ColumnKind = 'therapist',
): AppointmentEvent {
  const cancelled = appointment.status === 'cancelled';
  const colour =
    colourBy === 'status' ? STATUS_COLOURS[appointment.status] : safeColour(appointment.colour);
  const fixed = cancelled || appointment.status === 'completed' || appointment.status === 'no_show';
  return {
    id: appointment.id,
    resourceId: columns === 'room' ? appointment.roomId : appointment.practitionerId,
    editable: !fixed,
    start: appointment.start,
    end: appointment.end,
    title: appointment.clientName,
    backgroundColor: cancelled ? '#f1f3f2' : tint(colour, 0.16),
    textColor: cancelled ? '#5f6f6a' : '#1c2a27',
    classNames: cancelled ? ['appt', 'is-cancelled'] : ['appt'],
    styles: [`border-inline-start: 4px solid ${cancelled ? '#b7c1bd' : colour}`],
    extendedProps: { appointment },
  };
}

export interface TherapistColumn {
  id: string;
  title: string;
  extendedProps: { colour: string; initials: string };
}

/** Up to two initials of a name ("Amara Okonkwo" → "AO"). */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => [...w][0]!.toUpperCase())
    .slice(0, 2)
    .join('');
}

/**
 * One column per active therapist, plus any inactive therapist who still has appointments in
 * view (so no appointment is ever hidden because its therapist left).
 */
export function toColumns(
  practitioners: Practitioner[],
  appointments: Appointment[],
): TherapistColumn[] {
  const columns = practitioners.map((p) => ({
    id: p.id,
    title: p.displayName,
    extendedProps: { colour: safeColour(p.colour), initials: initials(p.displayName) },
  }));
  for (const a of appointments) {
    if (!columns.some((c) => c.id === a.practitionerId)) {
      columns.push({
        id: a.practitionerId,
        title: a.practitionerName,
        extendedProps: { colour: '#9aa5a1', initials: initials(a.practitionerName) },
      });
    }
  }
  return columns;
}

/** One column per active room, plus any room that still has appointments in view. */
export function toRoomColumns(rooms: Room[], appointments: Appointment[]): TherapistColumn[] {
  const columns = rooms
    .filter((r) => r.active)
    .map((r) => ({
      id: r.id,
      title: r.name,
      extendedProps: { colour: '#6b7c77', initials: initials(r.name) },
    }));
  for (const a of appointments) {
    if (!columns.some((c) => c.id === a.roomId)) {
      columns.push({
        id: a.roomId,
        title: a.roomName,
        extendedProps: { colour: '#9aa5a1', initials: initials(a.roomName) },
      });
    }
  }
  return columns;
}

const STATUS_TEXT: Record<Appointment['status'], string> = {
  booked: 'Booked',
  confirmed: 'Confirmed',
  arrived: 'Arrived',
  in_treatment: 'In treatment',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

export function statusText(status: Appointment['status']): string {
  return STATUS_TEXT[status];
}

/**
 * The "now" line as a one-minute background event across every column at `now` (the calendar
 * shows it only on the day it falls on).
 */
export function nowLineEvent(now: WallTime, columns: Array<{ id: string }>) {
  return {
    id: 'now-line',
    resourceIds: columns.map((c) => c.id),
    start: now,
    end: addMinutes(now, 1),
    display: 'background' as const,
    classNames: ['now-line'],
  };
}
