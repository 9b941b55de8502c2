import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { setTransport, type SettingsChoices } from '../api';
import { refusal, replyTransport, type Replies } from '../api/replies';
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

  describe('my own clinic', () => {
    const CHOICES: SettingsChoices = {
      timeZones: ['America/Toronto', 'Europe/Dublin', 'Europe/London'],
      currencies: [
        { code: 'CAD', name: 'Canadian Dollar' },
        { code: 'EUR', name: 'Euro' },
        { code: 'GBP', name: 'British Pound' },
      ],
    };

    /** This computer's time zone, as the browser reports it. */
    function computerIn(timeZone: string) {
      const real = Intl.DateTimeFormat.prototype.resolvedOptions;
      vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(function (
        this: Intl.DateTimeFormat,
      ) {
        return { ...real.call(this), timeZone };
      });
    }

    async function openDetails(replies: Replies) {
      const transport = replyTransport({ 'settings.choices': () => CHOICES, ...replies });
      setTransport(transport);
      const onstarted = vi.fn();
      render(FirstRun, { props: { onstarted } });
      await fireEvent.click(screen.getByTestId('start-setup'));
      await screen.findByRole('option', { name: 'Europe — Dublin' });
      return { transport, onstarted };
    }

    it('chooses time zone and currency from the core’s lists, pre-filled from this computer', async () => {
      computerIn('Europe/Dublin');
      await openDetails({});
      expect(screen.getByTestId('setup-time-zone')).toHaveValue('Europe/Dublin');
      expect(screen.getByTestId('setup-time-zone').tagName).toBe('SELECT');
      expect(screen.getByRole('option', { name: 'GBP — British Pound' })).toBeInTheDocument();
    });

    it('never pre-fills UTC: a computer on UTC leaves the time zone to choose', async () => {
      computerIn('UTC');
      await openDetails({});
      expect(screen.getByTestId('setup-time-zone')).toHaveValue('');
      expect(screen.getByRole('option', { name: /Choose the clinic’s time zone/ })).toBeVisible();
    });

    it('shows every problem the core names at once, each under its field', async () => {
      computerIn('UTC');
      let tries = 0;
      const { transport, onstarted } = await openDetails({
        'setup.start': () => {
          tries += 1;
          if (tries === 1) {
            throw {
              ...refusal('validation', 'Clinic name is required.', 'name'),
              problems: [
                { field: 'name', message: 'Clinic name is required.' },
                { field: 'timeZone', message: 'Choose the clinic’s time zone.' },
                { field: 'owner.password', message: 'Password should be 8 to 200 characters.' },
              ],
            };
          }
          return { configured: true, clinicName: 'Calm Hands', needsOwner: false };
        },
      });
      await fireEvent.input(screen.getByTestId('setup-owner-password'), {
        target: { value: 'short' },
      });
      await fireEvent.click(screen.getByTestId('setup-save'));

      expect(await screen.findByTestId('error-name')).toHaveTextContent('Clinic name is required.');
      expect(screen.getByTestId('error-timeZone')).toHaveTextContent(
        'Choose the clinic’s time zone.',
      );
      expect(screen.getByTestId('error-owner.password')).toHaveTextContent(
        'Password should be 8 to 200 characters.',
      );
      expect(screen.getByTestId('setup-name')).toHaveAttribute('aria-invalid', 'true');
      expect(screen.getByTestId('setup-owner-password')).toHaveAttribute('aria-invalid', 'true');
      expect(screen.queryByTestId('setup-error')).toBeNull();
      await waitFor(() => expect(screen.getByTestId('setup-name')).toHaveFocus());

      await fireEvent.input(screen.getByTestId('setup-name'), { target: { value: 'Calm Hands' } });
      await fireEvent.change(screen.getByTestId('setup-time-zone'), {
        target: { value: 'Europe/Dublin' },
      });
      await fireEvent.change(screen.getByTestId('setup-currency'), { target: { value: 'EUR' } });
      await fireEvent.input(screen.getByTestId('setup-owner-name'), {
        target: { value: 'Ana Ortiz' },
      });
      await fireEvent.input(screen.getByTestId('setup-owner-username'), {
        target: { value: 'ana' },
      });
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
      expect(transport.argsOf('setup.start').at(-1)).toMatchObject({
        kind: 'empty',
        settings: { name: 'Calm Hands', timeZone: 'Europe/Dublin', currency: 'EUR' },
        owner: { displayName: 'Ana Ortiz', username: 'ana', password: 'calm-hands-2026' },
      });
      expect(transport.unexpected).toEqual([]);
    });

    it('sends unreadable hours to the core with the rest, and shows both problems', async () => {
      computerIn('Europe/Dublin');
      const { transport } = await openDetails({
        'setup.start': () => {
          throw refusal('validation', 'Clinic name is required.', 'name');
        },
      });
      await fireEvent.input(screen.getByTestId('setup-late-cancel-hours'), {
        target: { value: '' },
      });
      await fireEvent.click(screen.getByTestId('setup-save'));
      expect(await screen.findByTestId('error-lateCancelHours')).toHaveTextContent(
        'Give the notice in whole hours, for example 24.',
      );
      expect(screen.getByTestId('error-name')).toHaveTextContent('Clinic name is required.');
      expect(transport.argsOf('setup.start')).toHaveLength(1);
    });
  });
});
