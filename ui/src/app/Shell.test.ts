import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setTransport, type BackupSettings, type DeskStatus } from '../api';
import { createFakeTransport } from '../api/fake';
import { setDesk } from './session.svelte';
import Shell from './Shell.svelte';

const SCHEDULE: BackupSettings = {
  folder: '/media/usb',
  keep: 14,
  daily: true,
  lastBackupMs: 1_795_000_000_000,
  state: 'working',
};

/** The shell as `who`, with the core's backup settings as given. */
async function open(who: string, backups: BackupSettings) {
  const fake = createFakeTransport({
    scenario: 'demo',
    today: '2026-11-23',
    now: '2026-11-23T08:00',
    signedIn: who,
    extra: { 'backup.settings': () => backups, 'care.may_open': () => true },
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
      state: 'failing',
    });
    const flag = await screen.findByTestId('nav-backup-failed');
    expect(screen.getByTestId('nav-owner')).toContainElement(flag);
    expect(screen.getByTestId('nav-owner')).toHaveTextContent('the daily backup failed');
  });

  it('asks a clinic with no backup folder to choose one, without calling it a failure', async () => {
    await open('owner', { folder: '', keep: 14, daily: true, state: 'chooseFolder' });
    const reminder = await screen.findByTestId('nav-backup-choose');
    expect(screen.getByTestId('nav-owner')).toContainElement(reminder);
    expect(screen.getByTestId('nav-owner')).toHaveTextContent('choose where backups go');
    expect(screen.queryByTestId('nav-backup-failed')).toBeNull();
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

  describe('the sidebar from a full-screen view', () => {
    // A calendar drawn in a test's last moments finishes before the page goes: the calendar
    // library scrolls a moment after drawing, and a page removed by then leaves it nothing.
    const drawn = () => new Promise((resolve) => setTimeout(resolve, 50));
    afterEach(drawn);

    /** Opens the day's first appointment (the calendar redraws once it knows the clinic's
     * today, so the click is repeated until the panel shows) and, from its panel, `button`. */
    async function fromTheCalendar(button: string, screenId: string) {
      await screen.findAllByTestId('appointment');
      await drawn();
      await waitFor(async () => {
        await fireEvent.click(screen.getAllByTestId('appointment')[0]!);
        expect(screen.getByTestId('appointment-panel')).toBeInTheDocument();
      });
      await fireEvent.click(await screen.findByTestId(button));
      return screen.findByTestId(screenId);
    }

    async function sidebar(to: 'calendar' | 'clients') {
      await fireEvent.click(screen.getByTestId(`nav-${to}`));
      // Leaving waits for what the screen still has to save.
      await waitFor(() =>
        expect(screen.getByTestId(`nav-${to}`)).toHaveAttribute('aria-current', 'page'),
      );
    }

    it.each([
      ['the clinical record', 'open-session-note', 'clinical-record'],
      ['the aftercare screen', 'open-aftercare', 'aftercare-screen'],
    ])(
      'leaves %s for the Calendar and for Clients',
      { timeout: 20_000 },
      async (_, button, screenId) => {
        await open('owner', SCHEDULE);
        await fromTheCalendar(button, screenId);
        await sidebar('calendar');
        await waitFor(() => expect(screen.queryByTestId(screenId)).toBeNull());
        expect(screen.getByTestId('calendar')).toBeInTheDocument();

        await fromTheCalendar(button, screenId);
        await sidebar('clients');
        await waitFor(() => expect(screen.queryByTestId(screenId)).toBeNull());
        expect(await screen.findByTestId('client-search')).toBeInTheDocument();
      },
    );

    it(
      'leaves a clinical record opened from Clients for Clients and for the Calendar',
      { timeout: 20_000 },
      async () => {
        await open('owner', SCHEDULE);
        await screen.findAllByTestId('appointment');
        await drawn();
        await sidebar('clients');
        await fireEvent.click((await screen.findAllByTestId('client-row'))[0]!);
        await fireEvent.click(await screen.findByTestId('open-clinical-record'));
        await screen.findByTestId('clinical-record');
        await sidebar('clients');
        await waitFor(() => expect(screen.queryByTestId('clinical-record')).toBeNull());
        expect(screen.getByTestId('client-search')).toBeInTheDocument();

        await fireEvent.click((await screen.findAllByTestId('client-row'))[0]!);
        await fireEvent.click(await screen.findByTestId('open-clinical-record'));
        await screen.findByTestId('clinical-record');
        await sidebar('calendar');
        await waitFor(() => expect(screen.queryByTestId('clinical-record')).toBeNull());
        expect(await screen.findByTestId('calendar')).toBeInTheDocument();
      },
    );
  });
});
