import { describe, expect, it, vi } from 'vitest';
import { call, setTransport } from '../api';
import { createFakeTransport } from '../api/fake';
import { moveTo, resizeTo } from './moves';

const TODAY = '2026-11-23';

describe('a drag on the calendar', () => {
  it('snaps back with the core’s reason when the move is refused', async () => {
    const message = 'Tom Okafor is already booked from 10:30 to 11:30.';
    const fake = createFakeTransport({
      scenario: 'demo',
      today: TODAY,
      extra: {
        'appointments.move': () => {
          throw { code: 'conflict', message, field: 'practitionerId' };
        },
      },
    });
    setTransport(fake);
    const day = await call('calendar.range', { from: TODAY, days: 1, includeCancelled: false });
    const a = day.appointments[0]!;
    const revert = vi.fn();
    const to = { practitionerId: 'p-other', roomId: a.roomId, start: `${TODAY}T10:30` };
    expect(await moveTo(a, to, revert)).toEqual({ refusal: message });
    expect(revert).toHaveBeenCalledTimes(1);
    expect(fake.calls.at(-1)).toEqual({ op: 'appointments.move', args: { id: a.id, ...to } });
  });

  it('keeps the new place when the core accepts, and passes on waiting-list offers', async () => {
    const fake = createFakeTransport({
      scenario: 'demo',
      today: TODAY,
      extra: {
        'appointments.resize': (args: { id: string; end: string }) => ({
          id: args.id,
          end: args.end,
          following: [],
          offers: [],
        }),
      },
    });
    setTransport(fake);
    const revert = vi.fn();
    const day = await call('calendar.range', { from: TODAY, days: 1, includeCancelled: false });
    const a = day.appointments[0]!;
    const outcome = await resizeTo(a, `${TODAY}T18:00`, revert);
    expect(outcome).toMatchObject({ change: { id: a.id, end: `${TODAY}T18:00` } });
    expect(revert).not.toHaveBeenCalled();
  });
});
