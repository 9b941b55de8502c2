import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setTransport } from '../api';
import { createFakeTransport, type FakeTransport } from '../api/fake';
import ClientsPage from './ClientsPage.svelte';

describe('client search', () => {
  let fake: FakeTransport;

  beforeEach(() => {
    vi.useFakeTimers();
    fake = createFakeTransport({ scenario: 'demo', today: '2026-11-23' });
    setTransport(fake);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  const searches = () =>
    fake.calls
      .filter((c) => c.op === 'clients.search')
      .map((c) => (c.args as { text: string }).text);

  async function settle() {
    await vi.advanceTimersByTimeAsync(0);
    await tick();
  }

  it('waits for a pause in typing, then asks once and lists the matches', async () => {
    render(ClientsPage);
    await settle();
    expect(searches()).toEqual(['']); // the first page of clients, A–Z
    expect(screen.getAllByTestId('client-row')).toHaveLength(40);

    const box = screen.getByTestId('client-search');
    for (const text of ['o', 'ok', 'oko', 'okon']) {
      await fireEvent.input(box, { target: { value: text } });
      await vi.advanceTimersByTimeAsync(100); // typing faster than the debounce
    }
    expect(searches()).toEqual(['']);

    await vi.advanceTimersByTimeAsync(49);
    expect(searches()).toEqual(['']);
    await vi.advanceTimersByTimeAsync(1);
    expect(searches()).toEqual(['', 'okon']);
    await settle();

    const rows = screen.getAllByTestId('client-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('Amara Okonkwo');
    expect(rows[0]).toHaveTextContent('07700 900004');
    expect(screen.getByRole('status')).toHaveTextContent('1 match');
  });

  it('finds clients without their accents and by phone digits', async () => {
    render(ClientsPage);
    await settle();
    const box = screen.getByTestId('client-search');

    await fireEvent.input(box, { target: { value: 'zoe lukas' } });
    await vi.advanceTimersByTimeAsync(150);
    await settle();
    expect(screen.getAllByTestId('client-row').map((r) => r.textContent)).toEqual([
      expect.stringContaining('Zoë Łukasiewicz-Ørsted'),
    ]);

    await fireEvent.input(box, { target: { value: '07700 900013' } });
    await vi.advanceTimersByTimeAsync(150);
    await settle();
    expect(screen.getAllByTestId('client-row')).toHaveLength(1);
    expect(screen.getByTestId('client-row')).toHaveTextContent('Daniel Cohen');
  });

  it('says so when nobody matches', async () => {
    render(ClientsPage);
    await settle();
    await fireEvent.input(screen.getByTestId('client-search'), { target: { value: 'qqq' } });
    await vi.advanceTimersByTimeAsync(150);
    await settle();
    expect(screen.queryAllByTestId('client-row')).toHaveLength(0);
    expect(screen.getByText(/No clients match/)).toHaveTextContent('No clients match “qqq”.');
  });
});
