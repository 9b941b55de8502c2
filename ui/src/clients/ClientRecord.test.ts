import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import {
  setTransport,
  type Appointment,
  type ClientHistory,
  type ClientInput,
  type Transport,
} from '../api';
import { createFakeTransport } from '../api/fake';
import ClientForm from './ClientForm.svelte';
import ClientsPage from './ClientsPage.svelte';

const TODAY = '2026-11-23';

async function fill(values: Record<string, string>) {
  for (const [testid, value] of Object.entries(values)) {
    await fireEvent.input(screen.getByTestId(testid), { target: { value } });
  }
}

const DUPLICATE = {
  code: 'conflict',
  field: 'phone',
  message:
    'A client with the same name and details is already on file. Check it is not the same person; if it is not, confirm to create this one.',
};

describe('the client record for reception', () => {
  it('sends the whole contact record', async () => {
    const fake = createFakeTransport({ scenario: 'demo', today: TODAY });
    setTransport(fake);
    const onsaved = vi.fn();
    render(ClientForm, { props: { onsaved } });
    await fill({
      'client-given-name': 'Mere',
      'client-family-name': 'Tawhiri',
      'client-phone': '07700 900123',
      'client-address': '4 Mill Lane\nBristol',
      'client-emergency-name': 'Hemi Tawhiri',
      'client-emergency-phone': '07700 900124',
      'client-alerts': 'Call, don’t text',
    });
    await fireEvent.change(screen.getByTestId('client-preferred-contact'), {
      target: { value: 'phone' },
    });
    await fireEvent.click(screen.getByTestId('client-save'));
    await waitFor(() => expect(onsaved).toHaveBeenCalledTimes(1));
    expect(fake.calls.find((c) => c.op === 'clients.create')?.args).toMatchObject({
      givenName: 'Mere',
      familyName: 'Tawhiri',
      address: '4 Mill Lane\nBristol',
      emergencyContactName: 'Hemi Tawhiri',
      emergencyContactPhone: '07700 900124',
      preferredContact: 'phone',
      alerts: 'Call, don’t text',
      confirmedNotDuplicate: false,
    });
  });

  it('offers the client on file for a possible duplicate, or creates anyway', async () => {
    const creates: ClientInput[] = [];
    const fake = createFakeTransport({
      scenario: 'demo',
      today: TODAY,
      extra: {
        'clients.create': (args: ClientInput) => {
          creates.push(args);
          if (!args.confirmedNotDuplicate) throw DUPLICATE;
          return { id: 'new-oliver', ...args, dateOfBirth: null };
        },
      },
    });
    setTransport(fake);
    const onsaved = vi.fn();
    const onopen = vi.fn();
    render(ClientForm, { props: { onsaved, onopen } });
    await fill({
      'client-given-name': 'Oliver',
      'client-family-name': 'Hughes',
      'client-phone': '07700 900777',
    });
    await fireEvent.click(screen.getByTestId('client-save'));

    const panel = await screen.findByTestId('client-duplicate');
    expect(panel).toHaveTextContent('Possible duplicate: same name and phone number');
    expect(panel).toHaveTextContent('already on file');
    await waitFor(() => expect(panel).toHaveFocus());
    const open = await within(panel).findAllByTestId('client-duplicate-open');
    expect(open[0]!.closest('li')).toHaveTextContent('Oliver Hughes');
    expect(onsaved).not.toHaveBeenCalled();

    await fireEvent.click(open[0]!);
    expect(onopen).toHaveBeenCalledWith(open[0]!.dataset.clientId);

    await fireEvent.click(within(panel).getByTestId('client-create-anyway'));
    await waitFor(() => expect(onsaved).toHaveBeenCalledTimes(1));
    expect(creates.map((c) => c.confirmedNotDuplicate)).toEqual([false, true]);
    expect(screen.queryByTestId('client-duplicate')).toBeNull();
  });

  it('without an opener, a duplicate on file becomes the client to carry on with', async () => {
    setTransport(
      createFakeTransport({
        scenario: 'demo',
        today: TODAY,
        extra: {
          'clients.create': () => {
            throw DUPLICATE;
          },
        },
      }),
    );
    const onsaved = vi.fn();
    render(ClientForm, { props: { onsaved } });
    await fill({ 'client-given-name': 'Oliver', 'client-family-name': 'Hughes' });
    await fireEvent.click(screen.getByTestId('client-save'));
    const use = (await screen.findAllByTestId('client-duplicate-open'))[0]!;
    expect(use).toHaveTextContent('Use this client');
    await fireEvent.click(use);
    await waitFor(() => expect(onsaved).toHaveBeenCalledTimes(1));
    expect(onsaved.mock.calls[0]![0]).toMatchObject({
      id: use.dataset.clientId,
      givenName: 'Oliver',
      familyName: 'Hughes',
    });
  });

  it('shows the history with counts by status, the precaution flag, and saves an .ics', async () => {
    const visit = (id: string, status: Appointment['status'], extra: Partial<Appointment> = {}) =>
      ({
        id,
        clientId: '',
        clientName: '',
        serviceId: 's',
        serviceName: 'Sports massage',
        practitionerId: 'p',
        practitionerName: 'Maya Patel',
        roomId: 'r',
        roomName: 'Willow',
        start: '2026-11-30T10:00',
        end: '2026-11-30T10:45',
        startMs: 0,
        endMs: 0,
        status,
        colour: '#3b7ea1',
        cancelReason: null,
        lateCancellation: false,
        seriesId: null,
        overrideReason: null,
        hasPrecaution: false,
        ...extra,
      }) satisfies Appointment;
    const history = (id: string): ClientHistory => ({
      clientId: id,
      appointments: [
        visit('a4', 'booked', { seriesId: 'course-1' }),
        visit('a3', 'booked', { seriesId: 'course-1', start: '2026-11-23T10:00' }),
        visit('a2', 'cancelled', { lateCancellation: true, start: '2026-11-16T10:00' }),
        visit('a1', 'completed', { start: '2026-11-09T10:00' }),
      ],
      // a3's visit ended on Monday and nobody closed it out: not upcoming.
      counts: {
        upcoming: 1,
        notClosed: 1,
        booked: 1,
        confirmed: 0,
        arrived: 0,
        inTreatment: 0,
        completed: 1,
        cancelled: 1,
        lateCancellations: 1,
        noShows: 0,
      },
      notClosedIds: ['a3'],
    });
    const fake = createFakeTransport({
      scenario: 'demo',
      today: TODAY,
      signedIn: 'reception',
      extra: {
        'clients.history': (args: { id: string }) => history(args.id),
        'clients.alert_flags': () => ({ hasPrecautions: true, levels: ['avoid', 'modify'] }),
        'appointments.ics': (args: { id?: string; seriesId?: string }) => ({
          fileName: args.seriesId ? 'course.ics' : 'appointment.ics',
          content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
        }),
      },
    });
    const native = vi.fn(async (_command: string, args: { fileName: string }) => {
      return `/home/reception/${args.fileName}`;
    });
    const transport: Transport = { send: (op, args) => fake.send(op, args), native };
    setTransport(transport);
    render(ClientsPage);

    await fireEvent.click((await screen.findAllByTestId('client-row'))[0]!);
    const flag = await screen.findByTestId('client-alert-flag');
    expect(flag).toHaveTextContent('Precaution on file: avoid · modify');
    expect(flag).toHaveAttribute('data-levels', 'avoid,modify');

    const record = await screen.findByTestId('client-history');
    await within(record).findAllByTestId('history-row');
    const count = (key: string) =>
      within(record).getByTestId(`history-count-${key}`).getAttribute('data-count');
    expect(
      ['upcoming', 'not-closed', 'attended', 'cancelled', 'late', 'no-show'].map(count),
    ).toEqual(['1', '1', '1', '1', '1', '0']);
    const rows = within(record).getAllByTestId('history-row');
    expect(rows.map((r) => within(r).getByTestId('history-status').textContent)).toEqual([
      'Booked',
      'Not closed out',
      'Cancelled',
      'Completed',
    ]);
    // A cancelled visit has no calendar file; a course's file is offered once.
    expect(within(rows[2]!).queryByTestId('history-ics')).toBeNull();
    expect(within(record).getAllByTestId('history-ics-course')).toHaveLength(1);

    await fireEvent.click(within(record).getByTestId('history-ics-course'));
    expect(await within(record).findByTestId('history-notice')).toHaveTextContent(
      '/home/reception/course.ics',
    );
    expect(fake.calls.find((c) => c.op === 'appointments.ics')?.args).toEqual({
      seriesId: 'course-1',
    });
    const [command, file] = native.mock.calls[0]!;
    expect(command).toBe('save_file');
    expect(atob((file as unknown as { base64: string }).base64)).toBe(
      'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
    );
  });
});
