import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { call, setTransport, type DeskStatus, type StaffMember } from '../api';
import { refusal, replyTransport } from '../api/replies';
import { session, watchAccess } from '../app/session.svelte';
import App from '../App.svelte';
import ChooseNewPassword from './ChooseNewPassword.svelte';
import MyAccount from './MyAccount.svelte';

const rita = { staffId: 'rita', displayName: 'Rita Desk', roles: ['reception' as const] };

function desk(extra: Partial<DeskStatus> = {}): DeskStatus {
  return {
    signedIn: rita,
    locked: false,
    mustChangePassword: false,
    policy: { idleLockMinutes: 5, calendarVisibleWhenLocked: true, pinSwitch: true },
    ...extra,
  };
}

const stored: StaffMember = {
  id: 'rita',
  displayName: 'Rita Desk',
  username: 'rita',
  roles: ['reception'],
  practitionerId: null,
  active: true,
  hasPin: false,
  mustChangePassword: false,
  lockedUntilMs: null,
};

async function type(testid: string, value: string) {
  await fireEvent.input(screen.getByTestId(testid), { target: { value } });
}

describe('one’s own sign-in', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    session.desk = null;
  });

  it('changes one’s own password and PIN under My account, with the current password', async () => {
    const transport = replyTransport({
      'staff.set_password': ({ currentPassword }) => {
        if (currentPassword !== 'rita-password') {
          throw refusal('validation', 'The current password is not right.', 'currentPassword');
        }
        return stored;
      },
      'staff.set_pin': ({ pin }) => ({ ...stored, hasPin: pin !== undefined }),
    });
    setTransport(transport);
    render(MyAccount, { actor: rita });

    await type('password-current', 'wrong-one');
    await type('password-new', 'brand-new-1');
    await type('password-repeat', 'brand-new-2');
    await fireEvent.click(screen.getByTestId('password-save'));
    expect(await screen.findByTestId('error-repeat')).toHaveTextContent('not the same');
    expect(transport.argsOf('staff.set_password')).toEqual([]);

    await type('password-repeat', 'brand-new-1');
    await fireEvent.click(screen.getByTestId('password-save'));
    expect(await screen.findByTestId('error-currentPassword')).toHaveTextContent('not right');
    await type('password-current', 'rita-password');
    await fireEvent.click(screen.getByTestId('password-save'));
    expect(await screen.findByTestId('my-account-saved')).toHaveTextContent('new password');

    await type('my-pin-current', 'brand-new-1');
    await type('my-pin', '2468');
    await fireEvent.click(screen.getByTestId('my-pin-save'));
    await waitFor(() => expect(screen.getByTestId('my-account-saved')).toHaveTextContent('PIN'));
    await type('my-pin-current', 'brand-new-1');
    await fireEvent.click(screen.getByTestId('my-pin-clear'));
    await waitFor(() =>
      expect(screen.getByTestId('my-account-saved')).toHaveTextContent('PIN is removed'),
    );
    expect(transport.argsOf('staff.set_password').at(-1)).toEqual({
      staffId: 'rita',
      currentPassword: 'rita-password',
      newPassword: 'brand-new-1',
    });
    expect(transport.argsOf('staff.set_pin')).toEqual([
      { staffId: 'rita', currentPassword: 'brand-new-1', pin: '2468' },
      { staffId: 'rita', currentPassword: 'brand-new-1' },
    ]);
  });

  it('after a reset, asks for the temporary password and a new one, then goes on', async () => {
    const transport = replyTransport({
      'staff.set_password': () => stored,
      'staff.me': () => desk(),
    });
    setTransport(transport);
    const told: DeskStatus[] = [];
    render(ChooseNewPassword, { actor: rita, ondesk: (d: DeskStatus) => told.push(d) });
    expect(screen.getByTestId('must-change-screen')).toHaveTextContent('an owner reset');
    await type('password-current', 'temporary-1');
    await type('password-new', 'mine-now-1');
    await type('password-repeat', 'mine-now-1');
    await fireEvent.click(screen.getByTestId('password-save'));
    await waitFor(() => expect(told).toEqual([desk()]));
    expect(transport.argsOf('staff.set_password')).toEqual([
      { staffId: 'rita', currentPassword: 'temporary-1', newPassword: 'mine-now-1' },
    ]);
  });

  it('shows the screen instead of the app after signing in with a reset password', async () => {
    const transport = replyTransport({
      'setup.status': () => ({ configured: true, needsOwner: false, clinicName: 'Test Clinic' }),
      'staff.me': () => desk({ mustChangePassword: true }),
      'staff.sign_out': () => desk({ signedIn: null }),
      'setup.demo_accounts': () => [],
    });
    setTransport(transport);
    render(App);
    expect(await screen.findByTestId('must-change-screen')).toBeInTheDocument();
    expect(screen.queryByTestId('signed-in-as')).not.toBeInTheDocument();
    await fireEvent.click(screen.getByTestId('must-change-sign-out'));
    expect(await screen.findByTestId('signin-form')).toBeInTheDocument();
    expect(transport.unexpected).toEqual([]);
  });

  it('a call refused with must_change_password turns the desk to that screen', async () => {
    setTransport(
      replyTransport({
        'settings.get': () => {
          throw refusal('must_change_password', 'Your password was reset.');
        },
      }),
    );
    watchAccess();
    session.desk = desk();
    await expect(call('settings.get', {})).rejects.toMatchObject({
      code: 'must_change_password',
    });
    expect(session.desk?.mustChangePassword).toBe(true);
  });
});
