import { describe, expect, it } from 'vitest';
import type { JournalAction, JournalAppointment, JournalLine } from '../api';
import { formatShortDate, formatTime } from '../time/wallclock';
import { ACTIONS, sentence } from './journal';

/** A line by Sam Whitaker about Zoë Ørsted's records, as the core sends it. */
function line(
  action: JournalAction,
  entity: string,
  extra: Partial<JournalLine> = {},
): JournalLine {
  return {
    seq: 1,
    atMs: 0,
    at: '2026-12-03T09:15',
    staffId: 'sam-id',
    staffName: 'Sam Whitaker',
    workstation: 'front-desk',
    action,
    entity,
    entityId: 'record-id',
    clientId: 'zoe-id',
    clientName: 'Zoë Ørsted',
    subjectName: '',
    appointment: null,
    detail: '',
    ...extra,
  };
}

const TUESDAY_10 = '2026-12-01T10:00';
/** "Tue 1 Dec 10:00" in the reader's locale. */
const at = (wall: string) => `${formatShortDate(wall.slice(0, 10))} ${formatTime(wall)}`;

function visit(extra: Partial<JournalAppointment> = {}): JournalAppointment {
  return {
    serviceName: 'Deep tissue massage',
    slot: {
      start: TUESDAY_10,
      end: '2026-12-01T11:00',
      practitionerName: 'Maya Patel',
      roomName: 'Willow room',
    },
    previous: null,
    statusFrom: null,
    statusTo: null,
    late: false,
    cancelReason: null,
    ...extra,
  };
}

/** The record each action is journaled against, for a line of every kind. */
const ENTITY: Record<JournalAction, string> = {
  sign_in: 'staff',
  sign_in_failed: 'staff',
  sign_out: 'staff',
  unlock: 'staff',
  unlock_failed: 'staff',
  switch_in: 'staff',
  switch_in_failed: 'staff',
  set_password: 'staff',
  set_pin: 'staff',
  reset_password: 'staff',
  clear_pin: 'staff',
  deactivate: 'staff',
  reactivate: 'staff',
  unlock_account: 'staff',
  read: 'note',
  break_glass: 'access_grant',
  create: 'client',
  update: 'client',
  save: 'precaution_rule',
  book: 'appointment',
  move: 'appointment',
  resize: 'appointment',
  cancel: 'appointment',
  status: 'appointment',
  remove: 'waitlist',
  sign: 'note',
  amend: 'note',
  discard: 'note',
  withdraw: 'consent',
  review: 'goal',
  recompute: 'precautions',
  assign: 'programme',
  notes: 'programme',
  new_version: 'handout',
  duplicate: 'handout',
  retire: 'handout',
  restore: 'handout',
  seed: 'handout',
  set_logo: 'settings',
  clear_logo: 'settings',
  issue: 'document',
  reprint: 'document',
  print: 'day_sheet',
  export: 'client',
  erase: 'client',
  purge: 'client',
  backup_start: 'database',
  backup: 'database',
  backup_failed: 'database',
  bulk_create: 'appointments',
};

describe('the journal in sentences', () => {
  it('lists every action the core journals in the filter', () => {
    const listed = ACTIONS.map(([key]) => key).sort();
    expect(listed).toEqual(Object.keys(ENTITY).sort());
    for (const missing of ['sign', 'amend', 'discard', 'backup_failed']) {
      expect(listed).toContain(missing);
    }
  });

  it('says every kind of line in words, never in codes', () => {
    for (const [action] of ACTIONS) {
      const entity = ENTITY[action];
      const said = sentence(
        line(action, entity, entity === 'appointment' ? { appointment: visit() } : {}),
      );
      expect(said, action).not.toMatch(/[·_]|undefined|null/);
      expect(said.length, action).toBeGreaterThan(12);
    }
  });

  it('says what happened to an appointment, with whom and when', () => {
    expect(sentence(line('book', 'appointment', { appointment: visit() }))).toBe(
      `Sam Whitaker booked Zoë Ørsted’s Deep tissue massage with Maya Patel on ${at(TUESDAY_10)}`,
    );
    const moved = visit({
      previous: { ...visit().slot },
      slot: { ...visit().slot, start: '2026-12-01T11:00', end: '2026-12-01T12:00' },
    });
    expect(sentence(line('move', 'appointment', { appointment: moved }))).toBe(
      `Sam Whitaker moved Zoë Ørsted’s appointment from ${at(TUESDAY_10)} to ${formatTime('2026-12-01T11:00')}`,
    );
    const toAnotherDay = visit({
      previous: { ...visit().slot },
      slot: { ...visit().slot, start: '2026-12-02T09:00', practitionerName: 'Tom Okafor' },
    });
    expect(sentence(line('move', 'appointment', { appointment: toAnotherDay }))).toBe(
      `Sam Whitaker moved Zoë Ørsted’s appointment from ${at(TUESDAY_10)} to ${at('2026-12-02T09:00')} with Tom Okafor`,
    );
    expect(sentence(line('resize', 'appointment', { appointment: visit() }))).toBe(
      `Sam Whitaker changed Zoë Ørsted’s appointment on ${at(TUESDAY_10)} to end at ${formatTime('2026-12-01T11:00')}`,
    );
    expect(
      sentence(
        line('status', 'appointment', {
          appointment: visit({ statusFrom: 'booked', statusTo: 'no_show' }),
        }),
      ),
    ).toBe(`Sam Whitaker marked Zoë Ørsted’s appointment on ${at(TUESDAY_10)} as a no-show`);
    expect(
      sentence(
        line('status', 'appointment', {
          appointment: visit({ statusFrom: 'arrived', statusTo: 'completed' }),
        }),
      ),
    ).toContain('as attended');
  });

  it('gives a cancellation’s reason only when the core sent it (to the owner)', () => {
    const cancelled = visit({ late: true, cancelReason: 'Her car broke down' });
    expect(sentence(line('cancel', 'appointment', { appointment: cancelled }))).toBe(
      `Sam Whitaker cancelled Zoë Ørsted’s appointment on ${at(TUESDAY_10)} (late): “Her car broke down”`,
    );
    expect(sentence(line('cancel', 'appointment', { appointment: visit() }))).toBe(
      `Sam Whitaker cancelled Zoë Ørsted’s appointment on ${at(TUESDAY_10)}`,
    );
  });

  it('names the clinical record’s writers and what they did', () => {
    const maya = { staffName: 'Maya Patel' };
    expect(sentence(line('sign', 'note', maya))).toBe(
      'Maya Patel signed a session note for Zoë Ørsted',
    );
    expect(sentence(line('amend', 'note', maya))).toBe(
      'Maya Patel amended a signed session note for Zoë Ørsted',
    );
    expect(sentence(line('discard', 'note', maya))).toBe(
      'Maya Patel discarded a draft session note for Zoë Ørsted',
    );
    expect(sentence(line('read', 'intake', maya))).toBe('Maya Patel read Zoë Ørsted’s intake');
    const draft = { ...maya, entityId: 'plan' };
    expect(sentence(line('save', 'form_draft', draft))).toBe(
      'Maya Patel kept unsaved changes to Zoë Ørsted’s treatment plan',
    );
    expect(sentence(line('discard', 'form_draft', draft))).toBe(
      'Maya Patel discarded their unsaved treatment plan for Zoë Ørsted',
    );
    expect(sentence(line('read', 'note', { ...maya, clientName: '' }))).toBe(
      'Maya Patel read a removed client’s session note',
    );
  });

  it('names staff, therapists and the desk', () => {
    const self = { entityId: 'sam-id', subjectName: 'Sam Whitaker' };
    expect(sentence(line('sign_in', 'staff', { ...self, clientId: null, clientName: '' }))).toBe(
      'Sam Whitaker signed in',
    );
    expect(sentence(line('set_password', 'staff', self))).toBe(
      'Sam Whitaker set their own password',
    );
    expect(
      sentence(line('set_pin', 'staff', { entityId: 'rita-id', subjectName: 'Rita Desk' })),
    ).toBe('Sam Whitaker set Rita Desk’s PIN');
    const rita = { entityId: 'rita-id', subjectName: 'Rita Desk' };
    expect(sentence(line('reset_password', 'staff', rita))).toBe(
      'Sam Whitaker reset Rita Desk’s password (to be changed at the next sign-in)',
    );
    expect(sentence(line('clear_pin', 'staff', rita))).toBe('Sam Whitaker removed Rita Desk’s PIN');
    expect(sentence(line('deactivate', 'staff', rita))).toBe(
      'Sam Whitaker deactivated Rita Desk’s account',
    );
    expect(sentence(line('reactivate', 'staff', rita))).toBe(
      'Sam Whitaker reactivated Rita Desk’s account',
    );
    expect(sentence(line('create', 'practitioner', { subjectName: 'Tom Okafor' }))).toBe(
      'Sam Whitaker added therapist Tom Okafor',
    );
    expect(sentence(line('update', 'therapist_hours', { subjectName: 'Tom Okafor' }))).toBe(
      'Sam Whitaker changed Tom Okafor’s working hours',
    );
    expect(
      sentence(line('backup_failed', 'database', { staffName: '', staffId: '00000000-1' })),
    ).toBe('The daily backup failed');
    expect(sentence(line('backup', 'database', { staffName: '', staffId: '00000000-1' }))).toBe(
      'Command line backed up the database',
    );
    expect(sentence(line('restore', 'database'))).toBe(
      'Sam Whitaker restored the database from a backup',
    );
    expect(sentence(line('restore', 'handout'))).toBe('Sam Whitaker restored a retired handout');
    expect(sentence(line('break_glass', 'access_grant', { staffName: 'Tom Okafor' }))).toBe(
      'Tom Okafor opened Zoë Ørsted’s clinical record for the day, giving a reason',
    );
  });
});
