import { waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { call, setTransport } from '../api';
import { createFakeTransport } from '../api/fake';
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
});
