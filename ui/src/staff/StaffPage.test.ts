import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { setTransport, type Practitioner, type StaffInput, type StaffMember } from '../api';
import { refusal, replyTransport, type Replies } from '../api/replies';
import { session } from '../app/session.svelte';
import StaffPage from './StaffPage.svelte';

function member(id: string, displayName: string, extra: Partial<StaffMember> = {}): StaffMember {
  return {
    id,
    displayName,
    username: displayName.split(' ')[0]!.toLowerCase(),
    roles: ['reception'],
    practitionerId: null,
    active: true,
    hasPin: false,
    mustChangePassword: false,
    lockedUntilMs: null,
    ...extra,
  };
}

const column = (id: string, displayName: string): Practitioner => ({
  id,
  displayName,
  colour: '#2f7d6d',
  active: true,
});

/** A clinic: Olive (owner), Maya (linked to her column), Ben (therapist, no column). */
function clinic() {
  const staff: StaffMember[] = [
    member('olive', 'Olive Owner', { roles: ['owner'] }),
    member('maya', 'Maya Patel', { roles: ['therapist'], practitionerId: 'col-maya' }),
    member('ben', 'Ben Hart', { roles: ['therapist'] }),
  ];
  const practitioners = [column('col-maya', 'Maya Patel'), column('col-tom', 'Tom Okafor')];
  const saveAs = (args: StaffInput): StaffMember => {
    const saved = member(args.id ?? 'new-id', args.displayName, {
      username: args.username,
      roles: args.roles,
      practitionerId: args.newColumn ? 'col-new' : (args.practitionerId ?? null),
      active: args.active,
    });
    const at = staff.findIndex((s) => s.id === saved.id);
    if (at >= 0) staff[at] = saved;
    else staff.push(saved);
    if (args.newColumn) practitioners.push(column('col-new', args.displayName));
    return saved;
  };
  return { staff, practitioners, saveAs };
}

function open(extra: Replies = {}) {
  const c = clinic();
  const transport = replyTransport({
    'staff.list': () => c.staff.map((s) => ({ ...s })),
    'practitioners.list': () => [...c.practitioners],
    'staff.save': c.saveAs,
    ...extra,
  });
  setTransport(transport);
  session.desk = {
    signedIn: { staffId: 'olive', displayName: 'Olive Owner', roles: ['owner'] },
    locked: false,
    mustChangePassword: false,
    policy: { idleLockMinutes: 5, calendarVisibleWhenLocked: true, pinSwitch: true },
  };
  render(StaffPage);
  return { transport, c };
}

const row = (username: string) =>
  screen.getAllByTestId('staff-row').find((r) => r.dataset.username === username)!;

async function type(testid: string, value: string) {
  await fireEvent.input(screen.getByTestId(testid), { target: { value } });
}

describe('the staff screen', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    session.desk = null;
  });

  it('says why a therapist without a diary column cannot open their clients’ records', async () => {
    open();
    await waitFor(() => expect(screen.getAllByTestId('staff-row')).toHaveLength(3));
    expect(within(row('ben')).getByTestId('staff-unlinked')).toHaveTextContent(
      'not linked to a diary column',
    );
    expect(within(row('maya')).queryByTestId('staff-unlinked')).not.toBeInTheDocument();
    expect(within(row('maya')).getByTestId('staff-row-column')).toHaveTextContent('Maya Patel');
  });

  it('adds a therapist with a new diary column in one save', async () => {
    const { transport } = open();
    await waitFor(() => expect(screen.getAllByTestId('staff-row')).toHaveLength(3));
    await fireEvent.click(screen.getByTestId('staff-add'));
    await type('staff-name', 'Lena Vogel');
    await type('staff-username', 'lena');
    await type('staff-password', 'welcome-lena');
    await fireEvent.click(screen.getByTestId('staff-role-reception'));
    await fireEvent.click(screen.getByTestId('staff-role-therapist'));
    const select = screen.getByTestId('staff-column') as HTMLSelectElement;
    expect(select.value).toBe('new');
    // Maya's column is hers: only Tom's free column is offered besides "none" and "new".
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'No diary column',
      'Create a new column named “Lena Vogel”',
      'Tom Okafor',
    ]);
    await fireEvent.click(screen.getByTestId('staff-save'));
    await waitFor(() => expect(screen.getAllByTestId('staff-row')).toHaveLength(4));
    expect(transport.argsOf('staff.save')).toEqual([
      {
        password: 'welcome-lena',
        displayName: 'Lena Vogel',
        username: 'lena',
        roles: ['therapist'],
        active: true,
        newColumn: true,
      },
    ]);
    expect(within(row('lena')).getByTestId('staff-row-column')).toHaveTextContent('Lena Vogel');
    expect(screen.getByTestId('staff-saved')).toHaveTextContent('Lena Vogel can now sign in');
    expect(transport.unexpected).toEqual([]);
  });

  it('links an existing column later, and shows the core’s refusal at the column', async () => {
    let refuse = true;
    const { transport, c } = open({
      'staff.save': (args) => {
        if (refuse) {
          refuse = false;
          throw refusal(
            'validation',
            'That diary column is already linked to Tom’s sign-in.',
            'practitionerId',
          );
        }
        return c.saveAs(args);
      },
    });
    await waitFor(() => expect(screen.getAllByTestId('staff-row')).toHaveLength(3));
    await fireEvent.click(within(row('ben')).getByTestId('staff-edit'));
    expect(screen.getByTestId('staff-unlinked-warning')).toHaveTextContent(
      'Ben Hart can’t open any client’s clinical record',
    );
    await fireEvent.change(screen.getByTestId('staff-column'), { target: { value: 'col-tom' } });
    await fireEvent.click(screen.getByTestId('staff-save'));
    expect(await screen.findByTestId('error-practitionerId')).toHaveTextContent(
      'already linked to Tom’s sign-in',
    );
    await fireEvent.click(screen.getByTestId('staff-save'));
    await waitFor(() =>
      expect(within(row('ben')).getByTestId('staff-row-column')).toHaveTextContent('Tom Okafor'),
    );
    expect(transport.argsOf('staff.save').at(-1)).toEqual({
      id: 'ben',
      displayName: 'Ben Hart',
      username: 'ben',
      roles: ['therapist'],
      active: true,
      practitionerId: 'col-tom',
    });
    expect(within(row('ben')).queryByTestId('staff-unlinked')).not.toBeInTheDocument();
  });

  it('deactivates a leaver after saying what it means, and reactivates them', async () => {
    const { transport } = open();
    await waitFor(() => expect(screen.getAllByTestId('staff-row')).toHaveLength(3));
    await fireEvent.click(within(row('maya')).getByTestId('staff-edit'));
    await fireEvent.click(screen.getByTestId('staff-deactivate'));
    expect(screen.getByTestId('staff-form')).toHaveTextContent('keep their name');
    await fireEvent.click(screen.getByTestId('staff-deactivate-confirm'));
    await waitFor(() =>
      expect(within(row('maya')).getByTestId('staff-row-status')).toHaveTextContent('Inactive'),
    );
    expect(transport.argsOf('staff.save').at(-1)).toMatchObject({
      id: 'maya',
      active: false,
      practitionerId: 'col-maya',
    });
    await fireEvent.click(await screen.findByTestId('staff-reactivate'));
    await waitFor(() =>
      expect(within(row('maya')).getByTestId('staff-row-status')).toHaveTextContent('Active'),
    );
  });

  it('shows the last-owner refusal at the deactivate button', async () => {
    open({
      'staff.save': () => {
        throw refusal(
          'validation',
          'This is the clinic’s last active owner: make someone else an owner before deactivating them.',
          'active',
        );
      },
    });
    await waitFor(() => expect(screen.getAllByTestId('staff-row')).toHaveLength(3));
    await fireEvent.click(within(row('olive')).getByTestId('staff-edit'));
    expect(screen.getByTestId('staff-own-secrets')).toHaveTextContent('My account');
    await fireEvent.click(screen.getByTestId('staff-deactivate'));
    await fireEvent.click(screen.getByTestId('staff-deactivate-confirm'));
    expect(await screen.findByTestId('error-active')).toHaveTextContent('last active owner');
  });

  it('resets a password and sets and removes a PIN', async () => {
    const { transport, c } = open({
      'staff.set_password': ({ staffId }) => {
        const m = c.staff.find((s) => s.id === staffId)!;
        m.mustChangePassword = true;
        return { ...m };
      },
      'staff.set_pin': ({ staffId, pin }) => {
        const m = c.staff.find((s) => s.id === staffId)!;
        m.hasPin = pin !== undefined;
        return { ...m };
      },
    });
    await waitFor(() => expect(screen.getAllByTestId('staff-row')).toHaveLength(3));
    await fireEvent.click(within(row('maya')).getByTestId('staff-edit'));
    await type('staff-reset-password', 'temporary-1');
    await fireEvent.click(screen.getByTestId('staff-reset-save'));
    await waitFor(() =>
      expect(within(row('maya')).getByTestId('staff-row-status')).toHaveTextContent(
        'Must choose a new password',
      ),
    );
    expect(screen.getByTestId('staff-saved')).toHaveTextContent('Maya must choose a new password');
    await type('staff-pin', '1357');
    await fireEvent.click(screen.getByTestId('staff-pin-save'));
    await fireEvent.click(await screen.findByTestId('staff-pin-clear'));
    await waitFor(() => expect(screen.queryByTestId('staff-pin-clear')).not.toBeInTheDocument());
    expect(transport.argsOf('staff.set_password')).toEqual([
      { staffId: 'maya', newPassword: 'temporary-1' },
    ]);
    expect(transport.argsOf('staff.set_pin')).toEqual([
      { staffId: 'maya', pin: '1357' },
      { staffId: 'maya' },
    ]);
  });
});
