import { render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { setTransport, type Service } from '../api';
import { replyTransport } from '../api/replies';
import BookingDialog from './BookingDialog.svelte';

const service: Service = {
  id: 'deep',
  name: 'Deep tissue massage',
  durationMin: 60,
  bufferMin: 15,
  priceMinor: 6500,
  currency: 'GBP',
  colour: '#2f7d6d',
  roomType: '',
  practitionerIds: [],
  active: true,
};

describe('the booking dialog’s rooms', () => {
  it('says which rooms are free for the service and time chosen, as the core answers', async () => {
    const transport = replyTransport({
      'services.list': () => [service],
      'practitioners.list': () => [
        { id: 'maya', displayName: 'Maya Patel', colour: '#2f7d6d', active: true },
      ],
      'rooms.list': () => [
        { id: 'willow', name: 'Willow room', roomType: '', active: true },
        { id: 'cedar', name: 'Cedar room', roomType: '', active: true },
      ],
      'rooms.free': ({ start }) => [
        {
          roomId: 'willow',
          roomName: 'Willow room',
          free: start !== '2026-11-25T10:00',
          suitable: true,
        },
        { roomId: 'cedar', roomName: 'Cedar room', free: true, suitable: true },
      ],
    });
    setTransport(transport);
    render(BookingDialog, {
      props: {
        start: { date: '2026-11-25', time: '10:00', serviceId: 'deep', practitionerId: 'maya' },
        onclose: vi.fn(),
        onbooked: vi.fn(),
      },
    });
    const room = await screen.findByTestId('booking-room');
    await waitFor(() =>
      expect([...(room as HTMLSelectElement).options].map((o) => o.text)).toEqual([
        'Choose a room',
        'Willow room — in use',
        'Cedar room — free',
      ]),
    );
    expect(transport.argsOf('rooms.free')).toEqual([
      { serviceId: 'deep', start: '2026-11-25T10:00' },
    ]);
    expect(transport.unexpected).toEqual([]);
  });
});
