import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { setTransport } from '../api';
import { createFakeTransport } from '../api/fake';
import FirstRun from './FirstRun.svelte';

describe('first run', () => {
  it('starts the demo clinic with {kind: "demo"}', async () => {
    const fake = createFakeTransport({ scenario: 'empty', today: '2026-11-23' });
    setTransport(fake);
    const onstarted = vi.fn();
    render(FirstRun, { props: { onstarted } });

    await fireEvent.click(screen.getByTestId('start-demo'));

    await waitFor(() => expect(onstarted).toHaveBeenCalledTimes(1));
    expect(fake.calls).toContainEqual({ op: 'setup.start', args: { kind: 'demo' } });
    expect(onstarted).toHaveBeenCalledWith(
      { configured: true, clinicName: 'Riverside Massage & Movement', needsOwner: false },
      'demo',
    );
  });

  it('shows the core’s message when the clinic cannot be started', async () => {
    setTransport({
      send: () =>
        Promise.reject({ code: 'conflict', message: 'This clinic has already been set up.' }),
    });
    const onstarted = vi.fn();
    render(FirstRun, { props: { onstarted } });

    await fireEvent.click(screen.getByTestId('start-demo'));

    expect(await screen.findByTestId('setup-error')).toHaveTextContent(
      'This clinic has already been set up.',
    );
    expect(onstarted).not.toHaveBeenCalled();
  });

  it('sets up an empty clinic from the details form, with field errors in place', async () => {
    const fake = createFakeTransport({ scenario: 'empty', today: '2026-11-23' });
    setTransport(fake);
    const onstarted = vi.fn();
    render(FirstRun, { props: { onstarted } });

    await fireEvent.click(screen.getByTestId('start-setup'));
    await fireEvent.input(screen.getByTestId('setup-name'), { target: { value: 'Calm Hands' } });
    await fireEvent.input(screen.getByTestId('setup-time-zone'), {
      target: { value: 'Europe/Dublin' },
    });
    await fireEvent.input(screen.getByTestId('setup-currency'), { target: { value: 'eu' } });
    await fireEvent.click(screen.getByTestId('setup-save'));

    expect(await screen.findByTestId('error-currency')).toHaveTextContent(
      'Currency should be a code like GBP.',
    );
    expect(onstarted).not.toHaveBeenCalled();

    await fireEvent.input(screen.getByTestId('setup-currency'), { target: { value: 'eur' } });
    await fireEvent.input(screen.getByTestId('setup-owner-name'), {
      target: { value: 'Ana Ortiz' },
    });
    await fireEvent.input(screen.getByTestId('setup-owner-username'), {
      target: { value: 'ana' },
    });
    await fireEvent.input(screen.getByTestId('setup-owner-password'), {
      target: { value: 'short' },
    });
    await fireEvent.click(screen.getByTestId('setup-save'));

    // The owner's password is checked by the core and its message lands under the field.
    expect(await screen.findByTestId('error-owner.password')).toHaveTextContent(
      'Password should be 8 to 200 characters.',
    );
    expect(screen.getByTestId('setup-owner-password')).toHaveAttribute('aria-invalid', 'true');
    expect(onstarted).not.toHaveBeenCalled();

    await fireEvent.input(screen.getByTestId('setup-owner-password'), {
      target: { value: 'calm-hands-2026' },
    });
    await fireEvent.click(screen.getByTestId('setup-save'));
    await waitFor(() =>
      expect(onstarted).toHaveBeenCalledWith(
        { configured: true, clinicName: 'Calm Hands', needsOwner: false },
        'empty',
      ),
    );
    const start = fake.calls.filter((c) => c.op === 'setup.start').at(-1);
    expect(start?.args).toMatchObject({
      kind: 'empty',
      settings: { name: 'Calm Hands', timeZone: 'Europe/Dublin', currency: 'EUR' },
      owner: { displayName: 'Ana Ortiz', username: 'ana', password: 'calm-hands-2026' },
    });
    // The new owner is signed in.
    expect(await fake.send('staff.me', {})).toMatchObject({
      signedIn: { displayName: 'Ana Ortiz', roles: ['owner'] },
      locked: false,
    });
  });
});
