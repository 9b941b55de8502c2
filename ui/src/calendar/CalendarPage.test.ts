import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { setTransport, type CalendarView, type DeskStatus } from '../api';
import { setDesk } from '../app/session.svelte';
import { createFakeTransport } from '../api/fake';
import CalendarPage from './CalendarPage.svelte';

/** Reception at the demo clinic, on a Monday morning. */
const RECEPTION = {
  scenario: 'demo',
  today: '2026-11-23',
  now: '2026-11-23T08:00',
  signedIn: 'reception',
} as const;

const shownDate = () => screen.getByTestId('calendar').getAttribute('data-date');

describe('the calendar page', () => {
  beforeEach(async () => {
    const fake = createFakeTransport(RECEPTION);
    setTransport(fake);
    setDesk((await fake.send('staff.me', {})) as DeskStatus);
  });

  it('opens on the clinic’s today, one column per therapist, appointments tagged', async () => {
    render(CalendarPage);
    const events = await screen.findAllByTestId('appointment');
    expect(shownDate()).toBe('2026-11-23');
    expect(events.length).toBeGreaterThan(3);
    for (const event of events) {
      expect(event).toHaveAttribute('data-appointment-id');
      expect(event.getAttribute('aria-label')).toMatch(/^.+–.+ · .+, with [^,]+$/);
    }
    for (const name of ['Hannah Berg', 'Maya Patel', 'Tom Okafor']) {
      expect(within(screen.getByTestId('calendar')).getByText(name)).toBeInTheDocument();
    }
    expect(screen.getByTestId('calendar-date')).toHaveTextContent(/23/);
  });

  it('moves with the keyboard: → next day, t today, n new booking', async () => {
    render(CalendarPage);
    await screen.findAllByTestId('appointment');
    await fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    await waitFor(() => expect(shownDate()).toBe('2026-11-24'));
    await fireEvent.click(screen.getByTestId('calendar-prev'));
    await fireEvent.click(screen.getByTestId('calendar-prev'));
    await waitFor(() => expect(shownDate()).toBe('2026-11-22'));
    await fireEvent.keyDown(document.body, { key: 't' });
    await waitFor(() => expect(shownDate()).toBe('2026-11-23'));
    await fireEvent.keyDown(document.body, { key: 'n' });
    expect(await screen.findByTestId('booking-dialog')).toBeInTheDocument();
    // While the dialog is open, the calendar's keys are the dialog's.
    await fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(shownDate()).toBe('2026-11-23');
  });

  it('hides cancelled appointments until asked, then shows them struck through', async () => {
    render(CalendarPage);
    await screen.findAllByTestId('appointment');
    const cancelled = () =>
      screen.queryAllByTestId('appointment').filter((e) => e.dataset.status === 'cancelled');
    expect(cancelled()).toHaveLength(0);
    await fireEvent.click(screen.getByTestId('show-cancelled'));
    await waitFor(() => expect(cancelled().length).toBeGreaterThan(0));
    expect(cancelled()[0]).toHaveClass('is-cancelled');
  });

  it('opens the details panel for the appointment clicked', async () => {
    render(CalendarPage);
    const [first] = await screen.findAllByTestId('appointment');
    await fireEvent.click(first!);
    const panel = await screen.findByTestId('appointment-panel');
    expect(panel).toHaveAttribute('data-appointment-id', first!.dataset.appointmentId);
  });

  it('flags the appointments of clients with a precaution on file (the flag, not the reason)', async () => {
    const view = (await createFakeTransport(RECEPTION).send('calendar.range', {
      from: '2026-11-23',
      days: 1,
      includeCancelled: false,
    })) as CalendarView;
    const flagged = view.appointments[1]!;
    flagged.hasPrecaution = true;
    const fake = createFakeTransport({ ...RECEPTION, extra: { 'calendar.range': () => view } });
    setTransport(fake);
    setDesk((await fake.send('staff.me', {})) as DeskStatus);
    render(CalendarPage);

    const events = await screen.findAllByTestId('appointment');
    const marked = events.filter((e) => e.dataset.precaution === 'true');
    expect(marked.map((e) => e.dataset.appointmentId)).toEqual([flagged.id]);
    expect(within(marked[0]!).getByTestId('appointment-precaution-flag')).toBeInTheDocument();
    expect(marked[0]!.getAttribute('aria-label')).toContain(', precaution on file');
    expect(screen.getAllByTestId('appointment-precaution-flag')).toHaveLength(1);
  });
});
