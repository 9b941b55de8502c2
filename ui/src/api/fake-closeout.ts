// The fake clinic's close-out (src/scheduling/closeout.rs): past appointments still open,
// oldest first, and the all-or-nothing pass that marks them. It is not the core: when the two
// disagree, the core is right.

import type {
  Appointment,
  AppointmentStatus,
  CloseOut,
  Unclosed,
  UnclosedQuery,
} from './generated';
import { conflict, notFound, Refusal, validation } from './fake-rules';

const OPEN: ReadonlySet<AppointmentStatus> = new Set([
  'booked',
  'confirmed',
  'arrived',
  'in_treatment',
]);

/** What the close-out needs of the fake clinic. */
export interface CloseOutClinic {
  readonly now: string;
  appointments: Array<{
    id: string;
    start: string;
    end: string;
    status: AppointmentStatus;
    cancelReason: string | null;
    lateCancellation: boolean;
  }>;
  view(stored: CloseOutClinic['appointments'][number]): Appointment;
  record(entity: string, entityId: string, action: string): void;
}

export function unclosed(clinic: CloseOutClinic, args: UnclosedQuery): Unclosed {
  const before = args.before && args.before < clinic.now ? args.before : clinic.now;
  const open = clinic.appointments
    .filter((a) => OPEN.has(a.status) && a.end <= before)
    .sort((x, y) => x.start.localeCompare(y.start) || x.id.localeCompare(y.id));
  return {
    count: open.length,
    appointments: open.slice(0, args.limit ?? 200).map((a) => clinic.view(a)),
  };
}

/** Refuses item `index` by its place in the list, as the core does. */
function refuse(index: number, refusal: Refusal): Refusal {
  return new Refusal({
    ...refusal.error,
    message: `Item ${index + 1}: ${refusal.error.message}`,
    field: `items[${index}]`,
  });
}

export function closeOut(clinic: CloseOutClinic, args: CloseOut): Appointment[] {
  if (!args.items?.length) {
    throw validation('items', 'Choose at least one appointment to close out.');
  }
  const found = args.items.map((item, index) => {
    const stored = clinic.appointments.find((a) => a.id === item.id);
    if (!stored) throw refuse(index, notFound('appointment'));
    if (args.items.findIndex((other) => other.id === item.id) !== index) {
      throw refuse(index, validation('id', 'This appointment is already in the list.'));
    }
    if (!OPEN.has(stored.status)) {
      throw refuse(index, conflict('This appointment is already closed.'));
    }
    if (stored.end > clinic.now)
      throw refuse(index, conflict('This appointment has not ended yet.'));
    return stored;
  });
  return found.map((stored, index) => {
    const { outcome, reason } = args.items[index]!;
    if (outcome === 'cancelled') {
      stored.status = 'cancelled';
      stored.cancelReason = reason?.trim() || null;
      stored.lateCancellation = false;
      clinic.record('appointment', stored.id, 'cancel');
    } else {
      stored.status = outcome === 'attended' ? 'completed' : 'no_show';
      clinic.record('appointment', stored.id, 'status');
    }
    return clinic.view(stored);
  });
}
