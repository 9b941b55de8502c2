import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { setTransport, type ClinicSettings, type Room, type SetupChecklist } from '../api';
import { refusal, replyTransport, type Replies } from '../api/replies';
import GettingStarted from './GettingStarted.svelte';

const SETTINGS: ClinicSettings = {
  name: 'Calm Hands',
  address: '',
  phone: '',
  email: '',
  website: '',
  timeZone: 'Europe/Dublin',
  currency: 'EUR',
  lateCancelHours: 24,
  hasLogo: false,
  sharedCare: false,
};

const STEPS = ['details', 'rooms', 'services', 'therapists', 'openingHours', 'backups'] as const;

/** The checklist with `done` steps ticked, as the core answers it. */
function checklist(...done: Array<(typeof STEPS)[number]>): SetupChecklist {
  return {
    items: STEPS.map((step) => ({ step, done: done.includes(step) })),
    complete: done.length === STEPS.length,
  };
}

function open(replies: Replies) {
  const transport = replyTransport({
    'settings.get': () => SETTINGS,
    'practitioners.list': () => [],
    'services.list': () => [],
    ...replies,
  });
  setTransport(transport);
  const onnavigate = vi.fn();
  render(GettingStarted, { props: { onnavigate } });
  return { transport, onnavigate };
}

describe('getting started', () => {
  it('ticks the steps the core says are done and opens the first one to do', async () => {
    open({
      'setup.checklist': () => checklist('details', 'backups'),
      'rooms.list': () => [],
    });
    expect(await screen.findByTestId('start-progress')).toHaveTextContent('2 of 6 done');
    expect(screen.getByTestId('step-details')).toHaveAttribute('data-done', 'true');
    expect(screen.getByTestId('step-rooms')).toHaveAttribute('data-done', 'false');
    expect(screen.getByTestId('step-details')).toHaveTextContent('done');
    expect(screen.getByTestId('step-backups-open')).toHaveTextContent('Change');
    // The first step to do is open, with the same list as in Settings.
    const rooms = await screen.findByTestId('step-rooms-body');
    expect(within(rooms).getByTestId('rooms-add')).toBeInTheDocument();
    expect(within(rooms).queryByTestId('services-add')).toBeNull();
    expect(screen.queryByTestId('start-complete')).toBeNull();
  });

  it('does a step in place and ticks it when the core says so', async () => {
    let rooms: Room[] = [];
    const { transport } = open({
      'setup.checklist': () =>
        rooms.length ? checklist('details', 'rooms') : checklist('details'),
      'rooms.list': () => rooms,
      'rooms.save': (args) => {
        if (!args.name.trim()) throw refusal('validation', 'Room name is required.', 'name');
        const room = { id: 'r1', name: args.name, roomType: args.roomType, active: args.active };
        rooms = [room];
        return room;
      },
    });
    const body = await screen.findByTestId('step-rooms-body');
    await fireEvent.click(within(body).getByTestId('rooms-add'));
    await fireEvent.input(within(body).getByTestId('rooms-edit-name'), {
      target: { value: 'Willow room' },
    });
    await fireEvent.click(within(body).getByTestId('rooms-save'));
    await waitFor(() =>
      expect(screen.getByTestId('step-rooms')).toHaveAttribute('data-done', 'true'),
    );
    expect(screen.getByTestId('start-progress')).toHaveTextContent('2 of 6 done');
    expect(await screen.findByTestId('step-rooms-summary')).toHaveTextContent('Willow room');
    expect(transport.argsOf('rooms.save')).toEqual([
      { name: 'Willow room', roomType: '', active: true },
    ]);
    expect(transport.unexpected).toEqual([]);
  });

  it('sends the owner to Staff for sign-ins, and to the calendar when all is done', async () => {
    const { onnavigate } = open({
      'setup.checklist': () => checklist('details', 'rooms', 'services'),
      'rooms.list': () => [],
    });
    await fireEvent.click(await screen.findByTestId('step-therapists-staff'));
    expect(onnavigate).toHaveBeenCalledWith('staff');
    expect(screen.getByTestId('step-therapists')).toHaveTextContent('a sign-in linked to it');

    document.body.innerHTML = '';
    const done = open({ 'setup.checklist': () => checklist(...STEPS), 'rooms.list': () => [] });
    expect(await screen.findByTestId('start-complete')).toHaveTextContent('Your clinic is ready.');
    await fireEvent.click(screen.getByTestId('start-finish'));
    expect(done.onnavigate).toHaveBeenCalledWith('calendar');
    expect(screen.queryByTestId('step-rooms-body')).toBeNull();
  });
});
