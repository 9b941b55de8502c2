import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { setTransport, type ClinicHours, type TherapistHours } from '../api';
import { createFakeTransport } from '../api/fake';
import SettingsPage from './SettingsPage.svelte';

const TODAY = '2026-11-23';

async function type(element: HTMLElement, value: string) {
  await fireEvent.input(element, { target: { value } });
}

function lastArgs(fake: ReturnType<typeof createFakeTransport>, op: string) {
  return fake.calls.filter((c) => c.op === op).at(-1)?.args as Record<string, unknown>;
}

async function openTab(name: RegExp) {
  await fireEvent.click(await screen.findByRole('tab', { name }));
}

describe('the owner’s set-up', () => {
  it('adds a service offered by one therapist that needs a type of room', async () => {
    const fake = createFakeTransport({ scenario: 'demo', today: TODAY });
    setTransport(fake);
    render(SettingsPage);
    await openTab(/Services & rooms/);
    const services = await screen.findByTestId('services');
    await waitFor(() => expect(within(services).getAllByTestId('services-edit').length).toBe(6));

    await fireEvent.click(screen.getByTestId('services-add'));
    await type(screen.getByTestId('services-edit-name'), 'Hot stone massage');
    await type(screen.getByTestId('services-edit-durationMin'), '75');
    await type(screen.getByTestId('services-edit-bufferMin'), '20');
    await type(screen.getByTestId('services-edit-priceMinor'), '80.50');
    await type(screen.getByTestId('services-edit-roomType'), 'hydro');
    const offered = screen.getAllByTestId('services-edit-offered');
    const maya = offered.find((box) => box.parentElement?.textContent?.includes('Maya Patel'))!;
    await fireEvent.click(maya);
    await fireEvent.click(screen.getByTestId('services-save'));

    await waitFor(() => expect(fake.count('services.save')).toBe(1));
    expect(lastArgs(fake, 'services.save')).toEqual({
      name: 'Hot stone massage',
      durationMin: 75,
      bufferMin: 20,
      priceMinor: 8050,
      colour: '#3b7ea1',
      roomType: 'hydro',
      practitionerIds: [maya.dataset.practitionerId],
      active: true,
    });
    const row = await within(services).findByText('Hot stone massage');
    const line = row.closest('li')!;
    expect(within(line).getByTestId('service-detail')).toHaveTextContent(
      'Maya Patel · needs a hydro room',
    );
    expect(line).toHaveTextContent('75 min + 20 turnover');
    expect(line).toHaveTextContent('80.50');
  });

  it('shows the core’s refusal next to the field it names', async () => {
    const fake = createFakeTransport({
      scenario: 'demo',
      today: TODAY,
      extra: {
        'services.save': () => {
          throw {
            code: 'validation',
            field: 'practitionerIds',
            message: 'One of those therapists does not exist.',
          };
        },
      },
    });
    setTransport(fake);
    render(SettingsPage);
    await openTab(/Services & rooms/);
    await fireEvent.click(await screen.findByTestId('services-add'));
    await type(screen.getByTestId('services-edit-name'), 'Reflexology');
    await type(screen.getByTestId('services-edit-priceMinor'), '40');
    await fireEvent.click(screen.getByTestId('services-save'));
    expect(await screen.findByTestId('error-practitionerIds')).toHaveTextContent(
      'One of those therapists does not exist.',
    );
  });

  it('gives a room a type', async () => {
    const fake = createFakeTransport({ scenario: 'demo', today: TODAY });
    setTransport(fake);
    render(SettingsPage);
    await openTab(/Services & rooms/);
    const rooms = await screen.findByTestId('rooms');
    await waitFor(() =>
      expect(within(rooms).getAllByTestId('rooms-edit').length).toBeGreaterThan(0),
    );
    await fireEvent.click(within(rooms).getAllByTestId('rooms-edit')[0]!);
    await type(screen.getByTestId('rooms-edit-roomType'), 'Hydro');
    await fireEvent.click(screen.getByTestId('rooms-save'));
    await waitFor(() => expect(fake.count('rooms.save')).toBe(1));
    expect(lastArgs(fake, 'rooms.save')).toMatchObject({ roomType: 'Hydro', active: true });
  });

  it('sets a therapist’s week with two blocks, a break, time off and one-off hours', async () => {
    let stored: TherapistHours | null = null;
    const fake = createFakeTransport({
      scenario: 'demo',
      today: TODAY,
      extra: {
        'schedule.therapist_hours.get': (args: { id: string }) =>
          stored ?? {
            practitionerId: args.id,
            weekly: [{ weekday: 1, start: '09:00', end: '13:00' }],
            breaks: [],
            timeOff: [],
            dayChanges: [],
          },
        'schedule.therapist_hours.save': (args: TherapistHours) => (stored = args),
      },
    });
    setTransport(fake);
    render(SettingsPage);
    await openTab(/Therapists & hours/);
    const buttons = await screen.findAllByTestId('therapist-hours');
    const maya = buttons.find((b) => b.closest('li')?.textContent?.includes('Maya Patel'))!;
    await fireEvent.click(maya);

    const editor = await screen.findByTestId('hours-editor');
    expect(editor).toHaveAttribute('data-practitioner-id', maya.dataset.practitionerId);
    const monday = (await within(editor).findAllByTestId('week-day'))[0]!;
    expect(within(monday).getAllByTestId('work-block')).toHaveLength(1);
    await fireEvent.click(within(monday).getByTestId('work-add'));
    const second = within(monday).getAllByTestId('work-block')[1]!;
    // A new block starts where the last one ended, ready to type.
    expect(within(second).getByTestId('block-start')).toHaveValue('13:00');
    await waitFor(() => expect(within(second).getByTestId('block-start')).toHaveFocus());
    await fireEvent.change(within(second).getByTestId('block-start'), {
      target: { value: '14:00' },
    });
    await fireEvent.change(within(second).getByTestId('block-end'), { target: { value: '18:00' } });
    await fireEvent.click(within(monday).getByTestId('break-add'));

    await fireEvent.click(within(editor).getByTestId('time-off-add'));
    const off = within(editor).getByTestId('time-off');
    await fireEvent.change(within(off).getByTestId('time-off-first'), {
      target: { value: '2026-12-21' },
    });
    await fireEvent.change(within(off).getByTestId('time-off-last'), {
      target: { value: '2026-12-31' },
    });
    await type(within(off).getByTestId('time-off-reason'), 'Holiday');
    await fireEvent.click(within(editor).getByTestId('day-change-add'));
    await fireEvent.change(within(editor).getByTestId('day-change-day'), {
      target: { value: '2026-11-28' },
    });

    await fireEvent.click(within(editor).getByTestId('hours-save'));
    expect(await within(editor).findByTestId('hours-saved')).toHaveTextContent(
      "Maya Patel's hours are saved.",
    );
    // The lists reload after a save; the confirmation (and the editor) stay.
    await waitFor(() => expect(fake.count('practitioners.list')).toBe(2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(within(editor).getByTestId('hours-saved')).toBeInTheDocument();
    expect(fake.count('schedule.therapist_hours.get')).toBe(1);
    expect(lastArgs(fake, 'schedule.therapist_hours.save')).toEqual({
      practitionerId: maya.dataset.practitionerId,
      weekly: [
        { weekday: 1, start: '09:00', end: '13:00' },
        { weekday: 1, start: '14:00', end: '18:00' },
      ],
      breaks: [{ weekday: 1, start: '12:30', end: '13:00' }],
      timeOff: [{ firstDay: '2026-12-21', lastDay: '2026-12-31', reason: 'Holiday' }],
      dayChanges: [{ day: '2026-11-28', start: '09:00', end: '17:00' }],
    });
  });

  it('copies Monday to the other weekdays and shows a refusal under the week', async () => {
    const fake = createFakeTransport({
      scenario: 'demo',
      today: TODAY,
      extra: {
        'schedule.therapist_hours.get': (args: { id: string }) => ({
          practitionerId: args.id,
          weekly: [
            { weekday: 1, start: '09:00', end: '12:00' },
            { weekday: 1, start: '13:00', end: '17:00' },
            { weekday: 3, start: '10:00', end: '11:00' },
            { weekday: 6, start: '10:00', end: '14:00' },
          ],
          breaks: [],
          timeOff: [],
          dayChanges: [],
        }),
        'schedule.therapist_hours.save': () => {
          throw {
            code: 'validation',
            field: 'weekly',
            message: 'Each block must end after it starts.',
          };
        },
      },
    });
    setTransport(fake);
    render(SettingsPage);
    await openTab(/Therapists & hours/);
    await fireEvent.click((await screen.findAllByTestId('therapist-hours'))[0]!);
    const editor = await screen.findByTestId('hours-editor');
    await within(editor).findAllByTestId('week-day');
    await fireEvent.click(within(editor).getByTestId('week-copy-monday'));
    const days = within(editor).getAllByTestId('week-day');
    expect(days.map((d) => within(d).queryAllByTestId('work-block').length)).toEqual([
      2, 2, 2, 2, 2, 1, 0,
    ]);

    await fireEvent.click(within(editor).getByTestId('hours-save'));
    expect(await within(editor).findByTestId('error-weekly')).toHaveTextContent(
      'Each block must end after it starts.',
    );
    const sent = lastArgs(fake, 'schedule.therapist_hours.save');
    expect((sent.weekly as unknown[]).length).toBe(11);
    expect(within(editor).queryByTestId('hours-saved')).toBeNull();
  });

  it('sets opening hours and a closure', async () => {
    let stored: ClinicHours = { weekly: [], closures: [] };
    const fake = createFakeTransport({
      scenario: 'demo',
      today: TODAY,
      extra: {
        'schedule.clinic_hours.get': () => stored,
        'schedule.clinic_hours.save': (args: ClinicHours) => (stored = args),
      },
    });
    setTransport(fake);
    render(SettingsPage);
    await openTab(/Opening hours/);
    const form = await screen.findByTestId('opening-hours');
    const tuesday = (await within(form).findAllByTestId('week-day'))[1]!;
    await fireEvent.click(within(tuesday).getByTestId('open-add'));
    await fireEvent.click(within(form).getByTestId('closure-add'));
    await fireEvent.change(within(form).getByTestId('closure-day'), {
      target: { value: '2026-12-25' },
    });
    await type(within(form).getByTestId('closure-reason'), 'Christmas Day');
    await fireEvent.click(within(form).getByTestId('opening-save'));
    expect(await within(form).findByTestId('opening-saved')).toHaveTextContent('saved');
    expect(stored).toEqual({
      weekly: [{ weekday: 2, start: '09:00', end: '18:00' }],
      closures: [{ day: '2026-12-25', reason: 'Christmas Day' }],
    });
  });

  it('moves between the parts with the arrow keys', async () => {
    setTransport(createFakeTransport({ scenario: 'demo', today: TODAY }));
    render(SettingsPage);
    const clinic = await screen.findByTestId('settings-tab-clinic');
    expect(clinic).toHaveAttribute('aria-selected', 'true');
    await fireEvent.keyDown(clinic, { key: 'ArrowRight' });
    expect(screen.getByTestId('settings-tab-services')).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByTestId('settings-tab-services')).toHaveFocus();
    await fireEvent.keyDown(screen.getByTestId('settings-tab-services'), { key: 'ArrowLeft' });
    await fireEvent.keyDown(screen.getByTestId('settings-tab-clinic'), { key: 'ArrowLeft' });
    expect(screen.getByTestId('settings-tab-opening')).toHaveAttribute('aria-selected', 'true');
  });
});
