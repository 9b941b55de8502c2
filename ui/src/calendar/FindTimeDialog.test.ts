import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { call, setTransport, type FindTimes, type FreeTime } from '../api';
import { createFakeTransport } from '../api/fake';
import FindTimeDialog from './FindTimeDialog.svelte';

describe('find a time', () => {
  it('asks the core with the choices made and hands back the slot picked', async () => {
    const slots: FreeTime[] = [
      {
        practitionerId: 'p1',
        practitionerName: 'Maya Patel',
        roomId: 'r1',
        roomName: 'Willow room',
        start: '2026-11-25T09:00',
        end: '2026-11-25T09:45',
        startMs: 0,
      },
      {
        practitionerId: 'p2',
        practitionerName: 'Tom Okafor',
        roomId: 'r2',
        roomName: 'Cedar room',
        start: '2026-11-25T10:00',
        end: '2026-11-25T10:45',
        startMs: 0,
      },
    ];
    const fake = createFakeTransport({
      scenario: 'demo',
      today: '2026-11-23',
      extra: { 'appointments.find_times': () => slots },
    });
    setTransport(fake);
    const services = await call('services.list', {});
    const onpick = vi.fn();
    render(FindTimeDialog, { props: { from: null, onpick, onclose: vi.fn() } });

    await fireEvent.click(screen.getByTestId('find-search'));
    expect(await screen.findByTestId('error-serviceId')).toHaveTextContent('Choose a service');
    expect(fake.count('appointments.find_times')).toBe(0);

    await waitFor(() => expect(screen.getAllByRole('option').length).toBeGreaterThan(3));
    await fireEvent.change(screen.getByTestId('find-service'), {
      target: { value: services[2]!.id },
    });
    // Named, the client's own appointments are avoided too.
    await fireEvent.input(screen.getByTestId('find-client-search'), {
      target: { value: 'okonkwo' },
    });
    await fireEvent.click((await screen.findAllByTestId('find-client-option'))[0]!);
    const [, wednesday] = screen.getAllByTestId('find-weekday').slice(1, 3);
    await fireEvent.click(wednesday!);
    await fireEvent.click(screen.getAllByTestId('find-time-of-day')[0]!);
    await fireEvent.click(screen.getByTestId('find-search'));

    const found = await screen.findAllByTestId('find-slot');
    expect(found).toHaveLength(2);
    expect(found[1]).toHaveTextContent('Tom Okafor · Cedar room');
    const sent = fake.calls.find((c) => c.op === 'appointments.find_times')!.args as FindTimes;
    expect(sent).toEqual({
      serviceId: services[2]!.id,
      practitionerIds: [],
      clientId: expect.any(String),
      weekdays: [3],
      timesOfDay: ['morning'],
      limit: 13,
    });

    await fireEvent.click(found[1]!);
    expect(onpick).toHaveBeenCalledWith(
      slots[1],
      services[2]!.id,
      expect.objectContaining({ id: sent.clientId, familyName: 'Okonkwo' }),
    );
  });
});
