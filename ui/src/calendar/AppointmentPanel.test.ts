import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { call, setTransport, type Appointment, type DeskStatus } from '../api';
import { setDesk } from '../app/session.svelte';
import { createFakeTransport } from '../api/fake';
import AppointmentPanel from './AppointmentPanel.svelte';

describe('the appointment panel', () => {
  it('needs a reason, cancels, and shows the late-cancellation flag from the core', async () => {
    const fake = createFakeTransport({
      scenario: 'demo',
      today: '2026-11-23',
      now: '2026-11-23T08:00',
    });
    setTransport(fake);
    setDesk((await fake.send('staff.me', {})) as DeskStatus);
    const day = await call('calendar.range', {
      from: '2026-11-23',
      days: 1,
      includeCancelled: false,
    });
    const appointment = day.appointments[0]!;
    const oncancelled = vi.fn();
    const view = render(AppointmentPanel, {
      props: { appointment, onclose: vi.fn(), oncancelled },
    });

    expect(screen.getByTestId('appointment-panel')).toHaveTextContent(appointment.clientName);
    expect(screen.queryByTestId('late-cancellation')).toBeNull();

    await fireEvent.click(screen.getByTestId('cancel-submit'));
    expect(await screen.findByTestId('error-reason')).toHaveTextContent('Give a reason');
    expect(fake.count('appointments.cancel')).toBe(0);

    await fireEvent.input(screen.getByTestId('cancel-reason'), {
      target: { value: 'Client unwell' },
    });
    await fireEvent.click(screen.getByTestId('cancel-submit'));
    await waitFor(() => expect(oncancelled).toHaveBeenCalledTimes(1));
    const cancelled = oncancelled.mock.calls[0]![0] as Appointment;
    expect(cancelled).toMatchObject({ status: 'cancelled', lateCancellation: true });

    await view.rerender({ appointment: cancelled, onclose: vi.fn(), oncancelled });
    expect(screen.getByTestId('late-cancellation')).toHaveTextContent('Late cancellation');
    expect(screen.getByTestId('appointment-status')).toHaveTextContent('Cancelled');
    expect(screen.getByTestId('cancel-reason-shown')).toHaveTextContent('Client unwell');
    expect(screen.queryByTestId('cancel-submit')).toBeNull();
  });

  it('shows a refusal from the core at the top of the cancel form', async () => {
    const desk = createFakeTransport({ scenario: 'demo', signedIn: 'reception' });
    setDesk((await desk.send('staff.me', {})) as DeskStatus);
    setTransport({
      send: () =>
        Promise.reject({ code: 'conflict', message: 'This appointment is already cancelled.' }),
    });
    const appointment: Appointment = {
      id: '0190b7a0-0000-7000-8000-000000000001',
      clientId: 'c',
      clientName: 'Amara Okonkwo',
      serviceId: 's',
      serviceName: 'Sports massage',
      practitionerId: 'p',
      practitionerName: 'Maya Patel',
      roomId: 'r',
      roomName: 'Willow room',
      start: '2026-11-23T10:30',
      end: '2026-11-23T11:15',
      startMs: 0,
      endMs: 0,
      status: 'booked',
      colour: '#a0522d',
      cancelReason: null,
      lateCancellation: false,
      seriesId: null,
      overrideReason: null,
      hasPrecaution: false,
    };
    render(AppointmentPanel, { props: { appointment, onclose: vi.fn(), oncancelled: vi.fn() } });
    await fireEvent.input(screen.getByTestId('cancel-reason'), { target: { value: 'Moved' } });
    await fireEvent.click(screen.getByTestId('cancel-submit'));
    expect(await screen.findByTestId('cancel-error')).toHaveTextContent(
      'This appointment is already cancelled.',
    );
  });
});
