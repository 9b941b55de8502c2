import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  call,
  setTransport,
  type ApiError,
  type Appointment,
  type BookAppointment,
  type DeskStatus,
  type Service,
} from '../api';
import { setDesk } from '../app/session.svelte';
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

describe('booking outside hours, and the client’s precaution flag', () => {
  const refusal: ApiError = {
    code: 'conflict',
    field: 'start',
    message: "That is outside Maya Patel's working hours on Mondays (09:00–17:00).",
  };

  /** Opens the dialog as `who`, with a core that refuses any booking without a reason. */
  async function open(who: string) {
    const fake = createFakeTransport({
      scenario: 'demo',
      today: TODAY,
      now: `${TODAY}T08:00`,
      signedIn: who,
      extra: {
        'appointments.book': (args: BookAppointment) => {
          if (!args.overrideReason) throw refusal;
          return { id: 'a1', start: args.start, overrideReason: args.overrideReason };
        },
        'clients.alert_flags': () => ({ hasPrecautions: true, levels: ['avoid', 'modify'] }),
      },
    });
    setTransport(fake);
    setDesk((await fake.send('staff.me', {})) as DeskStatus);
    const day = await call('calendar.range', { from: TODAY, days: 1, includeCancelled: false });
    const services = await call('services.list', {});
    const onbooked = vi.fn();
    render(BookingDialog, {
      props: {
        start: { date: TODAY, time: '19:30', practitionerId: day.practitioners[0]!.id },
        onclose: vi.fn(),
        onbooked,
      },
    });
    await pickClient('okonkwo');
    await choose('booking-service', services[2]!.id);
    await choose('booking-room', day.rooms[0]!.id);
    await fireEvent.click(screen.getByTestId('booking-submit'));
    expect(await screen.findByTestId('error-start')).toHaveTextContent('outside Maya Patel');
    return { fake, onbooked };
  }

  it('shows the chosen client’s precaution levels, never the reason', async () => {
    await open('reception');
    const flag = await screen.findByTestId('booking-alert-flag');
    expect(flag).toHaveTextContent('Precaution on file: avoid · modify');
    expect(flag).toHaveAttribute('data-levels', 'avoid,modify');
  });

  it('lets the owner book it anyway with a reason, which goes to the core', async () => {
    const { fake, onbooked } = await open('owner');
    const offer = await screen.findByTestId('booking-override');
    expect(screen.getByTestId('booking-submit')).toHaveTextContent('Book outside hours');

    // No reason, no booking: the reason is asked for first.
    await fireEvent.click(screen.getByTestId('booking-submit'));
    expect(await screen.findByTestId('error-overrideReason')).toHaveTextContent('Say why');
    expect(fake.count('appointments.book')).toBe(1);

    const reason = within(offer).getByTestId('booking-override-reason');
    await fireEvent.input(reason, { target: { value: 'Only free after work; Maya agreed' } });
    await fireEvent.click(screen.getByTestId('booking-submit'));
    await waitFor(() => expect(onbooked).toHaveBeenCalledTimes(1));
    const last = fake.calls.filter((c) => c.op === 'appointments.book').at(-1);
    expect(last?.args).toMatchObject({ overrideReason: 'Only free after work; Maya agreed' });
  });

  it('withdraws the offer when the time changes, and never makes it to reception', async () => {
    await open('owner');
    await screen.findByTestId('booking-override');
    await fireEvent.change(screen.getByTestId('booking-time'), { target: { value: '10:00' } });
    expect(screen.queryByTestId('booking-override')).toBeNull();
    expect(screen.getByTestId('booking-submit')).toHaveTextContent('Book appointment');

    cleanup();
    await open('reception');
    expect(screen.queryByTestId('booking-override')).toBeNull();
  });
});
