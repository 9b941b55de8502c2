import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { setTransport } from '../api';
import { createFakeTransport } from '../api/fake';
import ClientForm from './ClientForm.svelte';

async function fill(values: Record<string, string>) {
  for (const [testid, value] of Object.entries(values)) {
    await fireEvent.input(screen.getByTestId(testid), { target: { value } });
  }
}

describe('the client form', () => {
  it('shows the core’s validation error for email next to the email field', async () => {
    const send = vi.fn().mockRejectedValue({
      code: 'validation',
      field: 'email',
      message: 'Email should look like name@example.com.',
    });
    setTransport({ send });
    const onsaved = vi.fn();
    render(ClientForm, { props: { onsaved } });

    await fill({
      'client-given-name': 'Jo',
      'client-family-name': 'Bloggs',
      'client-email': 'jo-at-example',
    });
    await fireEvent.click(screen.getByTestId('client-save'));

    const error = await screen.findByTestId('error-email');
    expect(error).toHaveTextContent('Email should look like name@example.com.');
    expect(error).toHaveAttribute('role', 'alert');
    const email = screen.getByTestId('client-email');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    await waitFor(() => expect(email).toHaveFocus());
    // Only the email field is marked; the message is not repeated at the top.
    expect(screen.getByTestId('client-given-name')).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByTestId('client-form-error')).toBeNull();
    expect(onsaved).not.toHaveBeenCalled();
    expect(send).toHaveBeenCalledWith(
      'clients.create',
      expect.objectContaining({ givenName: 'Jo', familyName: 'Bloggs', email: 'jo-at-example' }),
      expect.anything(),
    );
  });

  it('puts an error about no field of the form at the top', async () => {
    setTransport({
      send: () => Promise.reject({ code: 'forbidden', message: 'Only reception can add clients.' }),
    });
    render(ClientForm, { props: { onsaved: vi.fn() } });
    await fireEvent.click(screen.getByTestId('client-save'));
    expect(await screen.findByTestId('client-form-error')).toHaveTextContent(
      'Only reception can add clients.',
    );
  });

  it('creates the client and clears the error once the core accepts it', async () => {
    setTransport(createFakeTransport({ scenario: 'demo', today: '2026-11-23' }));
    const onsaved = vi.fn();
    render(ClientForm, { props: { onsaved } });

    await fill({ 'client-given-name': 'Jo', 'client-family-name': 'Bloggs' });
    await fireEvent.click(screen.getByTestId('client-save'));
    expect(await screen.findByTestId('error-phone')).toHaveTextContent(
      'Give a phone number or an email address',
    );

    // A date input set by script fires only `change`: it must still count.
    await fireEvent.change(screen.getByTestId('client-dob'), { target: { value: '1984-02-29' } });
    await fill({ 'client-phone': '+44 20 7946 0958' });
    await fireEvent.click(screen.getByTestId('client-save'));

    await waitFor(() => expect(onsaved).toHaveBeenCalledTimes(1));
    expect(onsaved.mock.calls[0]![0]).toMatchObject({
      givenName: 'Jo',
      familyName: 'Bloggs',
      dateOfBirth: '1984-02-29',
      phone: '+44 20 7946 0958',
    });
    expect(screen.queryByTestId('error-phone')).toBeNull();
  });
});
