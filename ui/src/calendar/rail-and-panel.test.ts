import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import {
  call,
  setTransport,
  type Appointment,
  type DeskStatus,
  type MoveAppointment,
  type PrintDaySheet,
  type SetStatus,
} from '../api';
import { createFakeTransport } from '../api/fake';
import { setDesk } from '../app/session.svelte';
import AppointmentPanel from './AppointmentPanel.svelte';
import DaySheetPrint from './DaySheetPrint.svelte';
import MiniMonth from './MiniMonth.svelte';

const TODAY = '2026-11-23';

async function reception(extra: Record<string, (args: never) => unknown>, who = 'reception') {
  const fake = createFakeTransport({
    scenario: 'demo',
    today: TODAY,
    signedIn: who,
    extra,
  });
  setTransport(fake);
  setDesk((await fake.send('staff.me', {})) as DeskStatus);
  const day = await call('calendar.range', { from: TODAY, days: 1, includeCancelled: false });
  return { fake, day };
}

describe('the appointment panel’s changes', () => {
  it('sets a status and shows the core’s refusal of one', async () => {
    const { fake, day } = await reception({
      'appointments.set_status': (args: SetStatus) => {
        if (args.status === 'completed')
          throw {
            code: 'conflict',
            message: 'An appointment that is booked cannot become completed.',
          };
        return { ...day.appointments[0]!, status: args.status };
      },
    });
    const onstatus = vi.fn();
    const appointment = day.appointments[0]!;
    render(AppointmentPanel, {
      props: { appointment, onclose: vi.fn(), oncancelled: vi.fn(), onstatus },
    });
    expect(screen.getByTestId('status-to-booked')).toBeDisabled();
    await fireEvent.click(screen.getByTestId('status-to-completed'));
    expect(await screen.findByTestId('status-error')).toHaveTextContent('cannot become completed');
    await fireEvent.click(screen.getByTestId('status-to-arrived'));
    await waitFor(() => expect(onstatus).toHaveBeenCalledTimes(1));
    expect(onstatus.mock.calls[0]![0]).toMatchObject({ id: appointment.id, status: 'arrived' });
    expect(fake.calls.filter((c) => c.op === 'appointments.set_status').map((c) => c.args)).toEqual(
      [
        { id: appointment.id, status: 'completed' },
        { id: appointment.id, status: 'arrived' },
      ],
    );
  });

  it('moves to another therapist and time from the form, this and the following ones', async () => {
    const { fake, day } = await reception({
      'appointments.move': (args: MoveAppointment) => ({
        ...day.appointments[0]!,
        ...args,
        following: [],
        offers: [],
      }),
    });
    const appointment: Appointment = { ...day.appointments[0]!, seriesId: 'course-1' };
    const other = day.practitioners.find((p) => p.id !== appointment.practitionerId)!;
    const onmoved = vi.fn();
    render(AppointmentPanel, {
      props: {
        appointment,
        practitioners: day.practitioners,
        rooms: day.rooms,
        onclose: vi.fn(),
        oncancelled: vi.fn(),
        onmoved,
      },
    });
    expect(screen.getByTestId('appointment-series')).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId('appointment-change'));
    await fireEvent.change(screen.getByTestId('move-practitioner'), {
      target: { value: other.id },
    });
    await fireEvent.change(screen.getByTestId('move-time'), { target: { value: '18:30' } });
    await fireEvent.click(screen.getByTestId('move-scope-following'));
    await fireEvent.click(screen.getByTestId('move-submit'));
    await waitFor(() => expect(onmoved).toHaveBeenCalledTimes(1));
    expect(fake.calls.at(-1)!.args).toEqual({
      id: appointment.id,
      practitionerId: other.id,
      roomId: appointment.roomId,
      start: `${appointment.start.slice(0, 10)}T18:30`,
      scope: 'following',
    });
  });
});

describe('moving outside hours', () => {
  /** The change form open on an appointment, with a core that refuses any move without a reason. */
  async function open(who: string) {
    const { fake, day } = await reception(
      {
        'appointments.move': (args: MoveAppointment) => {
          if (!args.overrideReason)
            throw {
              code: 'conflict',
              field: 'start',
              message: 'The clinic is not open on Sundays.',
            };
          return { ...day.appointments[0]!, ...args, following: [], offers: [] };
        },
      },
      who,
    );
    const onmoved = vi.fn();
    render(AppointmentPanel, {
      props: {
        appointment: day.appointments[0]!,
        practitioners: day.practitioners,
        rooms: day.rooms,
        onclose: vi.fn(),
        oncancelled: vi.fn(),
        onmoved,
      },
    });
    await fireEvent.click(screen.getByTestId('appointment-change'));
    await fireEvent.change(screen.getByTestId('move-date'), { target: { value: '2026-11-29' } });
    await fireEvent.click(screen.getByTestId('move-submit'));
    expect(await screen.findByTestId('error-start')).toHaveTextContent('not open on Sundays');
    return { fake, onmoved };
  }

  it('lets the owner move it anyway with a reason the core receives', async () => {
    const { fake, onmoved } = await open('owner');
    expect(screen.getByTestId('move-submit')).toHaveTextContent('Move outside hours');
    await fireEvent.click(screen.getByTestId('move-submit'));
    expect(await screen.findByTestId('error-overrideReason')).toHaveTextContent('Say why');
    expect(fake.count('appointments.move')).toBe(1);
    await fireEvent.input(screen.getByTestId('move-override-reason'), {
      target: { value: 'Sunday clinic for the sports club' },
    });
    await fireEvent.click(screen.getByTestId('move-submit'));
    await waitFor(() => expect(onmoved).toHaveBeenCalledTimes(1));
    expect(fake.calls.at(-1)!.args).toMatchObject({
      start: expect.stringMatching(/^2026-11-29T/),
      overrideReason: 'Sunday clinic for the sports club',
    });
  });

  it('offers reception no override', async () => {
    await open('reception');
    expect(screen.queryByTestId('move-override')).toBeNull();
    expect(screen.getByTestId('move-submit')).toHaveTextContent(/^Move$/);
  });
});

describe('the calendar’s rail', () => {
  it('prints one therapist’s day sheet through the shell', async () => {
    const { fake, day } = await reception({
      'schedule.day_sheet_pdf': () => ({
        fileName: 'day-sheet-2026-11-23.pdf',
        base64: 'JVBERi0=',
      }),
    });
    render(DaySheetPrint, { props: { date: TODAY, practitioners: day.practitioners } });
    const maya = day.practitioners.find((p) => p.displayName === 'Maya Patel')!;
    await fireEvent.change(screen.getByTestId('day-sheet-therapist'), {
      target: { value: maya.id },
    });
    await fireEvent.click(screen.getByTestId('print-day-sheet'));
    expect(await screen.findByTestId('day-sheet-done')).toHaveTextContent('opened for printing');
    const asked = fake.calls.find((c) => c.op === 'schedule.day_sheet_pdf')!.args as PrintDaySheet;
    expect(asked).toEqual({
      date: TODAY,
      practitionerId: maya.id,
      options: { paper: 'a4', largePrint: false },
    });
    expect(fake.calls.at(-1)).toEqual({
      op: 'open_pdf',
      args: { fileName: 'day-sheet-2026-11-23.pdf', base64: 'JVBERi0=' },
    });
  });

  it('jumps to a day from the mini month, by click or by arrow keys and Enter', async () => {
    const onpick = vi.fn();
    render(MiniMonth, { props: { date: TODAY, today: TODAY, onpick } });
    const shown = screen.getByRole('button', { current: 'date' });
    expect(shown).toHaveAttribute('data-date', TODAY);
    expect(shown).toHaveAttribute('tabindex', '0');
    await fireEvent.keyDown(shown, { key: 'ArrowDown' });
    const next = document.activeElement as HTMLElement;
    expect(next).toHaveAttribute('data-date', '2026-11-30');
    await fireEvent.keyDown(next, { key: 'ArrowRight' }); // into December
    expect(document.activeElement).toHaveAttribute('data-date', '2026-12-01');
    await fireEvent.click(document.activeElement!);
    expect(onpick).toHaveBeenCalledWith('2026-12-01');
  });
});
