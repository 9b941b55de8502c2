// Who is at the desk. `staff.me` at start, every sign-in/lock/unlock answer, and any request
// refused with `unauthenticated`, `locked` or `must_change_password` (see `onAccessLost` in the
// api client) update it; App.svelte shows the sign-in screen, the lock screen, the "choose a new
// password" screen or the shell from it.

import { onAccessLost, roleGrants, type DeskStatus, type Permission, type Role } from '../api';

export const session = $state<{ desk: DeskStatus | null }>({ desk: null });

/** Takes the core's answer about the desk (from `staff.me`, sign-in, lock, unlock…). */
export function setDesk(desk: DeskStatus): void {
  session.desk = desk;
}

/** Routes refusals from any screen to the sign-in or lock screen, once, at start-up. */
export function watchAccess(): void {
  onAccessLost((error) => {
    const desk = session.desk;
    if (desk === null) return;
    if (error.code === 'locked') {
      if (!desk.locked) session.desk = { ...desk, locked: true };
    } else if (error.code === 'must_change_password') {
      if (!desk.mustChangePassword) session.desk = { ...desk, mustChangePassword: true };
    } else if (desk.signedIn !== null || desk.locked) {
      session.desk = { ...desk, signedIn: null, locked: false };
    }
  });
}

/** Whether the person signed in here may do this (to hide what they cannot). */
export function may(permission: Permission): boolean {
  const roles = session.desk?.signedIn?.roles ?? [];
  return roles.some((role) => roleGrants(role, permission));
}

/** Whether the person signed in here holds this role (for offers only that role may take). */
export function holds(role: Role): boolean {
  return session.desk?.signedIn?.roles.includes(role) ?? false;
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  reception: 'Reception',
  therapist: 'Therapist',
};

export function rolesText(roles: readonly Role[]): string {
  return roles.map((r) => ROLE_LABELS[r]).join(', ');
}
