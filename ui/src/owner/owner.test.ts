import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  setTransport,
  type AccessGrant,
  type ApiError,
  type JournalLine,
  type JournalQuery,
} from '../api';
import { createFakeTransport } from '../api/fake';
import App from '../App.svelte';
import { setDesk } from '../app/session.svelte';
import AccessGrantsPanel from './AccessGrantsPanel.svelte';
import BackupsPanel from './BackupsPanel.svelte';
import ClientRequestsPanel from './ClientRequestsPanel.svelte';
import CsvPanel from './CsvPanel.svelte';
import DeskPolicyPanel from './DeskPolicyPanel.svelte';
import JournalPanel from './JournalPanel.svelte';
import RetentionPanel from './RetentionPanel.svelte';

const TODAY = '2026-11-23';
type Extra = NonNullable<Parameters<typeof createFakeTransport>[0]['extra']>;

async function asOwner(extra: Extra = {}) {
  const fake = createFakeTransport({ scenario: 'demo', today: TODAY, signedIn: 'owner', extra });
  setTransport(fake);
  setDesk(await call('staff.me', {}));
  return fake;
}

function refusal(field: string, message: string): ApiError {
  return { code: 'validation', message, field };
}

function line(seq: number, extra: Partial<JournalLine> = {}): JournalLine {
  return {
    seq,
    atMs: 0,
    at: '2026-11-23T09:15',
    staffId: 'owner-id',
    staffName: 'Rosa Lindgren',
    workstation: 'front-desk',
    action: 'update',
    entity: 'client',
    entityId: 'x',
    clientId: null,
    clientName: '',
    subjectName: '',
    appointment: null,
    detail: 'phone',
    ...extra,
  };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('who sees the data and security screens', () => {
  it('shows them to the owner, with every tab', async () => {
    const fake = createFakeTransport({
      scenario: 'demo',
      today: TODAY,
      signedIn: 'owner',
      extra: { 'journal.search': () => [] },
    });
    setTransport(fake);
    render(App);
    await fireEvent.click(await screen.findByTestId('nav-owner'));
    const tabs = screen.getAllByRole('tab').map((t) => t.textContent?.trim());
    expect(tabs).toEqual([
      'Desk security',
      'Journal',
      'Records opened',
      'Backups',
      'Retention',
      'Client data requests',
      'Import & export',
    ]);
  });

  it.each(['reception', 'maya'])('hides them from %s', async (who) => {
    setTransport(createFakeTransport({ scenario: 'demo', today: TODAY, signedIn: who }));
    render(App);
    await screen.findByTestId('nav-calendar');
    expect(screen.queryByTestId('nav-owner')).not.toBeInTheDocument();
  });
});

describe('desk security', () => {
  it('saves the policy and shows the core’s refusal next to the field', async () => {
    const fake = await asOwner({
      'staff.policy_save': (args: { idleLockMinutes: number }) => {
        if (args.idleLockMinutes < 1) throw refusal('idleLockMinutes', 'Idle lock must be 1–240.');
        return { ...args };
      },
    });
    render(DeskPolicyPanel);
    const minutes = await screen.findByTestId('policy-idle-minutes');
    await waitFor(() => expect(minutes).toHaveValue(5));
    await fireEvent.input(minutes, { target: { value: '0' } });
    await fireEvent.click(screen.getByTestId('policy-save'));
    expect(await screen.findByTestId('error-idleLockMinutes')).toHaveTextContent('1–240');

    await fireEvent.input(minutes, { target: { value: '2' } });
    await fireEvent.click(screen.getByTestId('policy-calendar-visible'));
    await fireEvent.click(screen.getByTestId('policy-pin-switch'));
    await fireEvent.click(screen.getByTestId('policy-save'));
    expect(await screen.findByTestId('policy-saved')).toHaveTextContent('after 2 minutes');
    expect(fake.calls.filter((c) => c.op === 'staff.policy_save').at(-1)?.args).toEqual({
      idleLockMinutes: 2,
      calendarVisibleWhenLocked: false,
      pinSwitch: false,
    });
  });
});

describe('journal', () => {
  it('filters by action and day, names the client and pages back', async () => {
    const queries: JournalQuery[] = [];
    const fake = await asOwner({
      'journal.search': (args: JournalQuery) => {
        queries.push(args);
        const start = args.before ?? 120;
        return Array.from({ length: Math.min(50, start - 1) }, (_, i) =>
          line(
            start - 1 - i,
            i === 0 ? { clientId: 'c-1', clientName: 'Zoë Łukasiewicz-Ørsted' } : {},
          ),
        );
      },
    });
    render(JournalPanel);
    await waitFor(() => expect(screen.getAllByTestId('journal-line')).toHaveLength(50));
    const [named, other] = screen.getAllByTestId('journal-line');
    // Each line a sentence with the names the core looked up.
    expect(within(named!).getByTestId('journal-sentence')).toHaveTextContent(
      'Rosa Lindgren changed Zoë Łukasiewicz-Ørsted’s contact details',
    );
    expect(within(other!).getByTestId('journal-sentence')).toHaveTextContent(
      'Rosa Lindgren changed a client’s contact details',
    );
    expect(within(other!).getByText('front-desk')).toBeInTheDocument();

    await fireEvent.click(screen.getByTestId('journal-older'));
    await waitFor(() => expect(screen.getByTestId('journal-page')).toHaveTextContent('Page 2'));
    expect(queries.at(-1)?.before).toBe(70);
    await fireEvent.click(screen.getByTestId('journal-newer'));
    await waitFor(() => expect(screen.getByTestId('journal-page')).toHaveTextContent('Page 1'));
    expect(queries.at(-1)?.before).toBeUndefined();

    await fireEvent.change(screen.getByTestId('journal-action'), { target: { value: 'export' } });
    await fireEvent.input(screen.getByTestId('journal-from'), {
      target: { value: '2026-11-01' },
    });
    await fireEvent.click(screen.getByTestId('journal-search'));
    await waitFor(() => expect(queries.at(-1)?.action).toBe('export'));
    expect(queries.at(-1)).toMatchObject({ from: '2026-11-01', limit: 50 });
    // The lines name their clients: no lookup per client.
    expect(fake.count('clients.get')).toBe(0);
  });
});

describe('backups', () => {
  it('shows a failed daily backup until a backup works, then the file and its checksum', async () => {
    const fake = await asOwner({
      'backup.settings': () => ({
        folder: '/media/gone',
        keep: 14,
        daily: true,
        lastBackupMs: 0,
        lastFailure: { atMs: 1_795_000_000_000, message: 'That folder does not exist.' },
        state: 'failing',
      }),
      'journal.search': () => [],
      'backup.now': (args: { folder: string }) => {
        if (!args.folder) throw refusal('folder', 'Choose a folder for backups.');
        return {
          file: `${args.folder}/palma-1.sqlite`,
          sha256: 'ab12cd',
          bytes: 4096,
          removed: [],
        };
      },
    });
    render(BackupsPanel);
    expect(await screen.findByTestId('backup-failure')).toHaveTextContent(
      'The daily backup failed',
    );
    expect(screen.getByTestId('backup-failure')).toHaveTextContent('That folder does not exist.');
    expect(await screen.findByTestId('backup-last')).toHaveTextContent('No backup');
    await fireEvent.input(screen.getByTestId('backup-now-folder'), { target: { value: '' } });
    await fireEvent.click(screen.getByTestId('backup-now'));
    expect(await screen.findByTestId('error-folder')).toHaveTextContent('Choose a folder');
    await fireEvent.input(screen.getByTestId('backup-now-folder'), {
      target: { value: '/media/usb' },
    });
    await fireEvent.click(screen.getByTestId('backup-now'));
    expect(await screen.findByTestId('backup-sha256')).toHaveTextContent('ab12cd');
    expect(screen.getByTestId('backup-file')).toHaveTextContent('/media/usb/palma-1.sqlite');
    expect(screen.queryByTestId('backup-failure')).toBeNull();
    expect(screen.getByTestId('restore-help')).toHaveTextContent('palma restore FILE');
    expect(fake.calls.filter((c) => c.op === 'backup.now').at(-1)?.args).toEqual({
      folder: '/media/usb',
    });
  });
});

describe('backups with no folder yet', () => {
  it('asks where backups go instead of reporting a failure', async () => {
    await asOwner({
      'backup.settings': () => ({ folder: '', keep: 14, daily: true, state: 'chooseFolder' }),
      'journal.search': () => [],
    });
    render(BackupsPanel);
    expect(await screen.findByTestId('backup-choose')).toHaveTextContent(
      'Choose where backups go.',
    );
    expect(screen.queryByTestId('backup-failure')).toBeNull();
    expect(screen.queryByTestId('backup-last')).toBeNull();
  });
});

describe('retention', () => {
  it('lists restricted records and purges the due ones only after confirming', async () => {
    let purged = false;
    const fake = await asOwner({
      'retention.settings': () => ({ years: 8 }),
      'retention.restricted': () =>
        purged
          ? []
          : [
              {
                clientId: 'a',
                name: 'Ada Old',
                restrictedOn: '2018-01-02',
                purgeAfter: '2026-01-01',
                due: true,
              },
              {
                clientId: 'b',
                name: 'Bo New',
                restrictedOn: '2026-11-01',
                purgeAfter: '2034-10-30',
                due: false,
              },
            ],
      'retention.purge_due': () => ((purged = true), { purged: 1 }),
    });
    render(RetentionPanel);
    await waitFor(() => expect(screen.getAllByTestId('retention-row')).toHaveLength(2));
    expect(screen.getByTestId('retention-purge')).toHaveTextContent('Purge 1 due');
    await fireEvent.click(screen.getByTestId('retention-purge'));
    expect(fake.count('retention.purge_due')).toBe(0);
    await fireEvent.click(await screen.findByTestId('retention-purge-confirm'));
    expect(await screen.findByTestId('retention-purged')).toHaveTextContent('1 record purged');
    expect(await screen.findByTestId('retention-empty')).toBeInTheDocument();
  });
});

describe('client data requests', () => {
  it('exports to a folder and erases only after the name is typed', async () => {
    const fake = await asOwner({
      'clients.export_to': (args: { clientId: string; folder: string }) => ({
        folder: `${args.folder}/palma-export-2026-11-23-abcd1234`,
        files: ['client.json', 'summary.pdf', 'aftercare-2026-11-20-1.pdf'].map(
          (f) => `${args.folder}/palma-export-2026-11-23-abcd1234/${f}`,
        ),
      }),
      'clients.erase': (args: { id: string }) => ({
        clientId: args.id,
        purgeAfter: '2034-11-23',
        purged: false,
      }),
    });
    render(ClientRequestsPanel);
    await fireEvent.input(screen.getByTestId('booking-client-search'), {
      target: { value: 'Hughes' },
    });
    await fireEvent.click(await screen.findByTestId('booking-client-option'));
    await fireEvent.input(screen.getByTestId('export-folder'), { target: { value: '/media/usb' } });
    await fireEvent.click(screen.getByTestId('export-submit'));
    await waitFor(() => expect(screen.getAllByTestId('export-file')).toHaveLength(3));
    expect(screen.getAllByTestId('export-file').map((li) => li.textContent)).toEqual([
      'client.json',
      'summary.pdf',
      'aftercare-2026-11-20-1.pdf',
    ]);

    const erase = screen.getByTestId('erase-submit');
    expect(erase).toBeDisabled();
    await fireEvent.input(screen.getByTestId('erase-confirm'), { target: { value: 'Oliver' } });
    expect(erase).toBeDisabled();
    await fireEvent.input(screen.getByTestId('erase-confirm'), {
      target: { value: 'oliver hughes' },
    });
    await fireEvent.click(erase);
    expect(await screen.findByTestId('erase-kept')).toHaveTextContent('until 2034-11-23');
    const sent = fake.calls.find((c) => c.op === 'clients.erase')?.args as { id: string };
    expect(fake.calls.find((c) => c.op === 'clients.export_to')?.args).toEqual({
      clientId: sent.id,
      folder: '/media/usb',
    });
  });
});

describe('CSV import', () => {
  const FILE = 'Surname,First name,Mobile\nNg,Anh,07700 900111\nSilva,,call me\n';

  it('suggests the mapping, lists every problem of every row, then imports all', async () => {
    let fixed = false;
    const fake = await asOwner({
      'clients.csv_columns': () => ({
        columns: ['Surname', 'First name', 'Mobile'],
        rows: 2,
        suggestion: { givenName: 'First name', familyName: 'Surname', phone: 'Mobile' },
      }),
      'clients.import_csv': (args: { dryRun: boolean }) => ({
        rows: 2,
        problems: fixed
          ? []
          : [
              { line: 3, field: 'givenName', message: 'First name is required.' },
              { line: 3, field: 'phone', message: 'Phone should be a number.' },
            ],
        imported: fixed && !args.dryRun ? 2 : 0,
      }),
    });
    render(CsvPanel);
    const input = screen.getByTestId('import-file');
    await fireEvent.change(input, {
      target: { files: [new File([FILE], 'old.csv', { type: 'text/csv' })] },
    });
    await waitFor(() =>
      expect(screen.getByTestId('import-map-givenName')).toHaveValue('First name'),
    );
    expect(screen.getByTestId('import-map-phone')).toHaveValue('Mobile');
    expect(screen.getByTestId('import-map-email')).toHaveValue('');
    await fireEvent.click(screen.getByTestId('import-check'));
    await waitFor(() => expect(screen.getAllByTestId('import-problem')).toHaveLength(2));
    expect(screen.getByTestId('import-problems')).toHaveTextContent('2 problems in 1 of 2 rows');
    expect(screen.queryByTestId('import-commit')).not.toBeInTheDocument();
    expect(fake.calls.find((c) => c.op === 'clients.import_csv')?.args).toEqual({
      csv: FILE,
      mapping: { givenName: 'First name', familyName: 'Surname', phone: 'Mobile' },
      dateOrder: 'iso',
      dryRun: true,
    });

    fixed = true;
    await fireEvent.click(screen.getByTestId('import-check'));
    await fireEvent.click(await screen.findByTestId('import-commit'));
    expect(await screen.findByTestId('import-done')).toHaveTextContent('Imported 2 clients');
    expect(fake.calls.filter((c) => c.op === 'clients.import_csv').at(-1)?.args).toMatchObject({
      dryRun: false,
    });
  });
});

describe('records opened with a reason', () => {
  const grant = (n: number, extra: Partial<AccessGrant> = {}): AccessGrant => ({
    id: `g${n}`,
    staffId: 'tom-id',
    staffName: 'Tom Okafor',
    clientId: `c${n}`,
    clientName: 'Amara Okonkwo',
    atMs: 0,
    at: '2026-11-23T14:05',
    validOn: '2026-11-23',
    reason: 'Covering Maya’s 14:00 session',
    ...extra,
  });

  it('lists who opened which client’s record, when and why', async () => {
    await asOwner({
      'care.access_grants': () => [grant(1), grant(2, { staffName: '', reason: 'Client asked' })],
    });
    render(AccessGrantsPanel);
    const rows = await screen.findAllByTestId('access-grant');
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      ['2026-11-23 14:05', 'Tom Okafor', 'Amara Okonkwo', 'Covering Maya’s 14:00 session'],
      ['2026-11-23 14:05', 'Removed account', 'Amara Okonkwo', 'Client asked'],
    ]);
  });

  it('says when there are none', async () => {
    await asOwner({ 'care.access_grants': () => [] });
    render(AccessGrantsPanel);
    expect(await screen.findByTestId('access-grants-empty')).toBeInTheDocument();
  });
});
