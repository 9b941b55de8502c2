// Which diary columns (practitioners) a staff member's sign-in may be linked to: one column is
// one person's (the core refuses a second link, naming the field), so the choice offers only the
// columns nobody else holds.

import type { Practitioner, StaffMember } from '../api';

/** The column choice meaning "create a new column named as this person". */
export const NEW_COLUMN = 'new';

/** Columns not linked to anyone but `self` (the account being edited, or null for a new one). */
export function freeColumns(
  practitioners: readonly Practitioner[],
  staff: readonly StaffMember[],
  self: string | null,
): Practitioner[] {
  const taken = new Set(
    staff.filter((s) => s.id !== self && s.practitionerId).map((s) => s.practitionerId),
  );
  return practitioners.filter((p) => !taken.has(p.id));
}

/** Whether a therapist's sign-in has no column, so no client counts as theirs. */
export function unlinkedTherapist(member: StaffMember): boolean {
  return member.active && member.roles.includes('therapist') && !member.practitionerId;
}
