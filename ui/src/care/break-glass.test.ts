import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { setTransport, type ApiError, type CalendarView, type DeskStatus } from '../api';
import { createFakeTransport, type FakeTransport } from '../api/fake';
import { setDesk } from '../app/session.svelte';
import AppointmentPanel from '../calendar/AppointmentPanel.svelte';
import ClientsPage from '../clients/ClientsPage.svelte';
import { record } from './fixtures.test-data';

// A therapist the core refuses (another therapist's client) opens the record by giving a
// reason: the dialog asks for it, shows the core's message next to the field, and opens the
// record once the core has granted it.

const tooShort: ApiError = {
  code: 'validation',
  field: 'reason',
  message: 'Say why you need to open this record (a sentence, at least 10 characters).',
};

async function desk(who: string) {
  let granted = false;
  const transport: FakeTransport = createFakeTransport({
    scenario: 'demo',
    today: '2026-11-23',
    signedIn: who,
    extra: {
      'care.may_open': () => granted,
      'care.break_glass': ({ reason }: { reason: string }) => {
        if (reason.trim().length < 10) throw tooShort;
        granted = true;
        return { validOn: '2026-11-23' };
      },
      'care.record': () => record(),
    },
  });
  setTransport(transport);
  setDesk((await transport.send('staff.me', {})) as DeskStatus);
  return transport;
}

async function firstVisit(transport: FakeTransport) {
  const day = (await transport.send('calendar.range', {
    from: '2026-11-23',
    days: 1,
    includeCancelled: false,
  })) as CalendarView;
  return day.appointments[0]!;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('opening a record with a reason', () => {
  it('asks why, shows a refusal next to the reason, then opens the visit’s note', async () => {
    const transport = await desk('maya');
    const visit = await firstVisit(transport);
    const opened: unknown[] = [];
    render(AppointmentPanel, {
      props: {
        appointment: visit,
        onclose() {},
        oncancelled() {},
        onnote: (a: unknown) => opened.push(a),
      },
    });
    await fireEvent.click(await screen.findByTestId('open-with-reason'));
    expect(screen.queryByTestId('open-session-note')).toBeNull();

    const dialog = screen.getByRole('dialog', { name: 'Open this clinical record' });
    const reason = within(dialog).getByLabelText('Reason');
    expect(reason).toHaveFocus();
    await fireEvent.input(reason, { target: { value: 'need it' } });
    await fireEvent.click(within(dialog).getByTestId('break-glass-open'));
    const error = await within(dialog).findByText(tooShort.message);
    expect(error.id).toBe('break-glass-reason-error');
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason.getAttribute('aria-describedby')).toContain('break-glass-reason-error');
    expect(opened).toEqual([]);

    await fireEvent.input(reason, { target: { value: 'Covering Maya’s session today' } });
    await fireEvent.click(within(dialog).getByTestId('break-glass-open'));
    await waitFor(() => expect(opened).toEqual([visit]));
    expect(transport.calls.filter((c) => c.op === 'care.break_glass').at(-1)?.args).toEqual({
      clientId: visit.clientId,
      reason: 'Covering Maya’s session today',
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('open-session-note')).toBeInTheDocument();
    expect(screen.queryByTestId('open-with-reason')).toBeNull();
  });

  it('opens the clinical record from the client’s page', async () => {
    const transport = await desk('maya');
    const visit = await firstVisit(transport);
    render(ClientsPage);
    const rows = await screen.findAllByTestId('client-row');
    const row = rows.find((r) => r.textContent?.includes(visit.clientName.split(' ')[0]!))!;
    await fireEvent.click(row.querySelector('button') ?? row);
    await fireEvent.click(await screen.findByTestId('open-with-reason'));
    expect(screen.queryByTestId('open-clinical-record')).toBeNull();
    const dialog = screen.getByRole('dialog');
    await fireEvent.input(within(dialog).getByLabelText('Reason'), {
      target: { value: 'Client asked at the desk for her plan' },
    });
    await fireEvent.click(within(dialog).getByTestId('break-glass-open'));
    await waitFor(() => expect(transport.count('care.record')).toBe(1));
    expect(screen.getByTestId('open-clinical-record')).toBeInTheDocument();
  });

  it('is not offered to reception, who never read clinical records', async () => {
    const transport = await desk('reception');
    render(AppointmentPanel, {
      props: {
        appointment: await firstVisit(transport),
        onclose() {},
        oncancelled() {},
        onnote() {},
      },
    });
    await screen.findByTestId('appointment-ics');
    expect(screen.queryByTestId('open-with-reason')).toBeNull();
    expect(transport.count('care.may_open')).toBe(0);
  });
});
