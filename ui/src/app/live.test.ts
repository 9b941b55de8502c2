import { waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { call, setTransport, type WatchSignal } from '../api';
import { createFakeTransport } from '../api/fake';
import { replyTransport } from '../api/replies';
import { live, startLiveRefresh } from './live.svelte';

describe('live refresh', () => {
  it('catches up quietly, then signals each later change once', async () => {
    const fake = createFakeTransport({ scenario: 'demo', today: '2026-11-23' });
    setTransport(fake);
    const before = live.version;
    const refresh = startLiveRefresh(5);
    try {
      await waitFor(() => expect(fake.count('journal.changes')).toBeGreaterThan(3));
      expect(live.version).toBe(before); // the demo's history is not news

      await call('clients.create', {
        givenName: 'Jo',
        familyName: 'Bloggs',
        preferredName: '',
        dateOfBirth: '',
        phone: '07700 900999',
        email: '',
        notesForReception: '',
        address: '',
        emergencyContactName: '',
        emergencyContactPhone: '',
        preferredContact: 'unspecified',
        alerts: '',
        confirmedNotDuplicate: false,
      });
      await waitFor(() => expect(live.version).toBe(before + 1));
      const polls = fake.count('journal.changes');
      await waitFor(() => expect(fake.count('journal.changes')).toBeGreaterThan(polls + 3));
      expect(live.version).toBe(before + 1);
    } finally {
      refresh.stop();
    }
  });

  it('with a watching shell, asks only when told — and not at all when nothing happens', async () => {
    let latest = 40;
    const replies = replyTransport({
      'journal.changes': ({ since }) => ({
        latest,
        changes:
          latest > since
            ? [{ seq: latest, entity: 'appointment', entityId: 'a1', action: 'book' }]
            : [],
      }),
    });
    let tell: (signal: WatchSignal) => void = () => {};
    setTransport({
      ...replies,
      watch: (listener) => {
        tell = listener;
        return Promise.resolve(() => (tell = () => {}));
      },
    });
    const before = live.version;
    const refresh = startLiveRefresh(5);
    try {
      await waitFor(() => expect(replies.argsOf('journal.changes')).toHaveLength(2));
      // Caught up (the second ask found nothing more); no timer asks again.
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(replies.argsOf('journal.changes')).toHaveLength(2);
      expect(live.version).toBe(before);

      latest = 41;
      tell({ offline: false });
      await waitFor(() => expect(live.version).toBe(before + 1));
      expect(replies.argsOf('journal.changes').at(-2)).toEqual({ since: 40 });

      tell({ offline: true });
      expect(live.offline).toBe(true);
      tell({ offline: false });
      await waitFor(() => expect(live.offline).toBe(false));
      expect(live.version).toBe(before + 1);
    } finally {
      refresh.stop();
    }
  });
});
