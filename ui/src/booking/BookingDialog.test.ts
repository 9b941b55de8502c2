import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { call, setTransport, type Appointment, type Service } from '../api';
import { createFakeTransport, type FakeTransport } from '../api/fake';
import BookingDialog from './BookingDialog.svelte';

const TODAY = '2026-11-23';

async function pickClient(text: string) {
  await fireEvent.input(screen.getByTestId('booking-client-search'), { target: { value: text } });
  const options = await screen.findAllByTestId('booking-client-option');
  await fireEvent.click(options[0]!);
}

async function choose(testid: string, value: string) {
  const select = screen.getByTestId(testid);
  await waitFor(() => expect(select).not.toBeDisabled());
  // As a test driver would: set the value, then fire `change` only.
  await fireEvent.change(select, { target: { value } });
}

describe('the booking dialog', () => {
  let fake: FakeTransport;
  let services: Service[];

  beforeEach(async () => {
    fake = createFakeTransport({ scenario: 'demo', today: TODAY, now: `${TODAY}T08:00` });
    setTransport(fake);
    services = await call('services.list', {});
  });

  it('shows a therapist conflict from the core next to the therapist field', async () => {
    const day = await call('calendar.range', { from: TODAY, days: 1, includeCancelled: false });
    const taken = day.appointments[0]!;
    const otherRoom = day.rooms.find((r) => r.id !== taken.roomId)!;
    const onbooked = vi.fn();
    render(BookingDialog, {
      props: {
        start: {
          date: TODAY,
          time: taken.start.slice(11),
          practitionerId: taken.practitionerId,
        },
        onclose: vi.fn(),
        onbooked,
      },
    });

    await pickClient('Ruth');
    await choose('booking-service', services[1]!.id);
    await choose('booking-room', otherRoom.id);
    expect(screen.getByTestId('booking-practitioner')).toHaveValue(taken.practitionerId);
    expect(screen.getByTestId('booking-time')).toHaveValue(taken.start.slice(11));
    await fireEvent.click(screen.getByTestId('booking-submit'));

    const error = await screen.findByTestId('error-practitionerId');
    expect(error).toHaveTextContent(
      new RegExp(
        `^${taken.practitionerName} is already booked from \\d\\d:\\d\\d to \\d\\d:\\d\\d`,
      ),
    );
    const therapist = screen.getByTestId('booking-practitioner');
    expect(therapist).toHaveAttribute('aria-invalid', 'true');
    expect(therapist.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    // The error sits in the therapist's field, not at the top of the dialog.
    expect(error.closest('.field')).toContainElement(therapist);
    expect(screen.queryByTestId('booking-error')).toBeNull();
    expect(screen.queryByTestId('error-roomId')).toBeNull();
    expect(onbooked).not.toHaveBeenCalled();
    const book = fake.calls.find((c) => c.op === 'appointments.book');
    expect(book?.args).toEqual({
      clientId: expect.any(String),
      serviceId: services[1]!.id,
      practitionerId: taken.practitionerId,
      roomId: otherRoom.id,
      start: taken.start,
    });
  });

  it('books a free slot and hands back the appointment', async () => {
    const day = await call('calendar.range', { from: TODAY, days: 1, includeCancelled: false });
    const therapist = day.practitioners[0]!;
    const onbooked = vi.fn();
    render(BookingDialog, {
      props: { start: { date: TODAY }, onclose: vi.fn(), onbooked },
    });

    await pickClient('okonkwo');
    expect(screen.getByTestId('booking-client-search')).toHaveValue('Amara Okonkwo');
    await choose('booking-service', services[2]!.id); // sports massage, 45 min
    await choose('booking-practitioner', therapist.id);
    await choose('booking-room', day.rooms[0]!.id);
    await fireEvent.change(screen.getByTestId('booking-date'), { target: { value: TODAY } });
    await fireEvent.change(screen.getByTestId('booking-time'), { target: { value: '19:00' } });

    expect(screen.getByTestId('booking-end')).toHaveTextContent(/19:45|7:45/);
    await fireEvent.click(screen.getByTestId('booking-submit'));

    await waitFor(() => expect(onbooked).toHaveBeenCalledTimes(1));
    const appointment = onbooked.mock.calls[0]![0] as Appointment;
    expect(appointment).toMatchObject({
      clientName: 'Amara Okonkwo',
      practitionerId: therapist.id,
      start: `${TODAY}T19:00`,
      end: `${TODAY}T19:45`,
      status: 'booked',
    });
  });

  it('says what is missing before asking the core', async () => {
    render(BookingDialog, {
      props: { start: { date: TODAY }, onclose: vi.fn(), onbooked: vi.fn() },
    });
    await waitFor(() => expect(screen.getByTestId('booking-service')).not.toBeDisabled());
    await fireEvent.click(screen.getByTestId('booking-submit'));

    expect(await screen.findByTestId('error-clientId')).toHaveTextContent('Choose a client');
    expect(screen.getByTestId('error-serviceId')).toHaveTextContent('Choose a service.');
    expect(screen.getByTestId('error-start')).toHaveTextContent('start time');
    expect(fake.count('appointments.book')).toBe(0);
    await waitFor(() => expect(screen.getByTestId('booking-client-search')).toHaveFocus());
  });

  it('adds a new client inline and returns with them chosen', async () => {
    render(BookingDialog, {
      props: { start: { date: TODAY }, onclose: vi.fn(), onbooked: vi.fn() },
    });
    await fireEvent.input(screen.getByTestId('booking-client-search'), {
      target: { value: 'Jo Bloggs' },
    });
    await fireEvent.click(screen.getByTestId('booking-new-client'));

    const dialog = screen.getByTestId('booking-dialog');
    expect(within(dialog).getByRole('heading', { name: 'New client' })).toBeInTheDocument();
    expect(screen.getByTestId('client-given-name')).toHaveValue('Jo');
    expect(screen.getByTestId('client-family-name')).toHaveValue('Bloggs');
    await fireEvent.input(screen.getByTestId('client-phone'), {
      target: { value: '07700 900999' },
    });
    await fireEvent.click(screen.getByTestId('client-save'));

    await waitFor(() =>
      expect(screen.getByTestId('booking-client-search')).toHaveValue('Jo Bloggs'),
    );
    expect(within(dialog).getByRole('heading', { name: 'New booking' })).toBeInTheDocument();
    expect(dialog).toHaveTextContent('07700 900999');
    expect(fake.count('clients.create')).toBe(1);
  });
});
