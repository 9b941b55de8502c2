import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { setTransport, type ClinicSettings, type DeskStatus } from '../api';
import { createFakeTransport, type FakeTransport } from '../api/fake';
import { setDesk } from '../app/session.svelte';
import SettingsPage from './SettingsPage.svelte';

describe('shared care in Settings', () => {
  let fake: FakeTransport;

  beforeEach(async () => {
    fake = createFakeTransport({ scenario: 'demo', today: '2026-11-23', signedIn: 'owner' });
    setTransport(fake);
    setDesk((await fake.send('staff.me', {})) as DeskStatus);
  });

  it('is off by default and saves the flag with the stored details when ticked', async () => {
    render(SettingsPage);
    const box = await screen.findByTestId('settings-shared-care');
    expect(box).not.toBeChecked();
    expect(screen.getByLabelText(/Shared care: every therapist may open/)).toBe(box);

    await fireEvent.click(box);
    await waitFor(() => expect(box).toBeChecked());
    const sent = fake.calls.find((c) => c.op === 'settings.update')?.args;
    expect(sent).toMatchObject({ sharedCare: true, name: 'Riverside Massage & Movement' });
    expect(await fake.send('settings.get', {})).toMatchObject({ sharedCare: true });
  });

  it('keeps the flag when the clinic details form is saved without it', async () => {
    const stored = (await fake.send('settings.get', {})) as ClinicSettings;
    await fake.send('settings.update', { ...stored, sharedCare: true });
    render(SettingsPage);
    await fireEvent.click(await screen.findByTestId('settings-save'));
    await waitFor(() =>
      expect(fake.calls.filter((c) => c.op === 'settings.update')).toHaveLength(2),
    );
    expect(await fake.send('settings.get', {})).toMatchObject({ sharedCare: true });
    expect(screen.getByTestId('settings-shared-care')).toBeChecked();
  });
});
