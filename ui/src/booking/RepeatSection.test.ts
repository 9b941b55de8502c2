import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { call, setTransport, type Occurrence, type SeriesRequest } from '../api';
import { createFakeTransport } from '../api/fake';
import BookingDialog from './BookingDialog.svelte';

const TODAY = '2026-11-23';
const weekly = (i: number): Occurrence => {
  const date = `2026-${i < 2 ? '11' : '12'}-${String(i < 2 ? 23 + 7 * i : 7 * (i - 2) + 7).padStart(2, '0')}`;
  return {
    date,
    start: `${date}T19:00`,
    end: `${date}T19:45`,
    startMs: 0,
    skipped: false,
    refusal:
      i === 2 ? { field: 'practitionerId', message: 'Maya Patel is on leave that day.' } : null,
  };
};

describe('booking a course', () => {
  it('previews every date with its clash, leaves clashes out, and books the rest', async () => {
    const occurrences = Array.from({ length: 6 }, (_, i) => weekly(i));
    const fake = createFakeTransport({
      scenario: 'demo',
      today: TODAY,
      now: `${TODAY}T08:00`,
      extra: {
        'appointments.preview_series': () => occurrences,
        'appointments.book_series': (args: SeriesRequest) => ({
          seriesId: 'course-1',
          appointments: occurrences
            .filter((o) => !args.skip.includes(o.date))
            .map((o) => ({ id: o.date, start: o.start, clientName: 'Amara Okonkwo' })),
        }),
      },
    });
    setTransport(fake);
    const day = await call('calendar.range', { from: TODAY, days: 1, includeCancelled: false });
    const services = await call('services.list', {});
    const onbooked = vi.fn();
    render(BookingDialog, {
      props: {
        start: {
          date: TODAY,
          time: '19:00',
          practitionerId: day.practitioners[0]!.id,
          roomId: day.rooms[0]!.id,
          serviceId: services[2]!.id,
        },
        onclose: vi.fn(),
        onbooked,
      },
    });
    await fireEvent.input(screen.getByTestId('booking-client-search'), {
      target: { value: 'okonkwo' },
    });
    await fireEvent.click((await screen.findAllByTestId('booking-client-option'))[0]!);
    await waitFor(() => expect(screen.getByTestId('booking-service')).toHaveValue(services[2]!.id));

    await fireEvent.click(screen.getByTestId('booking-repeat'));
    expect(screen.getByTestId('booking-submit')).toHaveTextContent('Check dates');
    // "Book" first checks the dates: nothing is booked before reception has seen them.
    await fireEvent.click(screen.getByTestId('booking-submit'));
    const rows = await screen.findAllByTestId('series-occurrence');
    expect(fake.count('appointments.book_series')).toBe(0);
    expect(rows).toHaveLength(6);
    expect(rows[2]).toHaveAttribute('data-clash', 'true');
    expect(rows[2]).toHaveTextContent('Maya Patel is on leave that day.');
    expect(
      screen.getAllByTestId('series-keep').map((b) => (b as HTMLInputElement).checked),
    ).toEqual([true, true, false, true, true, true]);
    // Reception leaves one more date out.
    await fireEvent.click(screen.getAllByTestId('series-keep')[5]!);
    expect(screen.getByTestId('series-summary')).toHaveTextContent('4 of 6 will be booked');

    await fireEvent.click(screen.getByTestId('booking-submit'));
    await waitFor(() => expect(onbooked).toHaveBeenCalledTimes(1));
    const sent = fake.calls.find((c) => c.op === 'appointments.book_series')!.args as SeriesRequest;
    expect(sent).toMatchObject({
      practitionerId: day.practitioners[0]!.id,
      roomId: day.rooms[0]!.id,
      serviceId: services[2]!.id,
      start: `${TODAY}T19:00`,
      everyWeeks: 1,
      count: 6,
      skip: [occurrences[2]!.date, occurrences[5]!.date],
    });
    expect(onbooked.mock.calls[0]![1]).toBe(4);
  });

  it('asks again after the course is changed', async () => {
    const fake = createFakeTransport({
      scenario: 'demo',
      today: TODAY,
      extra: { 'appointments.preview_series': () => [weekly(0), weekly(1)] },
    });
    setTransport(fake);
    const day = await call('calendar.range', { from: TODAY, days: 1, includeCancelled: false });
    const services = await call('services.list', {});
    render(BookingDialog, {
      props: {
        start: {
          date: TODAY,
          time: '19:00',
          practitionerId: day.practitioners[0]!.id,
          roomId: day.rooms[0]!.id,
          serviceId: services[2]!.id,
        },
        onclose: vi.fn(),
        onbooked: vi.fn(),
      },
    });
    await fireEvent.input(screen.getByTestId('booking-client-search'), {
      target: { value: 'okonkwo' },
    });
    await fireEvent.click((await screen.findAllByTestId('booking-client-option'))[0]!);
    await fireEvent.click(screen.getByTestId('booking-repeat'));
    await waitFor(() => expect(screen.getByTestId('repeat-preview')).not.toBeDisabled());
    await fireEvent.click(screen.getByTestId('repeat-preview'));
    expect(await screen.findAllByTestId('series-occurrence')).toHaveLength(2);
    await fireEvent.input(screen.getByTestId('repeat-every-weeks'), { target: { value: '2' } });
    await waitFor(() => expect(screen.queryAllByTestId('series-occurrence')).toHaveLength(0));
    expect(screen.getByTestId('booking-submit')).toHaveTextContent('Check dates');
  });
});
