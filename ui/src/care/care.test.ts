import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import {
  setTransport,
  type Assessment,
  type CalendarView,
  type DeskStatus,
  type IntakeInput,
  type MeasuresInput,
  type Note,
  type NoteInput,
} from '../api';
import { createFakeTransport, type FakeTransport } from '../api/fake';
import { setDesk } from '../app/session.svelte';
import AppointmentPanel from '../calendar/AppointmentPanel.svelte';
import AssessmentForm from './AssessmentForm.svelte';
import ClinicalRecordScreen from './ClinicalRecordScreen.svelte';
import EarlierAssessments from './EarlierAssessments.svelte';
import IntakeForm from './IntakeForm.svelte';
import MeasuresForm from './MeasuresForm.svelte';
import NoteEditor from './NoteEditor.svelte';
import NoteView from './NoteView.svelte';
import PlanForm from './PlanForm.svelte';
import ProgressChart from './ProgressChart.svelte';
import ReferralLetter from './ReferralLetter.svelte';
import {
  CLIENT,
  PAIN,
  PRECAUTION,
  QUESTIONNAIRE,
  REGIONS,
  record,
  signedNote,
} from './fixtures.test-data';

const refused = (message: string) => () => {
  throw { code: 'conflict', message };
};

async function fake(extra: Record<string, (args: never) => unknown>, who = 'maya') {
  const transport: FakeTransport = createFakeTransport({
    scenario: 'demo',
    today: '2026-11-23',
    signedIn: who,
    extra: {
      'care.record': () => record(),
      'care.body_regions': () => REGIONS,
      'care.questionnaire': () => QUESTIONNAIRE,
      ...extra,
    },
  });
  setTransport(transport);
  setDesk((await transport.send('staff.me', {})) as DeskStatus);
  return transport;
}

describe('the clinical record', () => {
  it('keeps the precautions with their reasons, consent and preferences on top', async () => {
    await fake({});
    render(ClinicalRecordScreen, {
      props: { clientId: CLIENT, clientName: 'Ingrid', onclose() {} },
    });
    const bar = await screen.findByTestId('precautions-bar');
    const precaution = within(bar).getByTestId('precaution');
    expect(precaution).toHaveAttribute('data-level', 'modify');
    expect(precaution).toHaveTextContent('Modify');
    expect(precaution).toHaveTextContent('light to moderate pressure only');
    expect(within(bar).getByTestId('consent-status')).toHaveTextContent('Treatment ✓');
    expect(within(bar).getByTestId('preferences-summary')).toHaveTextContent(
      'Light pressure · side-lying · quiet',
    );
    await fireEvent.click(screen.getByTestId('care-tab-goals'));
    expect(screen.getByTestId('care-section-goals')).toBeInTheDocument();
    expect(screen.getByTestId('precaution')).toBeInTheDocument();
  });

  it('shows the refusal when reception opens it anyway', async () => {
    const transport = await fake({}, 'reception');
    render(ClinicalRecordScreen, {
      props: { clientId: CLIENT, clientName: 'Ingrid', onclose() {} },
    });
    expect(await screen.findByTestId('care-error')).toHaveTextContent(
      'Your role does not allow this.',
    );
    expect(transport.count('care.record')).toBe(1);
  });
});

describe('the intake', () => {
  it('draws the questionnaire it is given, shows follow-ups, sends answers and shows what was raised', async () => {
    const transport = await fake({
      'care.save_intake': (args: IntakeInput) => ({
        intake: {
          id: 'i1',
          clientId: CLIENT,
          questionnaireVersion: 3,
          takenOn: '2026-11-23',
          answers: args.answers,
          authorName: 'Maya Patel',
          createdAt: 1,
        },
        precautions: [PRECAUTION],
      }),
    });
    const saved: number[] = [];
    render(IntakeForm, { props: { clientId: CLIENT, intake: null, onsaved: () => saved.push(1) } });
    expect(await screen.findByText('Questionnaire v3')).toBeInTheDocument();
    expect(screen.queryByTestId('intake-which_thinner')).toBeNull();
    await fireEvent.click(screen.getByTestId('intake-blood_thinners-yes'));
    await fireEvent.input(await screen.findByTestId('intake-which_thinner'), {
      target: { value: 'apixaban' },
    });
    await fireEvent.change(screen.getByTestId('intake-trimester'), { target: { value: 'second' } });
    await fireEvent.click(screen.getByTestId('intake-save'));
    const raised = await screen.findByTestId('intake-precautions');
    expect(raised).toHaveTextContent('Modify: Takes blood thinners');
    expect(transport.calls.find((c) => c.op === 'care.save_intake')?.args).toEqual({
      clientId: CLIENT,
      takenOn: '',
      answers: [
        { key: 'blood_thinners', value: 'yes' },
        { key: 'which_thinner', value: 'apixaban' },
        { key: 'trimester', value: 'second' },
      ],
    });
    expect(saved).toHaveLength(1);
  });
});

describe('the body chart', () => {
  it('marks a region by keyboard, names it for screen readers and saves the chart', async () => {
    const transport = await fake({
      'care.save_assessment': (args: { marks: unknown[] }) => ({
        ...args,
        id: 'a1',
        assessedOn: '2026-11-23',
        authorName: 'Maya Patel',
      }),
    });
    render(AssessmentForm, {
      props: { clientId: CLIENT, latest: null, regions: REGIONS, onsaved() {} },
    });
    const regions = screen.getAllByTestId('body-region');
    expect(regions).toHaveLength(REGIONS.length);
    const lowBack = regions.find((r) => r.dataset.region === 'low_back')!;
    expect(lowBack).toHaveAttribute('role', 'button');
    expect(lowBack).toHaveAttribute('aria-label', 'Low back: not marked');
    lowBack.focus();
    await fireEvent.keyDown(lowBack, { key: 'Enter' });
    const editor = await screen.findByTestId('mark-editor');
    await fireEvent.change(within(editor).getByTestId('mark-symptom'), {
      target: { value: 'sharp' },
    });
    await fireEvent.input(within(editor).getByTestId('mark-intensity'), { target: { value: '8' } });
    await fireEvent.change(within(editor).getByTestId('mark-link-to'), {
      target: { value: 'neck_back' },
    });
    await fireEvent.click(within(editor).getByTestId('mark-link-add'));
    await fireEvent.click(within(editor).getByTestId('mark-save'));
    expect(transport.count('care.save_assessment')).toBe(0);
    expect(lowBack).toHaveAttribute('aria-label', 'Low back: sharp 8 of 10');
    expect(lowBack.style.fill).not.toBe('');
    expect(screen.getByTestId('chart-links')).toHaveTextContent('Low back ↔ Back of neck');

    await fireEvent.input(screen.getByTestId('complaint-description'), {
      target: { value: 'Aches at the desk' },
    });
    await fireEvent.click(screen.getByTestId('assessment-save'));
    expect(await screen.findByTestId('assessment-saved')).toHaveTextContent('1 marked');
    expect(transport.calls.find((c) => c.op === 'care.save_assessment')?.args).toMatchObject({
      clientId: CLIENT,
      complaint: { description: 'Aches at the desk' },
      marks: [{ region: 'low_back', symptom: 'sharp', intensity: 8, note: '' }],
      links: [{ from: 'low_back', to: 'neck_back', note: '' }],
    });
  });
});

describe('session notes', () => {
  it('signs a draft after confirming: saves it first, then signs', async () => {
    const draft = signedNote({ status: 'draft', signedAt: null, signedBy: null });
    const transport = await fake({
      'care.save_note': (args: NoteInput) => ({ ...draft, content: args.content }),
      'care.sign_note': () => signedNote(),
    });
    const changed: Array<Note | null> = [];
    render(NoteEditor, {
      props: { note: draft, regions: REGIONS, onchanged: (n: Note | null) => changed.push(n) },
    });
    await fireEvent.input(screen.getByTestId('note-subjective'), {
      target: { value: 'Slept well.' },
    });
    await fireEvent.click(screen.getByTestId('note-sign'));
    const dialog = await screen.findByTestId('sign-dialog');
    expect(dialog).toHaveTextContent('can never be changed');
    expect(transport.count('care.sign_note')).toBe(0);
    await fireEvent.click(within(dialog).getByTestId('sign-confirm'));
    await waitFor(() => expect(changed).toHaveLength(1));
    expect(transport.calls.map((c) => c.op).filter((op) => op.startsWith('care.'))).toEqual([
      'care.save_note',
      'care.sign_note',
    ]);
    expect(transport.calls.find((c) => c.op === 'care.save_note')?.args).toMatchObject({
      id: 'n1',
      content: { subjective: 'Slept well.', pain: 4 },
    });
  });

  it('shows the core’s refusal when a note signed elsewhere is saved', async () => {
    await fake({
      'care.save_note': refused(
        'This note is signed and cannot be changed; add an amendment instead.',
      ),
    });
    const draft = signedNote({ status: 'draft', signedAt: null, signedBy: null });
    render(NoteEditor, { props: { note: draft, regions: REGIONS, onchanged() {} } });
    await fireEvent.click(screen.getByTestId('note-save'));
    expect(await screen.findByTestId('note-error')).toHaveTextContent(
      'signed and cannot be changed',
    );
  });

  it('shows a signed note read-only and adds an amendment under it', async () => {
    const transport = await fake({
      'care.amend_note': (args: { reason: string; text: string }) =>
        signedNote({
          amendments: [
            {
              id: 'am1',
              authorName: 'Maya Patel',
              atMs: 1_763_650_000_000,
              reason: args.reason,
              text: args.text,
            },
          ],
        }),
    });
    let shown = signedNote();
    const view = render(NoteView, {
      props: { note: shown, regions: REGIONS, onchanged: (n: Note) => (shown = n) },
    });
    expect(screen.queryByTestId('note-subjective')).toBeNull();
    expect(screen.queryByTestId('note-save')).toBeNull();
    expect(screen.getByTestId('note-shown-subjective')).toHaveTextContent('Better this week.');
    await fireEvent.click(screen.getByTestId('note-amend'));
    await fireEvent.input(screen.getByTestId('amend-reason'), { target: { value: 'Late entry' } });
    await fireEvent.input(screen.getByTestId('amend-text'), {
      target: { value: 'Sore next day.' },
    });
    await fireEvent.click(screen.getByTestId('amend-save'));
    await waitFor(() => expect(shown.amendments).toHaveLength(1));
    await view.rerender({ note: shown, regions: REGIONS, onchanged() {} });
    const amendment = screen.getByTestId('amendment');
    expect(within(amendment).getByTestId('amendment-author')).toHaveTextContent('Maya Patel');
    expect(within(amendment).getByTestId('amendment-reason')).toHaveTextContent('Late entry');
    expect(within(amendment).getByTestId('amendment-text')).toHaveTextContent('Sore next day.');
    expect(screen.getByTestId('note-shown-subjective')).toHaveTextContent('Better this week.');
    expect(transport.calls.find((c) => c.op === 'care.amend_note')?.args).toEqual({
      id: 'n1',
      reason: 'Late entry',
      text: 'Sore next day.',
    });
  });
});

describe('earlier assessments', () => {
  const assessed = (assessedOn: string, description: string, intensity: number): Assessment => ({
    id: `a-${assessedOn}`,
    clientId: CLIENT,
    assessedOn,
    complaint: {
      description,
      location: '',
      since: '',
      worseWith: '',
      betterWith: '',
      effectOnWork: '',
      effectOnSleep: '',
      effectOnSport: '',
      effectOnMood: '',
    },
    observations: { posture: 'Head forward', rangeOfMovement: '', palpation: '' },
    marks: [{ region: 'neck_back', symptom: 'ache', intensity, note: '' }],
    links: [],
    authorName: 'Maya Patel',
  });

  it('lists the ones before the latest, newest first, read-only', async () => {
    await fake({
      'care.assessments': () => [
        assessed('2026-09-01', 'Stiff neck every afternoon', 8),
        assessed('2026-10-06', 'Neck better, shoulders tight', 5),
        assessed('2026-11-18', 'Mostly fine', 2),
      ],
    });
    render(EarlierAssessments, { props: { clientId: CLIENT, count: 3, regions: REGIONS } });
    expect(screen.getByRole('heading', { name: 'Earlier assessments (2)' })).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId('earlier-assessments-show'));
    const shown = await screen.findAllByTestId('earlier-assessment');
    expect(shown.map((d) => d.dataset.assessedOn)).toEqual(['2026-10-06', '2026-09-01']);
    expect(shown[1]).toHaveTextContent('Stiff neck every afternoon');
    expect(shown[1]).toHaveTextContent('Back of neck');
    expect(shown[1]).toHaveTextContent('8/10');
    expect(shown[1]).toHaveTextContent('Head forward');
    // Nothing in it can be edited.
    expect(within(shown[1]!).queryAllByRole('textbox')).toHaveLength(0);
  });
});

describe('outcome measures', () => {
  it('starts the PSFS from the activities named last time, waiting for today’s ratings', async () => {
    const sent: MeasuresInput[] = [];
    const transport = await fake({
      'care.record_measures': (args: MeasuresInput) => {
        sent.push(args);
        return {
          id: 'm1',
          takenOn: '2026-11-23',
          baseline: false,
          pain: null,
          stress: null,
          psfs: args.psfs,
          psfsScore: 6,
          assessmentId: null,
          noteId: null,
        };
      },
    });
    render(MeasuresForm, {
      props: {
        clientId: CLIENT,
        activities: ['Lifting my toddler', 'Sleeping through the night'],
        onrecorded: () => {},
      },
    });
    const named = () => screen.getAllByTestId('psfs-activity') as HTMLInputElement[];
    const ratings = () => screen.getAllByTestId('psfs-score') as HTMLInputElement[];
    expect(named().map((i) => i.value)).toEqual([
      'Lifting my toddler',
      'Sleeping through the night',
    ]);
    expect(ratings().map((i) => i.value)).toEqual(['', '']);

    await fireEvent.input(ratings()[0]!, { target: { value: '4' } });
    await fireEvent.click(screen.getByTestId('measures-save'));
    expect(await screen.findByTestId('error-psfs')).toHaveTextContent('Rate every activity');
    expect(transport.count('care.record_measures')).toBe(0);

    await fireEvent.input(ratings()[1]!, { target: { value: '8' } });
    await fireEvent.click(screen.getByTestId('measures-save'));
    await screen.findByTestId('measures-saved');
    expect(sent[0]!.psfs).toEqual([
      { activity: 'Lifting my toddler', score: 4 },
      { activity: 'Sleeping through the night', score: 8 },
    ]);
    // Ready for the next occasion: the same activities, no ratings.
    expect(ratings().map((i) => i.value)).toEqual(['', '']);
  });
});

describe('progress and plan', () => {
  it('draws the series with labelled baseline and goal lines and a text summary', () => {
    render(ProgressChart, { props: { series: PAIN } });
    const chart = screen.getByTestId('progress-chart');
    expect(chart.querySelectorAll('circle')).toHaveLength(3);
    expect(chart).toHaveTextContent('Baseline 7');
    expect(chart).toHaveTextContent('Goal 3');
    expect(chart).toHaveTextContent('6 Nov');
    expect(screen.getByTestId('progress-summary')).toHaveTextContent(
      'Pain (0–10): 3 measurement(s), baseline 7, latest 3 on 20 Nov 2026, change -4, goal 3, lower is better.',
    );
  });

  it('shows the core’s technique warnings at the top of the plan', async () => {
    await fake({});
    render(PlanForm, {
      props: {
        clientId: CLIENT,
        saved: {
          plan: {
            id: 'pl',
            startsOn: '2026-11-01',
            frequency: 'weekly',
            sessionsBeforeReview: 6,
            techniques: ['deep_tissue'],
            precautionsNoted: '',
          },
          precautions: [PRECAUTION],
          warnings: [
            {
              technique: 'deep_tissue',
              ruleKey: 'blood_thinners',
              level: 'modify',
              text: PRECAUTION.text,
            },
          ],
        },
        onsaved() {},
      },
    });
    const warning = screen.getByTestId('plan-warnings-item');
    expect(warning).toHaveTextContent('Modify');
    expect(warning).toHaveTextContent('Deep tissue: Takes blood thinners');
    expect(screen.getByTestId('plan-technique-deep_tissue')).toBeChecked();
  });
});

describe('from the calendar', () => {
  it('offers the visit’s session note to the client’s therapists, not to reception', async () => {
    let allowed = true;
    const transport = await fake({ 'care.may_open': () => allowed });
    const day = (await transport.send('calendar.range', {
      from: '2026-11-23',
      days: 1,
      includeCancelled: false,
    })) as CalendarView;
    const visit = day.appointments[0]!;
    const opened: unknown[] = [];
    const props = {
      appointment: visit,
      onclose() {},
      oncancelled() {},
      onnote: (a: unknown) => opened.push(a),
    };
    const first = render(AppointmentPanel, { props });
    await fireEvent.click(await screen.findByTestId('open-session-note'));
    expect(opened).toEqual([visit]);
    first.unmount();
    // Another therapist's client, shared care off: the core says no, so it is not offered.
    allowed = false;
    const second = render(AppointmentPanel, { props });
    await waitFor(() => expect(transport.count('care.may_open')).toBe(2));
    expect(screen.queryByTestId('open-session-note')).toBeNull();
    second.unmount();
    const desk = await fake({ 'care.may_open': () => true }, 'reception');
    render(AppointmentPanel, { props });
    expect(screen.queryByTestId('open-session-note')).toBeNull();
    expect(desk.count('care.may_open')).toBe(0);
  });
});

describe('the referral letter', () => {
  it('previews the letter the core composed and prints its PDF', async () => {
    const letter = {
      date: '2026-11-23',
      clinicName: 'Riverside Massage & Movement',
      clinicAddress: '1 River Street',
      clinicPhone: '',
      clinicEmail: '',
      recipient: { kind: 'gp', name: 'Dr Amira Shah', address: 'Riverside Surgery' },
      clientName: 'Ingrid Solberg-Hart',
      clientDateOfBirth: null,
      subject: 'Re: Ingrid Solberg-Hart',
      salutation: 'Dear Dr Amira Shah,',
      sections: [{ heading: 'Reason for writing', paragraphs: ['Advice on deeper work.'] }],
      closing: 'Yours sincerely,',
      signatory: 'Maya Patel',
    };
    const pdf = {
      document: { id: 'd1', sha256: 'ab'.repeat(32) },
      fileName: 'referral-letter.pdf',
      base64: 'JVBERi0=',
    };
    const transport = await fake({
      'care.referral_letter': () => letter,
      'care.referral_letter_pdf': () => pdf,
    });
    render(ReferralLetter, { props: { clientId: CLIENT, consents: record().consents } });
    expect(screen.getByTestId('letter-consent')).toHaveTextContent('No consent to share');
    await fireEvent.input(screen.getByTestId('letter-name'), {
      target: { value: 'Dr Amira Shah' },
    });
    await fireEvent.input(screen.getByTestId('letter-reason'), {
      target: { value: 'Advice on deeper work.' },
    });
    await fireEvent.click(screen.getByTestId('letter-preview'));
    const sheet = await screen.findByTestId('letter-preview-sheet');
    expect(sheet).toHaveTextContent('Ingrid Solberg-Hart');
    expect(sheet).toHaveTextContent('Reason for writing');
    await fireEvent.click(screen.getByTestId('letter-print'));
    expect(await screen.findByTestId('letter-printed')).toHaveTextContent('referral-letter.pdf');
    const request = {
      clientId: CLIENT,
      recipient: { kind: 'gp', name: 'Dr Amira Shah', address: '' },
      reason: 'Advice on deeper work.',
    };
    expect(transport.calls.find((c) => c.op === 'care.referral_letter_pdf')?.args).toEqual(request);
    expect(transport.calls.at(-1)).toEqual({
      op: 'open_pdf',
      args: { fileName: 'referral-letter.pdf', base64: 'JVBERi0=' },
    });
  });

  it('shows the core’s refusal in place', async () => {
    await fake({
      'care.referral_letter': refused(
        'Record the client’s consent to share information with their GP first.',
      ),
    });
    render(ReferralLetter, { props: { clientId: CLIENT, consents: [] } });
    await fireEvent.click(screen.getByTestId('letter-preview'));
    expect(await screen.findByTestId('letter-error')).toHaveTextContent('consent to share');
  });
});
