import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import {
  call,
  setTransport,
  type BookFromWaitlist,
  type DeskStatus,
  type WaitlistEntry,
  type WaitlistInput,
  type WaitlistOffer,
} from '../api';
import { createFakeTransport } from '../api/fake';
import { setDesk } from '../app/session.svelte';
import OffersPanel from './OffersPanel.svelte';
import WaitlistPanel from './WaitlistPanel.svelte';

const entry: WaitlistEntry = {
  id: 'w1',
  clientId: 'c1',
  clientName: 'Priya Raman',
  clientPhone: '07700 900006',
  serviceId: 's1',
  serviceName: 'Sports massage',
  practitionerIds: ['p1'],
  weekdays: [1, 3],
  timesOfDay: ['morning'],
  urgency: 'urgent',
  note: 'Can come at short notice',
  created: '2026-11-20T09:00',
};

describe('the waiting list', () => {
  it('lists who is waiting, adds an entry, and removes one', async () => {
    let entries = [entry];
    const fake = createFakeTransport({
      scenario: 'demo',
      today: '2026-11-23',
      signedIn: 'reception',
      extra: {
        'waitlist.list': () => entries,
        'waitlist.add': (args: WaitlistInput) => {
          const added = { ...entry, ...args, id: 'w2', clientName: 'Amara Okonkwo' };
          entries = [...entries, added];
          return added;
        },
        'waitlist.remove': (args: { id: string }) => {
          entries = entries.filter((e) => e.id !== args.id);
          return {};
        },
      },
    });
    setTransport(fake);
    setDesk((await fake.send('staff.me', {})) as DeskStatus);
    render(WaitlistPanel, {
      props: { names: { p1: 'Maya Patel' }, canEdit: true, onclose: vi.fn() },
    });
    const [row] = await screen.findAllByTestId('waitlist-entry');
    expect(row).toHaveTextContent('Priya Raman');
    expect(row).toHaveTextContent('Urgent');
    expect(row).toHaveTextContent('Maya Patel');
    expect(row).toHaveTextContent(/Mon, Wed · Morning/);

    await fireEvent.click(screen.getByTestId('waitlist-add'));
    await fireEvent.click(screen.getByTestId('waitlist-save'));
    expect(await screen.findByTestId('error-clientId')).toHaveTextContent('Choose a client');
    expect(fake.count('waitlist.add')).toBe(0);

    await fireEvent.input(screen.getByTestId('booking-client-search'), {
      target: { value: 'okonkwo' },
    });
    await fireEvent.click((await screen.findAllByTestId('booking-client-option'))[0]!);
    const services = await call('services.list', {});
    await waitFor(() => expect(screen.getAllByRole('option').length).toBeGreaterThan(3));
    await fireEvent.change(screen.getByTestId('waitlist-service'), {
      target: { value: services[1]!.id },
    });
    await fireEvent.click(screen.getAllByTestId('waitlist-weekday')[4]!); // Friday
    await fireEvent.change(screen.getByTestId('waitlist-urgency'), { target: { value: 'soon' } });
    await fireEvent.click(screen.getByTestId('waitlist-save'));
    await waitFor(() => expect(screen.getAllByTestId('waitlist-entry')).toHaveLength(2));
    const sent = fake.calls.find((c) => c.op === 'waitlist.add')!.args as WaitlistInput;
    expect(sent).toMatchObject({
      serviceId: services[1]!.id,
      practitionerIds: [],
      weekdays: [5],
      timesOfDay: [],
      urgency: 'soon',
    });

    await fireEvent.click(screen.getAllByTestId('waitlist-remove')[0]!);
    await waitFor(() => expect(screen.getAllByTestId('waitlist-entry')).toHaveLength(1));
    expect(screen.getByTestId('waitlist-entry')).toHaveTextContent('Amara Okonkwo');
  });

  it('offers a freed slot and books it from the entry', async () => {
    const offer: WaitlistOffer = {
      entry,
      practitionerId: 'p1',
      roomId: 'r1',
      start: '2026-11-25T10:30',
    };
    const fake = createFakeTransport({
      scenario: 'demo',
      today: '2026-11-23',
      extra: { 'waitlist.book': (args: BookFromWaitlist) => ({ id: 'a9', ...args }) },
    });
    setTransport(fake);
    const onbooked = vi.fn();
    render(OffersPanel, {
      props: {
        offers: [offer],
        names: { p1: 'Maya Patel', r1: 'Willow room' },
        onbooked,
        onclose: vi.fn(),
      },
    });
    const shown = screen.getByTestId('waitlist-offer');
    expect(shown).toHaveTextContent('Priya Raman');
    expect(shown).toHaveTextContent('Maya Patel');
    expect(shown).toHaveTextContent('Willow room');
    expect(screen.getByTestId('offer-phone')).toHaveTextContent('07700 900006');
    expect(screen.getByTestId('offer-phone')).toHaveAttribute('href', 'tel:07700 900006');
    // "Book" asks first; "No" books nothing.
    await fireEvent.click(screen.getByTestId('offer-book'));
    expect(shown).toHaveTextContent('Book Priya Raman into this slot?');
    await fireEvent.click(screen.getByTestId('offer-cancel'));
    expect(fake.count('waitlist.book')).toBe(0);
    await fireEvent.click(screen.getByTestId('offer-book'));
    await fireEvent.click(screen.getByTestId('offer-confirm'));
    await waitFor(() => expect(onbooked).toHaveBeenCalledTimes(1));
    expect(fake.calls.at(-1)).toEqual({
      op: 'waitlist.book',
      args: { entryId: 'w1', practitionerId: 'p1', roomId: 'r1', start: '2026-11-25T10:30' },
    });
  });
});
