import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { setTransport } from '../api';
import { createFakeTransport } from '../api/fake';
import StaffPage from './StaffPage.svelte';

describe('staff accounts', () => {
  it('lists the staff and adds one, with the core’s errors in place', async () => {
    const fake = createFakeTransport({ scenario: 'demo', today: '2026-11-23', signedIn: 'owner' });
    setTransport(fake);
    render(StaffPage);

    await waitFor(() => expect(screen.getAllByTestId('staff-row')).toHaveLength(5));
    await fireEvent.click(screen.getByTestId('staff-add'));
    await fireEvent.input(screen.getByTestId('staff-name'), { target: { value: 'Lena Vogel' } });
    await fireEvent.input(screen.getByTestId('staff-username'), { target: { value: 'maya' } });
    await fireEvent.input(screen.getByTestId('staff-password'), {
      target: { value: 'welcome-lena' },
    });
    await fireEvent.click(screen.getByTestId('staff-save'));
    expect(await screen.findByTestId('error-username')).toHaveTextContent(
      'That username is already in use.',
    );

    await fireEvent.input(screen.getByTestId('staff-username'), { target: { value: 'lena' } });
    await fireEvent.click(screen.getByTestId('staff-role-therapist'));
    await fireEvent.click(screen.getByTestId('staff-save'));
    await waitFor(() => expect(screen.getAllByTestId('staff-row')).toHaveLength(6));
    expect(fake.calls.filter((c) => c.op === 'staff.save').at(-1)?.args).toEqual({
      displayName: 'Lena Vogel',
      username: 'lena',
      roles: ['reception', 'therapist'],
      active: true,
      password: 'welcome-lena',
    });
  });
});
