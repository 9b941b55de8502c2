import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { setTransport, type Appointment, type SessionProgramme } from '../api';
import { replyTransport } from '../api/replies';
import AftercareScreen from './AftercareScreen.svelte';

const visit: Appointment = {
  id: 'visit-1',
  clientId: 'client-1',
  clientName: 'Zoë Łukasiewicz-Ørsted',
  serviceId: 'service-1',
  serviceName: 'Myofascial release',
  practitionerId: 'maya',
  practitionerName: 'Maya Patel',
  roomId: 'willow',
  roomName: 'Willow room',
  start: '2026-11-18T10:00',
  end: '2026-11-18T11:00',
  startMs: 0,
  endMs: 0,
  status: 'completed',
  colour: '#2f7d6d',
  cancelReason: null,
  lateCancellation: false,
  seriesId: null,
  overrideReason: null,
  hasPrecaution: false,
};

const programme = (fromNote: SessionProgramme['fromNote']): SessionProgramme => ({
  appointmentId: visit.id,
  clientId: visit.clientId,
  workedOn: '',
  whatToExpect: '',
  items: [],
  fromNote,
});

function open(fromNote: SessionProgramme['fromNote']) {
  setTransport(
    replyTransport({
      'programme.get': () => programme(fromNote),
      'documents.list': () => [],
    }),
  );
  render(AftercareScreen, { props: { appointment: visit, onclose: () => {} } });
}

describe('the aftercare screen shows what the session note puts on the sheet', () => {
  it('lists the goals between sessions and today’s measures from the note', async () => {
    open({
      betweenVisits: ['Chest opener stretch twice a day', 'Stand up every 45 minutes'],
      measures: ['Pain: 5 out of 10', 'Stress: 7 out of 10'],
    });
    const block = await screen.findByTestId('from-note');
    expect(block.textContent).toContain('Today: Pain: 5 out of 10 · Stress: 7 out of 10');
    expect(
      within(block)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Chest opener stretch twice a day', 'Stand up every 45 minutes']);
  });

  it('says nothing when the visit has no note', async () => {
    open({ betweenVisits: [], measures: [] });
    await screen.findByTestId('worked-on');
    expect(screen.queryByTestId('from-note')).toBeNull();
  });
});
