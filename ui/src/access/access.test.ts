import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { setTransport } from '../api';
import { createFakeTransport } from '../api/fake';
import App from '../App.svelte';

const TODAY = '2026-11-23';

describe('signing in and the lock screen', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows the core’s message when the password is wrong', async () => {
    const fake = createFakeTransport({ scenario: 'demo', today: TODAY, signedIn: null });
    setTransport(fake);
    render(App);

    await fireEvent.input(await screen.findByTestId('signin-username'), {
      target: { value: 'maya' },
    });
    await fireEvent.input(screen.getByTestId('signin-password'), { target: { value: 'nope' } });
    await fireEvent.click(screen.getByTestId('signin-submit'));

    expect(await screen.findByTestId('signin-error')).toHaveTextContent(
      'That username and password do not match.',
    );
    expect(fake.calls).toContainEqual({
      op: 'staff.sign_in',
      args: { username: 'maya', password: 'nope' },
    });
    expect(screen.queryByTestId('signed-in-as')).not.toBeInTheDocument();
  });

  it('lists the demo accounts and signs in with one click', async () => {
    const fake = createFakeTransport({ scenario: 'demo', today: TODAY, signedIn: null });
    setTransport(fake);
    render(App);

    await waitFor(() => expect(screen.getAllByTestId('demo-account')).toHaveLength(5));
    const maya = screen
      .getAllByTestId('demo-account')
      .find((row) => row.dataset.username === 'maya')!;
    expect(maya).toHaveTextContent('Maya Patel');
    expect(maya).toHaveTextContent('3333');
    await fireEvent.click(within(maya).getByTestId('demo-signin'));

    expect(await screen.findByTestId('signed-in-as')).toHaveTextContent('Maya Patel');
    expect(screen.getByTestId('signed-in-as')).toHaveTextContent('Therapist');
    expect(fake.calls).toContainEqual({
      op: 'staff.sign_in',
      args: { username: 'maya', password: 'palma-demo' },
    });
    // A therapist does not manage the clinic: no Settings in the navigation.
    expect(screen.getByTestId('nav-calendar')).toBeInTheDocument();
    expect(screen.queryByTestId('nav-settings')).not.toBeInTheDocument();
  });

  it('shows the lock screen when any call is refused as locked, and unlocks with the PIN', async () => {
    const fake = createFakeTransport({ scenario: 'demo', today: TODAY, signedIn: 'owner' });
    setTransport(fake);
    render(App);
    expect(await screen.findByTestId('signed-in-as')).toHaveTextContent('Rosa Lindgren');
    expect(screen.getByTestId('nav-settings')).toBeInTheDocument();

    // Locked behind the UI's back (the idle timer, another window): the next call is refused.
    await fake.send('staff.lock', {});
    expect(await screen.findByTestId('lock-screen', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(fake.calls.some((c) => c.op === 'journal.changes')).toBe(true);

    await fireEvent.input(screen.getByTestId('unlock-secret'), { target: { value: '9999' } });
    await fireEvent.click(screen.getByTestId('unlock-submit'));
    expect(await screen.findByTestId('unlock-error')).toHaveTextContent(
      'That password or PIN is not right.',
    );
    expect(screen.getByTestId('lock-screen')).toBeInTheDocument();

    await fireEvent.input(screen.getByTestId('unlock-secret'), { target: { value: '1111' } });
    await fireEvent.click(screen.getByTestId('unlock-submit'));
    await waitFor(() => expect(screen.queryByTestId('lock-screen')).not.toBeInTheDocument());
    expect(fake.calls).toContainEqual({ op: 'staff.unlock', args: { secret: '1111' } });
  });

  it('locks from the shell and signs out from the menu', async () => {
    const fake = createFakeTransport({ scenario: 'demo', today: TODAY, signedIn: 'reception' });
    setTransport(fake);
    render(App);
    // A person locks a calendar they see: once it has drawn its day (the calendar library
    // scrolls a moment after drawing, and a page gone by then leaves it nothing to scroll).
    await screen.findAllByTestId('appointment');

    await fireEvent.click(await screen.findByTestId('lock-now'));
    expect(await screen.findByTestId('lock-screen')).toBeInTheDocument();
    await fireEvent.input(screen.getByTestId('unlock-secret'), {
      target: { value: 'palma-demo' },
    });
    await fireEvent.click(screen.getByTestId('unlock-submit'));
    await waitFor(() => expect(screen.queryByTestId('lock-screen')).not.toBeInTheDocument());
    await screen.findAllByTestId('appointment');
    await new Promise((resolve) => setTimeout(resolve, 0));

    await fireEvent.click(screen.getByTestId('signed-in-as'));
    await fireEvent.click(screen.getByTestId('sign-out'));
    expect(await screen.findByTestId('signin-form')).toBeInTheDocument();
    expect(fake.calls.map((c) => c.op)).toEqual(
      expect.arrayContaining(['staff.lock', 'staff.unlock', 'staff.sign_out']),
    );
  });

  it('shows sign-in when a call says nobody is signed in', async () => {
    const fake = createFakeTransport({ scenario: 'demo', today: TODAY, signedIn: 'tom' });
    setTransport(fake);
    render(App);
    expect(await screen.findByTestId('signed-in-as')).toHaveTextContent('Tom Okafor');

    await fake.send('staff.sign_out', {});
    expect(await screen.findByTestId('signin-form', {}, { timeout: 3000 })).toBeInTheDocument();
  });
});
