import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import {
  setTransport,
  type Appointment,
  type FormDraft,
  type Note,
  type NoteInput,
  type TechniqueWarning,
} from '../api';
import { refusal, replyTransport, type Replies } from '../api/replies';
import LeaveDialog from '../app/LeaveDialog.svelte';
import { confirmLeave } from '../app/unsaved.svelte';
import ServiceCaution from '../booking/ServiceCaution.svelte';
import AftercareScreen from '../empower/AftercareScreen.svelte';
import ClinicalRecordScreen from './ClinicalRecordScreen.svelte';
import IntakeForm from './IntakeForm.svelte';
import NoteEditor from './NoteEditor.svelte';
import PlanForm from './PlanForm.svelte';
import {
  CLIENT,
  PRECAUTION,
  QUESTIONNAIRE,
  REGIONS,
  record,
  signedNote,
} from './fixtures.test-data';

// Issue 12: nothing typed is lost (drafts kept in the core as the therapist types, or a
// question before leaving), and the core's technique warnings where the therapist writes.

const AUTOSAVED = { timeout: 3000 };

function replies(given: Replies) {
  const transport = replyTransport(given);
  setTransport(transport);
  return transport;
}

const DEEP_TISSUE: TechniqueWarning = {
  technique: 'deep_tissue',
  ruleKey: PRECAUTION.ruleKey,
  level: 'modify',
  text: PRECAUTION.text,
};

function draftNote(over: Partial<Note> = {}): Note {
  return signedNote({
    id: 'd1',
    status: 'draft',
    signedAt: null,
    signedBy: null,
    content: { ...signedNote().content, subjective: '', assessment: '' },
    ...over,
  });
}

describe('a session note', () => {
  it('saves itself as a draft while the therapist types, and shows the core’s warnings', async () => {
    const transport = replies({
      'care.save_note': ({ id, content }: NoteInput) =>
        draftNote({
          id,
          content,
          warnings: content.assessment.includes('deep tissue') ? [DEEP_TISSUE] : [],
        }),
    });
    render(NoteEditor, { props: { note: draftNote(), regions: REGIONS, onchanged: () => {} } });

    await fireEvent.input(screen.getByTestId('note-assessment'), {
      target: { value: 'Worked on the glutes with deep tissue.' },
    });
    await waitFor(() => expect(transport.argsOf('care.save_note')).toHaveLength(1), AUTOSAVED);
    expect(transport.argsOf('care.save_note')[0]!.content.assessment).toBe(
      'Worked on the glutes with deep tissue.',
    );
    const warning = await screen.findByTestId('note-warnings');
    expect(warning).toHaveTextContent('Deep tissue');
    expect(warning).toHaveTextContent(PRECAUTION.text);

    // Signing asks first, with the same warning in the dialog.
    await fireEvent.click(screen.getByTestId('note-sign'));
    const dialog = await screen.findByTestId('sign-dialog');
    expect(within(dialog).getByTestId('sign-warnings')).toHaveTextContent(PRECAUTION.text);
    expect(transport.unexpected).toEqual([]);
  });

  it('saves what was typed at once when the therapist leaves', async () => {
    const transport = replies({
      'care.save_note': ({ id, content }: NoteInput) => draftNote({ id, content }),
    });
    render(NoteEditor, { props: { note: draftNote(), regions: REGIONS, onchanged: () => {} } });
    await fireEvent.input(screen.getByTestId('note-subjective'), {
      target: { value: 'Neck stiff after driving.' },
    });
    expect(await confirmLeave()).toBe(true);
    expect(transport.argsOf('care.save_note').map((a) => a.content.subjective)).toEqual([
      'Neck stiff after driving.',
    ]);
  });
});

describe('the intake', () => {
  it('comes back with the answers kept as a draft, and keeps new ones as they are given', async () => {
    const kept: FormDraft = {
      form: 'intake',
      fields: { blood_thinners: 'yes', which_thinner: 'Warfarin', taken_on_date: '' },
      updatedAt: 1,
    };
    const transport = replies({
      'care.questionnaire': () => QUESTIONNAIRE,
      'care.form_draft': () => kept,
      'care.save_form_draft': ({ form, fields }) => ({ form, fields, updatedAt: 2 }),
    });
    render(IntakeForm, { props: { clientId: CLIENT, intake: null, onsaved: () => {} } });

    expect(await screen.findByTestId('intake-draft-kept')).toBeInTheDocument();
    const which = await screen.findByDisplayValue('Warfarin');
    await fireEvent.input(which, { target: { value: 'Warfarin 5 mg' } });
    await waitFor(
      () => expect(transport.argsOf('care.save_form_draft')).toHaveLength(1),
      AUTOSAVED,
    );
    expect(transport.argsOf('care.save_form_draft')[0]).toEqual({
      clientId: CLIENT,
      form: 'intake',
      fields: { blood_thinners: 'yes', which_thinner: 'Warfarin 5 mg', taken_on_date: '' },
    });
    expect(transport.unexpected).toEqual([]);
  });

  it('shows the core’s refusal of a blank intake', async () => {
    replies({
      'care.questionnaire': () => QUESTIONNAIRE,
      'care.form_draft': () => null,
      'care.save_intake': () => {
        throw refusal(
          'validation',
          'Answer the health questions before saving: a blank intake would read as “no precautions”.',
          'answers',
        );
      },
    });
    render(IntakeForm, { props: { clientId: CLIENT, intake: null, onsaved: () => {} } });
    await screen.findByText('Blood thinners?');
    await fireEvent.click(screen.getByTestId('intake-save'));
    expect(await screen.findByText(/a blank intake would read as/)).toBeInTheDocument();
    expect(screen.queryByTestId('intake-precautions')).not.toBeInTheDocument();
  });
});

describe('the plan', () => {
  it('keeps unsaved changes as a draft and gives them back, or throws them away', async () => {
    const transport = replies({
      'care.form_draft': () => ({
        form: 'plan',
        fields: {
          startsOn: '',
          frequency: 'Every two weeks',
          sessionsBeforeReview: '4',
          techniques: 'swedish,stretching',
          precautionsNoted: 'Lighter pressure.',
        },
        updatedAt: 1,
      }),
      'care.discard_form_draft': ({ clientId }) => ({ clientId }),
    });
    render(PlanForm, { props: { clientId: CLIENT, saved: null, onsaved: () => {} } });

    expect(await screen.findByDisplayValue('Every two weeks')).toBeInTheDocument();
    expect(screen.getByTestId('plan-technique-stretching')).toBeChecked();
    await fireEvent.click(screen.getByTestId('plan-draft-kept-discard'));
    expect(await screen.findByDisplayValue('weekly')).toBeInTheDocument();
    expect(transport.argsOf('care.discard_form_draft')).toEqual([
      { clientId: CLIENT, form: 'plan' },
    ]);
    expect(screen.queryByTestId('plan-draft-kept')).not.toBeInTheDocument();
  });
});

describe('a section that keeps no draft', () => {
  it('asks before its unsaved changes are left', async () => {
    replies({
      'care.record': () => record(),
      'care.body_regions': () => REGIONS,
      'care.form_draft': () => null,
    });
    render(LeaveDialog);
    render(ClinicalRecordScreen, {
      props: { clientId: CLIENT, clientName: 'Zoë Ørsted', tab: 'goals', onclose: () => {} },
    });
    await fireEvent.input(await screen.findByTestId('goal-words'), {
      target: { value: 'Sleep through the night' },
    });

    await fireEvent.click(screen.getByTestId('care-tab-plan'));
    await fireEvent.click(await screen.findByTestId('leave-stay'));
    expect(screen.getByTestId('goal-words')).toHaveValue('Sleep through the night');

    await fireEvent.click(screen.getByTestId('care-tab-plan'));
    await fireEvent.click(await screen.findByTestId('leave-discard'));
    expect(await screen.findByTestId('plan-form')).toBeInTheDocument();
    expect(screen.queryByTestId('leave-dialog')).not.toBeInTheDocument();
  });
});

describe('the aftercare screen', () => {
  it('saves the notes for the client as they are typed', async () => {
    const visit: Appointment = {
      id: 'a1',
      clientId: CLIENT,
      clientName: 'Zoë Ørsted',
      serviceId: 's1',
      serviceName: 'Deep tissue massage',
      practitionerId: 'p1',
      practitionerName: 'Maya Patel',
      roomId: 'r1',
      roomName: 'Willow room',
      start: '2026-11-23T10:00',
      end: '2026-11-23T11:00',
      startMs: 0,
      endMs: 0,
      status: 'arrived',
      colour: '#2f7d6d',
      cancelReason: null,
      lateCancellation: false,
      seriesId: null,
      overrideReason: null,
      hasPrecaution: false,
    };
    const programme = {
      appointmentId: 'a1',
      clientId: CLIENT,
      items: [],
      fromNote: { betweenVisits: [], measures: [] },
    };
    const transport = replies({
      'programme.get': () => ({ ...programme, workedOn: '', whatToExpect: '' }),
      'programme.notes': ({ workedOn, whatToExpect }) => ({
        ...programme,
        workedOn: workedOn ?? '',
        whatToExpect: whatToExpect ?? '',
      }),
      'documents.list': () => [],
    });
    render(AftercareScreen, { props: { appointment: visit, onclose: () => {} } });
    await fireEvent.input(await screen.findByTestId('worked-on'), {
      target: { value: 'Your neck and shoulders.' },
    });
    await waitFor(() => expect(transport.argsOf('programme.notes')).toHaveLength(1), AUTOSAVED);
    expect(transport.argsOf('programme.notes')[0]!.workedOn).toBe('Your neck and shoulders.');
  });
});

describe('booking a service the client’s precautions rule out', () => {
  it('tells the booker the level in words, never the reason', async () => {
    const transport = replies({ 'clients.service_caution': () => ({ levels: ['modify'] }) });
    render(ServiceCaution, { props: { clientId: CLIENT, serviceId: 's1' } });
    const caution = await screen.findByTestId('booking-service-caution');
    expect(caution).toHaveTextContent(
      'Check with the therapist before booking this service: modify pressure.',
    );
    expect(transport.argsOf('clients.service_caution')).toEqual([
      { clientId: CLIENT, serviceId: 's1' },
    ]);
  });
});
