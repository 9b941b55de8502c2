import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { setTransport, type FreeTime, type Service } from '../api';
import { replyTransport } from '../api/replies';
import FindTimeDialog from './FindTimeDialog.svelte';

const service: Service = {
  id: 'sports',
  name: 'Sports massage',
  durationMin: 45,
  bufferMin: 15,
  priceMinor: 5500,
  currency: 'GBP',
  colour: '#a0522d',
  roomType: '',
  practitionerIds: [],
  active: true,
};

/** The nth free slot of a long search: every 15 minutes from 09:00 on 25 November. */
function slot(n: number): FreeTime {
  const minutes = 9 * 60 + 15 * n;
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return {
    practitionerId: 'maya',
    practitionerName: 'Maya Patel',
    roomId: 'willow',
    roomName: 'Willow room',
    start: `2026-11-25T${time}`,
    end: `2026-11-25T${time}`,
    startMs: n,
  };
}

describe('find a time, page by page', () => {
  it('shows twelve slots, then the next ones on "More times", until there are no more', async () => {
    const transport = replyTransport({
      'services.list': () => [service],
      'practitioners.list': () => [],
      // 30 free slots in all: the core pages them by offset and limit.
      'appointments.find_times': ({ offset, limit }) => {
        const first = offset ?? 0;
        return Array.from({ length: Math.max(0, Math.min(limit ?? 10, 30 - first)) }, (_, k) =>
          slot(first + k),
        );
      },
    });
    setTransport(transport);
    render(FindTimeDialog, { props: { from: null, onpick: vi.fn(), onclose: vi.fn() } });
    await screen.findByRole('option', { name: 'Sports massage — 45 min' });
    await fireEvent.change(screen.getByTestId('find-service'), { target: { value: 'sports' } });
    await fireEvent.click(screen.getByTestId('find-search'));

    await waitFor(() => expect(screen.getAllByTestId('find-slot')).toHaveLength(12));
    await fireEvent.click(screen.getByTestId('find-more'));
    await waitFor(() => expect(screen.getAllByTestId('find-slot')).toHaveLength(24));
    await fireEvent.click(screen.getByTestId('find-more'));
    await waitFor(() => expect(screen.getAllByTestId('find-slot')).toHaveLength(30));
    expect(screen.queryByTestId('find-more')).toBeNull();
    expect(screen.getAllByTestId('find-slot').map((b) => b.dataset.start)).toEqual(
      Array.from({ length: 30 }, (_, n) => slot(n).start),
    );
    expect(transport.argsOf('appointments.find_times').map((a) => [a.offset, a.limit])).toEqual([
      [undefined, 13],
      [12, 13],
      [24, 13],
    ]);
    expect(transport.unexpected).toEqual([]);
  });
});
