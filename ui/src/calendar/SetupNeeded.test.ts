import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setTransport, type CalendarView, type Role } from '../api';
import { replyTransport } from '../api/replies';
import { setDesk } from '../app/session.svelte';
import BookingDialog from '../booking/BookingDialog.svelte';
import CalendarPage from './CalendarPage.svelte';

const EMPTY: CalendarView = {
  from: '2026-11-23',
  days: 1,
  timeZone: 'Europe/Dublin',
  today: '2026-11-23',
  now: '2026-11-23T09:00',
  practitioners: [],
  rooms: [{ id: 'r1', name: 'Willow room', roomType: '', active: true }],
  appointments: [],
};

function signedIn(role: Role) {
  setDesk({
    signedIn: { staffId: 's1', displayName: 'Ana Ortiz', roles: [role] },
    locked: false,
    mustChangePassword: false,
    policy: { idleLockMinutes: 5, calendarVisibleWhenLocked: true, pinSwitch: false },
  });
}

describe('a clinic that cannot take a booking yet', () => {
  // The calendar library scrolls a moment after drawing; let it finish before the page goes.
  afterEach(() => new Promise((resolve) => setTimeout(resolve, 50)));

  it('says on the calendar what is missing, with a way to the checklist', async () => {
    signedIn('owner');
    const transport = replyTransport({
      'calendar.range': () => EMPTY,
      'services.list': () => [],
      'appointments.unclosed': () => ({ count: 0, appointments: [] }),
      'schedule.clinic_hours.get': () => ({ weekly: [], closures: [] }),
    });
    setTransport(transport);
    const onsetup = vi.fn();
    render(CalendarPage, { props: { onsetup } });
    const notice = await screen.findByTestId('calendar-setup-needed');
    expect(notice).toHaveTextContent(
      'Before the first booking, the clinic needs a therapist (with working hours) and a service.',
    );
    await fireEvent.click(screen.getByTestId('calendar-setup-needed-setup'));
    expect(onsetup).toHaveBeenCalledTimes(1);
  });

  it('says it in the booking dialog instead of empty lists; reception is told to ask', async () => {
    signedIn('reception');
    setTransport(
      replyTransport({
        'services.list': () => [],
        'practitioners.list': () => [],
        'rooms.list': () => [],
      }),
    );
    render(BookingDialog, {
      props: { start: { date: '2026-11-23' }, onclose: vi.fn(), onbooked: vi.fn() },
    });
    const notice = await screen.findByTestId('booking-setup-needed');
    expect(notice).toHaveTextContent(
      'the clinic needs a therapist (with working hours), a room and a service.',
    );
    expect(notice).toHaveTextContent('Ask the clinic’s owner to add them.');
    await waitFor(() => expect(screen.queryByTestId('booking-service')).toBeNull());
    expect(document.querySelector('select')).toBeNull();
  });
});
