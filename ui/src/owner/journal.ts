// The owner's journal in words: the filter's list of actions (every action the core journals —
// `Record<JournalAction, …>` fails to compile when one is missing) and each line as a sentence,
// built from the names and times the core looked up for it ("Sam Whitaker moved Zoë Ørsted's
// appointment from Tue 3 Dec 10:00 to 11:00").

import type { AppointmentStatus, JournalAction, JournalLine, JournalSlot } from '../api';
import { datePart, formatShortDate, formatTime } from '../time/wallclock';

const LABELS: Record<JournalAction, string> = {
  sign_in: 'Signed in',
  sign_in_failed: 'Sign-in refused',
  sign_out: 'Signed out',
  unlock: 'Unlocked a desk',
  unlock_failed: 'Unlock refused',
  switch_in: 'Switched in with a PIN',
  switch_in_failed: 'PIN switch refused',
  set_password: 'Set a password',
  set_pin: 'Set a PIN',
  reset_password: 'Reset a password',
  clear_pin: 'Removed a PIN',
  deactivate: 'Deactivated an account',
  reactivate: 'Reactivated an account',
  unlock_account: 'Unlocked an account',
  read: 'Read (clinical record)',
  break_glass: 'Opened a record with a reason',
  create: 'Created',
  update: 'Changed',
  save: 'Saved',
  book: 'Booked',
  move: 'Moved',
  resize: 'Changed length',
  cancel: 'Cancelled',
  status: 'Changed status',
  remove: 'Removed',
  sign: 'Signed a note',
  amend: 'Amended a note',
  discard: 'Discarded a draft',
  withdraw: 'Withdrew consent',
  review: 'Reviewed a goal',
  recompute: 'Recomputed precautions',
  assign: 'Added a handout',
  notes: 'Wrote aftercare notes',
  new_version: 'Edited a handout',
  duplicate: 'Duplicated a handout',
  retire: 'Retired a handout',
  restore: 'Restored (a handout or a backup)',
  seed: 'Installed the handout library',
  set_logo: 'Uploaded the logo',
  clear_logo: 'Removed the logo',
  issue: 'Issued a document',
  reprint: 'Reprinted',
  print: 'Printed',
  export: 'Exported',
  erase: 'Erased',
  purge: 'Purged',
  backup_start: 'Started a backup',
  backup: 'Backed up',
  backup_failed: 'Backup failed',
  bulk_create: 'Loaded demo data',
};

/** Every journal action with its words, in the filter's order. */
export const ACTIONS = Object.entries(LABELS) as ReadonlyArray<[JournalAction, string]>;

/** "book appointment" → "Booked · appointment". */
export function describe(action: string, entity: string): string {
  const what = LABELS[action as JournalAction] ?? action.replaceAll('_', ' ');
  return `${what} · ${entity.replaceAll('_', ' ')}`;
}

/** What each part of the clinical record (and the other records a line names) is called. */
const RECORDS: Record<string, string> = {
  note: 'session note',
  intake: 'intake',
  assessment: 'assessment',
  plan: 'treatment plan',
  measures: 'measures',
  goal: 'goal',
  consent: 'consent',
  preferences: 'preferences',
  review: 'review',
  record: 'clinical record',
  precautions: 'precautions',
  programme: 'self-care programme',
  aftercare: 'aftercare sheet',
  document: 'document',
  referral: 'referral letter',
};

const record = (entity: string) => RECORDS[entity] ?? entity.replaceAll('_', ' ');

const STATUS_WORDS: Record<AppointmentStatus, string> = {
  booked: 'booked',
  confirmed: 'confirmed',
  arrived: 'arrived',
  in_treatment: 'in treatment',
  completed: 'attended',
  cancelled: 'cancelled',
  no_show: 'a no-show',
};

/** Who did it: the staff member, the command line, or an account since removed. */
export function who(line: JournalLine): string {
  return line.staffName || (line.staffId.startsWith('00000000-') ? 'Command line' : 'Former staff');
}

/** "Tue 3 Dec 10:00" for a clinic wall-clock time. */
function when(wall: string): string {
  return `${formatShortDate(datePart(wall))} ${formatTime(wall)}`;
}

/** "to 11:00" on the same day, "to Wed 4 Dec 11:00" on another; "with Tom Okafor" when the
 * therapist changed. */
function movedTo(before: JournalSlot, after: JournalSlot): string {
  const time =
    datePart(before.start) === datePart(after.start) ? formatTime(after.start) : when(after.start);
  const therapist =
    after.practitionerName && after.practitionerName !== before.practitionerName
      ? ` with ${after.practitionerName}`
      : '';
  return `to ${time}${therapist}`;
}

/** "Zoë Ørsted’s"; "a removed client’s" when the record is gone, "a client’s" for none. */
function whose(line: JournalLine): string {
  if (line.clientName) return `${line.clientName}’s`;
  return line.clientId ? 'a removed client’s' : 'a client’s';
}

/** "for Zoë Ørsted" / "" */
function forClient(line: JournalLine): string {
  if (line.clientName) return ` for ${line.clientName}`;
  return line.clientId ? ' for a removed client' : '';
}

function appointmentSentence(line: JournalLine, by: string): string {
  const a = line.appointment;
  const owner = whose(line);
  if (!a) return `${by} ${LABELS[line.action]?.toLowerCase() ?? line.action} ${owner} appointment`;
  const at = when(a.slot.start);
  switch (line.action) {
    case 'book':
      return `${by} booked ${owner} ${a.serviceName} with ${a.slot.practitionerName} on ${at}`;
    case 'move':
      return a.previous
        ? `${by} moved ${owner} appointment from ${when(a.previous.start)} ${movedTo(a.previous, a.slot)}`
        : `${by} moved ${owner} appointment to ${at}`;
    case 'resize':
      return `${by} changed ${owner} appointment on ${at} to end at ${formatTime(a.slot.end)}`;
    case 'cancel': {
      const late = a.late ? ' (late)' : '';
      const reason = a.cancelReason ? `: “${a.cancelReason}”` : '';
      return `${by} cancelled ${owner} appointment on ${at}${late}${reason}`;
    }
    case 'status':
      return a.statusTo
        ? `${by} marked ${owner} appointment on ${at} as ${STATUS_WORDS[a.statusTo]}`
        : `${by} changed the status of ${owner} appointment on ${at}`;
    default:
      return `${by} ${describe(line.action, line.entity).toLowerCase()} on ${at}`;
  }
}

function staffSentence(line: JournalLine, by: string): string {
  const self = line.subjectName === line.staffName || line.entityId === line.staffId;
  const them = self ? 'their own' : `${line.subjectName || 'a staff member'}’s`;
  switch (line.action) {
    case 'sign_in':
      return `${by} signed in`;
    case 'sign_in_failed':
      return `A sign-in as ${line.subjectName || by} was refused`;
    case 'sign_out':
      return `${by} signed out`;
    case 'unlock':
      return `${by} unlocked the desk`;
    case 'unlock_failed':
      return `An unlock as ${line.subjectName || by} was refused`;
    case 'switch_in':
      return `${by} switched in with a PIN`;
    case 'switch_in_failed':
      return `A PIN switch to ${line.subjectName || by} was refused`;
    case 'set_password':
      return `${by} set ${them} password`;
    case 'set_pin':
      return `${by} set ${them} PIN`;
    case 'reset_password':
      return `${by} reset ${them} password (to be changed at the next sign-in)`;
    case 'clear_pin':
      return `${by} removed ${them} PIN`;
    case 'deactivate':
      return `${by} deactivated ${them} account`;
    case 'reactivate':
      return `${by} reactivated ${them} account`;
    case 'unlock_account':
      return `${by} unlocked ${them} account after too many wrong tries`;
    case 'create':
      return `${by} added staff member ${line.subjectName}`;
    default:
      return `${by} changed ${them} account`;
  }
}

const RESOURCES: Record<string, string> = {
  practitioner: 'therapist',
  room: 'room',
  service: 'service',
};

/** The line as a sentence for the owner. */
export function sentence(line: JournalLine): string {
  const by = who(line);
  const on = forClient(line);
  const owner = whose(line);
  switch (line.entity) {
    case 'appointment':
      return appointmentSentence(line, by);
    case 'staff':
      return staffSentence(line, by);
    case 'practitioner':
    case 'room':
    case 'service':
      return `${by} ${line.action === 'create' ? 'added' : 'changed'} ${RESOURCES[line.entity]} ${line.subjectName}`.trimEnd();
    case 'therapist_hours':
      return `${by} changed ${line.subjectName || 'a therapist'}’s working hours`;
    case 'clinic_hours':
      return `${by} changed the clinic’s opening hours`;
    case 'settings':
      if (line.action === 'set_logo') return `${by} uploaded the letterhead logo`;
      if (line.action === 'clear_logo') return `${by} removed the letterhead logo`;
      return line.action === 'create'
        ? `${by} set up the clinic`
        : `${by} changed the clinic’s settings`;
    case 'client':
      switch (line.action) {
        case 'create':
          return `${by} added client ${line.clientName || '(since removed)'}`;
        case 'export':
          return `${by} exported ${owner} data`;
        case 'erase':
          return `${by} erased ${owner} data`;
        case 'purge':
          return `${by} purged ${owner} records (retention period over)`;
        default:
          return `${by} changed ${owner} contact details`;
      }
    case 'client_list':
      return `${by} exported the client list`;
    case 'waitlist':
      if (line.action === 'create')
        return `${by} put ${line.clientName || 'a client'} on the waiting list`;
      if (line.action === 'book')
        return `${by} booked ${line.clientName || 'a client'} from the waiting list`;
      return `${by} took ${line.clientName || 'a client'} off the waiting list`;
    case 'database':
      return databaseSentence(line, by);
    case 'day_sheet':
      return `${by} printed the day sheet`;
    case 'handout':
      return handoutSentence(line, by);
    case 'precaution_rule':
      return `${by} changed a precaution rule`;
    case 'form_draft':
      return formDraftSentence(line, by, owner);
    default:
      return clinicalSentence(line, by, on, owner);
  }
}

function databaseSentence(line: JournalLine, by: string): string {
  switch (line.action) {
    case 'backup_failed':
      return 'The daily backup failed';
    case 'backup_start':
      return `${by} started a backup`;
    case 'restore':
      return `${by} restored the database from a backup`;
    default:
      return `${by} backed up the database`;
  }
}

function handoutSentence(line: JournalLine, by: string): string {
  switch (line.action) {
    case 'create':
      return `${by} wrote a new handout`;
    case 'duplicate':
      return `${by} duplicated a handout`;
    case 'retire':
      return `${by} retired a handout`;
    case 'restore':
      return `${by} restored a retired handout`;
    case 'seed':
      return 'The handout library was installed';
    default:
      return `${by} edited a handout`;
  }
}

/** Unsaved work on a form of the record, kept as typed (the line's id names the form). */
function formDraftSentence(line: JournalLine, by: string, owner: string): string {
  const form = record(line.entityId);
  switch (line.action) {
    case 'read':
      return `${by} reopened their unsaved ${form} for ${line.clientName || 'a removed client'}`;
    case 'discard':
      return `${by} discarded their unsaved ${form} for ${line.clientName || 'a removed client'}`;
    default:
      return `${by} kept unsaved changes to ${owner} ${form}`;
  }
}

/** Lines about a client's clinical record, self-care programme and documents. */
function clinicalSentence(line: JournalLine, by: string, on: string, owner: string): string {
  const what = record(line.entity);
  switch (line.action) {
    case 'read':
      return `${by} read ${owner} ${what}`;
    case 'break_glass':
      return `${by} opened ${owner} clinical record for the day, giving a reason`;
    case 'create':
      return line.entity === 'note'
        ? `${by} started a session note${on}`
        : `${by} recorded ${owner} ${what}`;
    case 'update':
      return line.entity === 'note'
        ? `${by} saved a draft session note${on}`
        : `${by} changed ${owner} ${what}`;
    case 'sign':
      return `${by} signed a session note${on}`;
    case 'amend':
      return `${by} amended a signed session note${on}`;
    case 'discard':
      return `${by} discarded a draft session note${on}`;
    case 'withdraw':
      return `${by} recorded that ${line.clientName || 'a client'} withdrew consent`;
    case 'review':
      return `${by} reviewed a goal${on}`;
    case 'recompute':
      return `${line.clientName ? `${owner} precautions were` : 'Precautions were'} recomputed from the intake`;
    case 'assign':
      return `${by} added a handout to ${owner} self-care programme`;
    case 'remove':
      return `${by} took a handout out of ${owner} self-care programme`;
    case 'notes':
      return `${by} wrote the aftercare notes${on}`;
    case 'issue':
      return `${by} issued a ${what}${on}`;
    case 'reprint':
      return `${by} reprinted a ${what}${on}`;
    case 'save':
      return `${by} saved ${owner} ${what}`;
    case 'bulk_create':
      return `${by} loaded demo data (${line.entity.replaceAll('_', ' ')})`;
    default:
      return `${by}: ${describe(line.action, line.entity).toLowerCase()}${on}`;
  }
}
