import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  setTransport,
  type ApiError,
  type CalendarView,
  type CloseOut,
  type DeskStatus,
  type Unclosed,
} from '../api';
import { createFakeTransport, type FakeTransport } from '../api/fake';
import { setDesk } from '../app/session.svelte';
import CalendarPage from './CalendarPage.svelte';

/** Reception on Wednesday morning: Monday's and Tuesday's visits were never closed out. */
async function reception(extra: Record<string, (args: never) => unknown> = {}) {
  const fake = createFakeTransport({
    scenario: 'demo',
    today: '2026-11-25',
    now: '2026-11-25T08:00',
    signedIn: 'reception',
    extra,
  });
  setTransport(fake);
  setDesk((await fake.send('staff.me', {})) as DeskStatus);
  return fake;
}

async function pending(fake: FakeTransport): Promise<Unclosed> {
  return (await fake.send('appointments.unclosed', {})) as Unclosed;
}

async function openCloseOut() {
  render(CalendarPage);
  await fireEvent.click(await screen.findByTestId('closeout-open'));
  const dialog = await screen.findByTestId('closeout-dialog');
  await within(dialog).findAllByTestId('closeout-row');
  return dialog;
}

const sent = (fake: FakeTransport) =>
  fake.calls.filter((c) => c.op === 'appointments.close_out').map((c) => c.args as CloseOut);

// Each test draws the whole calendar: more than the default 5 s on a busy machine.
const SLOW = { timeout: 20_000 };

describe('closing out the day', () => {
  let fake: FakeTransport;
  beforeEach(async () => {
    fake = await reception();
  });

  it(
    'shows how many wait on the calendar, lists them oldest first and marks all attended',
    SLOW,
    async () => {
      const before = await pending(fake);
      expect(before.count).toBeGreaterThan(3);
      render(CalendarPage);
      expect(await screen.findByTestId('closeout-count')).toHaveTextContent(String(before.count));

      await fireEvent.click(screen.getByTestId('closeout-open'));
      const dialog = await screen.findByTestId('closeout-dialog');
      const rows = await within(dialog).findAllByTestId('closeout-row');
      expect(rows.map((r) => r.dataset.appointmentId)).toEqual(
        before.appointments.map((a) => a.id),
      );
      const first = before.appointments[0]!;
      expect(rows[0]).toHaveTextContent(first.clientName);
      expect(rows[0]).toHaveTextContent(first.serviceName);
      expect(rows[0]).toHaveTextContent(first.practitionerName);
      expect(within(dialog).getByTestId('closeout-save')).toBeDisabled();

      await fireEvent.click(within(dialog).getByTestId('closeout-all-attended'));
      await fireEvent.click(within(dialog).getByTestId('closeout-save'));
      await waitFor(() => expect(screen.queryByTestId('closeout-dialog')).toBeNull());
      expect(sent(fake)).toEqual([
        { items: before.appointments.map((a) => ({ id: a.id, outcome: 'attended' })) },
      ]);
      expect(screen.getByTestId('calendar-notice')).toHaveTextContent(
        `Closed out ${before.count} appointments.`,
      );
      // Nothing left: the badge goes.
      await waitFor(() => expect(screen.queryByTestId('closeout-open')).toBeNull());
      expect((await pending(fake)).count).toBe(0);
    },
  );

  it('sends only the rows given an outcome, in the list’s order, in one call', SLOW, async () => {
    const { appointments } = await pending(fake);
    const dialog = await openCloseOut();
    const rows = within(dialog).getAllByTestId('closeout-row');
    await fireEvent.click(within(rows[2]!).getByTestId('closeout-cancelled'));
    await fireEvent.input(within(rows[2]!).getByTestId('closeout-reason'), {
      target: { value: ' Rang on Monday ' },
    });
    await fireEvent.click(within(rows[0]!).getByTestId('closeout-no_show'));
    expect(within(rows[0]!).queryByTestId('closeout-reason')).toBeNull();
    expect(within(dialog).getByTestId('closeout-save')).toHaveTextContent('Save 2 appointments');
    await fireEvent.click(within(dialog).getByTestId('closeout-save'));
    await waitFor(() => expect(sent(fake)).toHaveLength(1));
    expect(sent(fake)[0]).toEqual({
      items: [
        { id: appointments[0]!.id, outcome: 'no_show' },
        { id: appointments[2]!.id, outcome: 'cancelled', reason: 'Rang on Monday' },
      ],
    });
    const left = await pending(fake);
    expect(left.count).toBe(appointments.length - 2);
    const day = (await fake.send('calendar.range', {
      from: appointments[2]!.start.slice(0, 10),
      days: 1,
      includeCancelled: true,
    })) as CalendarView;
    expect(day.appointments.find((a) => a.id === appointments[2]!.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Rang on Monday',
      lateCancellation: false,
    });
  });
});

describe('a close-out the core refuses', () => {
  it('says why, marks the appointment it names and keeps every choice', SLOW, async () => {
    const refusal: ApiError = {
      code: 'conflict',
      message: 'Item 2: This appointment has not ended yet.',
      field: 'items[1]',
    };
    const fake = await reception({
      'appointments.close_out': () => {
        throw refusal;
      },
    });
    const { appointments } = await pending(fake);
    const dialog = await openCloseOut();
    const rows = within(dialog).getAllByTestId('closeout-row');
    await fireEvent.click(within(rows[1]!).getByTestId('closeout-attended'));
    await fireEvent.click(within(rows[3]!).getByTestId('closeout-no_show'));
    await fireEvent.click(within(dialog).getByTestId('closeout-save'));
    expect(await within(dialog).findByTestId('closeout-error')).toHaveTextContent(refusal.message);
    // items[1] is the second appointment sent: the fourth row.
    expect(rows[3]).toHaveClass('refused');
    expect(rows[3]!.dataset.appointmentId).toBe(appointments[3]!.id);
    expect(within(rows[1]!).getByTestId('closeout-attended')).toBeChecked();
    expect((await pending(fake)).count).toBe(appointments.length);
  });
});
