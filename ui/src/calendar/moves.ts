// A drag on the calendar becomes a request to the core; a refusal puts the appointment back
// where it was (the calendar's `revert`) and hands back the core's reason to show.

import { call, messageOf, type Appointment, type AppointmentChange } from '../api';
import type { Placement } from './CalendarGrid.svelte';

export type Outcome = { change: AppointmentChange } | { refusal: string };

async function attempt(request: () => Promise<AppointmentChange>, revert: () => void) {
  try {
    return { change: await request() };
  } catch (reason) {
    revert(); // the core said no: the appointment snaps back
    return { refusal: messageOf(reason) };
  }
}

/** Dropped in another column or at another time: `appointments.move`. */
export function moveTo(a: Appointment, to: Placement, revert: () => void): Promise<Outcome> {
  return attempt(() => call('appointments.move', { id: a.id, ...to }), revert);
}

/** Its end dragged: `appointments.resize`. */
export function resizeTo(a: Appointment, end: string, revert: () => void): Promise<Outcome> {
  return attempt(() => call('appointments.resize', { id: a.id, end }), revert);
}
