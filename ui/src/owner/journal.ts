// Words for the journal's actions, as the owner's Journal screen lists and filters them.

export const ACTIONS: ReadonlyArray<[string, string]> = [
  ['sign_in', 'Signed in'],
  ['sign_in_failed', 'Sign-in refused'],
  ['sign_out', 'Signed out'],
  ['unlock', 'Unlocked a desk'],
  ['unlock_failed', 'Unlock refused'],
  ['switch_in', 'Switched in with a PIN'],
  ['read', 'Read (clinical record)'],
  ['break_glass', 'Opened a record with a reason'],
  ['create', 'Created'],
  ['update', 'Changed'],
  ['save', 'Saved'],
  ['book', 'Booked'],
  ['move', 'Moved'],
  ['resize', 'Changed length'],
  ['cancel', 'Cancelled'],
  ['status', 'Changed status'],
  ['issue', 'Issued a document'],
  ['reprint', 'Reprinted'],
  ['print', 'Printed'],
  ['export', 'Exported'],
  ['erase', 'Erased'],
  ['purge', 'Purged'],
  ['backup_start', 'Started a backup'],
  ['backup', 'Backed up'],
  ['backup_failed', 'Backup failed'],
  ['restore', 'Restored from a backup'],
];

const LABELS = new Map(ACTIONS);

/** "book appointment" → "Booked · appointment". */
export function describe(action: string, entity: string): string {
  const what = LABELS.get(action) ?? action.replaceAll('_', ' ');
  return `${what} · ${entity.replaceAll('_', ' ')}`;
}
