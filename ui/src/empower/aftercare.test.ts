import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { setTransport, type Appointment, type CalendarView, type DeskStatus } from '../api';
import { createFakeTransport, type FakeTransport } from '../api/fake';
import { setDesk } from '../app/session.svelte';
import AppointmentPanel from '../calendar/AppointmentPanel.svelte';
import AftercareScreen from './AftercareScreen.svelte';
import DocumentHistory from './DocumentHistory.svelte';

const TODAY = '2026-11-23';

async function firstVisit(fake: FakeTransport): Promise<Appointment> {
  const view = (await fake.send('calendar.range', {
    from: TODAY,
    days: 1,
    includeCancelled: false,
  })) as CalendarView;
  return view.appointments[0]!;
}

describe('a visit’s self-care & aftercare', () => {
  let fake: FakeTransport;
  let visit: Appointment;

  beforeEach(async () => {
    fake = createFakeTransport({
      scenario: 'demo',
      today: TODAY,
      signedIn: 'maya',
      // The core's per-client rule: Maya's own clients only (shared care off).
      extra: {
        'care.may_open': ({ clientId }: { clientId: string }) => clientId === visit.clientId,
      },
    });
    setTransport(fake);
    setDesk((await fake.send('staff.me', {})) as DeskStatus);
    visit = await firstVisit(fake);
  });

  it('is offered on the appointment panel to the client’s therapists, not to reception', async () => {
    const opened: Appointment[] = [];
    const first = render(AppointmentPanel, {
      props: {
        appointment: visit,
        onclose: () => {},
        oncancelled: () => {},
        onaftercare: (a: Appointment) => opened.push(a),
      },
    });
    await fireEvent.click(await screen.findByTestId('open-aftercare'));
    expect(opened).toEqual([visit]);
    first.unmount();

    // A client the core does not let her open: not offered.
    const other = render(AppointmentPanel, {
      props: {
        appointment: { ...visit, clientId: 'someone-else' },
        onclose: () => {},
        oncancelled: () => {},
        onaftercare: () => {},
      },
    });
    await waitFor(() => expect(fake.count('care.may_open')).toBe(2));
    expect(screen.queryByTestId('open-aftercare')).not.toBeInTheDocument();
    other.unmount();

    await fake.send('staff.sign_out', {});
    await fake.send('staff.sign_in', { username: 'reception', password: 'palma-demo' });
    setDesk((await fake.send('staff.me', {})) as DeskStatus);
    render(AppointmentPanel, {
      props: {
        appointment: visit,
        onclose: () => {},
        oncancelled: () => {},
        onaftercare: () => {},
      },
    });
    expect(screen.queryByTestId('open-aftercare')).not.toBeInTheDocument();
  });

  it('adds a handout and changes its dosage, with the core’s error in place', async () => {
    render(AftercareScreen, { props: { appointment: visit, onclose: () => {} } });

    await fireEvent.click(await screen.findByTestId('add-handouts'));
    await fireEvent.input(screen.getByTestId('handout-search'), { target: { value: 'tucks' } });
    await waitFor(() => expect(screen.getAllByTestId('handout-option')).toHaveLength(1));
    const option = screen.getByTestId('handout-option');
    expect(option).toHaveTextContent('Chin tucks');
    expect(option).toHaveTextContent('Posture and desk set-up');
    await fireEvent.click(option);

    const item = await screen.findByTestId('programme-item');
    expect(fake.calls).toContainEqual({
      op: 'programme.assign',
      args: { appointmentId: visit.id, handoutId: option.dataset.handoutId, personalNote: '' },
    });
    expect(within(item).getByTestId('dosage-text')).toHaveTextContent(
      'Hold for 5 seconds, 10 times, 3 times a day',
    );

    await fireEvent.input(within(item).getByTestId('dosage-repetitions'), {
      target: { value: '500' },
    });
    await fireEvent.click(within(item).getByTestId('item-save'));
    const error = await within(item).findByTestId('error-dosage.repetitions');
    expect(error).toHaveTextContent('Must be between 1 and 100.');
    expect(within(item).getByTestId('dosage-repetitions')).toHaveAttribute('aria-invalid', 'true');
    expect(fake.calls.filter((c) => c.op === 'programme.update').at(-1)?.args).toMatchObject({
      id: item.dataset.itemId,
      dosage: { holdSeconds: 5, repetitions: 500, timesPerDay: 3 },
    });

    await fireEvent.input(within(item).getByTestId('dosage-repetitions'), {
      target: { value: '8' },
    });
    await fireEvent.input(within(item).getByTestId('dosage-times-per-day'), {
      target: { value: '' },
    });
    await fireEvent.input(within(item).getByTestId('personal-note'), {
      target: { value: 'Try it at every red light.' },
    });
    await fireEvent.click(within(item).getByTestId('item-save'));
    await waitFor(() =>
      expect(within(item).getByTestId('dosage-text')).toHaveTextContent(
        'Hold for 5 seconds, 8 times',
      ),
    );
    expect(within(item).queryByTestId('error-dosage.repetitions')).not.toBeInTheDocument();
    expect(fake.calls.filter((c) => c.op === 'programme.update').at(-1)?.args).toEqual({
      id: item.dataset.itemId,
      dosage: { holdSeconds: 5, repetitions: 8 },
      personalNote: 'Try it at every red light.',
    });
  });

  it('prints: issues the sheet, opens the PDF, shows its hash and lists it in the history', async () => {
    await fake.send('programme.assign', {
      appointmentId: visit.id,
      handoutId: (
        (await fake.send('handouts.list', { text: 'breathing' })) as Array<{ id: string }>
      )[0]!.id,
      personalNote: '',
    });
    render(AftercareScreen, { props: { appointment: visit, onclose: () => {} } });

    await fireEvent.input(await screen.findByTestId('worked-on'), {
      target: { value: 'Slow work on your upper back.' },
    });
    await fireEvent.click(screen.getByTestId('save-notes'));
    await waitFor(() => expect(fake.count('programme.notes')).toBe(1));
    expect(fake.calls.find((c) => c.op === 'programme.notes')?.args).toEqual({
      appointmentId: visit.id,
      workedOn: 'Slow work on your upper back.',
      whatToExpect: '',
    });
    await fireEvent.click(screen.getByTestId('aftercare-preview'));
    const sheet = await screen.findByTestId('preview-sheet');
    expect(sheet).toHaveTextContent(visit.clientName);
    expect(sheet).toHaveTextContent('Belly breathing');
    expect(sheet).toHaveTextContent('Slow work on your upper back.');
    expect(sheet).toHaveTextContent('When to seek help');
    const img = sheet.querySelector('img')!;
    expect(img.getAttribute('src')).toMatch(/^data:image\/svg\+xml;utf8,%3Csvg/);

    await fireEvent.click(screen.getByTestId('paper-letter'));
    await fireEvent.click(screen.getByTestId('large-print'));
    await fireEvent.click(screen.getByTestId('aftercare-print'));

    const done = await screen.findByTestId('print-done');
    const ops = fake.calls.map((c) => c.op);
    const issue = ops.lastIndexOf('aftercare.issue');
    expect(issue).toBeGreaterThanOrEqual(0);
    expect(ops.indexOf('open_pdf', issue)).toBeGreaterThan(issue);
    expect(fake.calls[issue]!.args).toEqual({
      appointmentId: visit.id,
      options: { paper: 'letter', largePrint: true },
    });
    const opened = fake.calls.find((c) => c.op === 'open_pdf')!.args as {
      fileName: string;
      base64: string;
    };
    expect(opened.fileName).toMatch(/\.pdf$/);
    expect(atob(opened.base64).startsWith('%PDF-')).toBe(true);

    const row = await screen.findByTestId('document-row');
    const sha = row.dataset.sha256!;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(done).toHaveTextContent(`${sha.slice(0, 4)} ${sha.slice(4, 8)}`);
    expect(within(row).getByTitle(sha)).toHaveTextContent(sha);
    expect(row).toHaveTextContent('Letter, large print');
    expect(row).toHaveTextContent('Maya Patel');
  });

  it('lists a client’s documents with their hashes and reprints one', async () => {
    await fake.send('aftercare.issue', {
      appointmentId: visit.id,
      options: { paper: 'a4', largePrint: false },
    });
    await fake.send('aftercare.issue', {
      appointmentId: visit.id,
      options: { paper: 'a4', largePrint: true },
    });
    render(DocumentHistory, { props: { clientId: visit.clientId } });

    await waitFor(() => expect(screen.getAllByTestId('document-row')).toHaveLength(2));
    const rows = screen.getAllByTestId('document-row');
    for (const row of rows) expect(row.dataset.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.dataset.sha256).not.toBe(rows[1]!.dataset.sha256);

    await fireEvent.click(within(rows[1]!).getByTestId('document-reprint'));
    await waitFor(() => expect(fake.count('open_pdf')).toBe(1));
    expect(fake.calls).toContainEqual({
      op: 'documents.reprint',
      args: { id: rows[1]!.dataset.documentId },
    });
  });
});
