import { render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { setTransport, type BackupSettings, type DeskStatus } from '../api';
import { createFakeTransport } from '../api/fake';
import { setDesk } from './session.svelte';
import Shell from './Shell.svelte';

const SCHEDULE: BackupSettings = { folder: '/media/usb', keep: 14, daily: true };

/** The shell as `who`, with the core's backup settings as given. */
async function open(who: string, backups: BackupSettings) {
  const fake = createFakeTransport({
    scenario: 'demo',
    today: '2026-11-23',
    now: '2026-11-23T08:00',
    signedIn: who,
    extra: { 'backup.settings': () => backups },
  });
  setTransport(fake);
  const desk = (await fake.send('staff.me', {})) as DeskStatus;
  setDesk(desk);
  render(Shell, { props: { clinicName: 'Riverside', actor: desk.signedIn!, ondesk: vi.fn() } });
  await screen.findByTestId('nav-calendar');
  return fake;
}

describe('the shell', () => {
  it('flags a failed daily backup on Data & security for the owner', async () => {
    await open('owner', {
      ...SCHEDULE,
      lastFailure: { atMs: 1_795_000_000_000, message: 'That folder does not exist.' },
    });
    const flag = await screen.findByTestId('nav-backup-failed');
    expect(screen.getByTestId('nav-owner')).toContainElement(flag);
    expect(screen.getByTestId('nav-owner')).toHaveTextContent('the daily backup failed');
  });

  it('shows no flag while backups work, and never asks for reception', async () => {
    const fake = await open('owner', SCHEDULE);
    await waitFor(() => expect(fake.count('backup.settings')).toBe(1));
    expect(screen.queryByTestId('nav-backup-failed')).toBeNull();
    document.body.innerHTML = '';

    const desk = await open('reception', SCHEDULE);
    expect(desk.count('backup.settings')).toBe(0);
    expect(screen.queryByTestId('nav-backup-failed')).toBeNull();
  });
});
