// Canned answers for the clinical operations, for this folder's tests (the fake clinic does
// not model the clinical record; `createFakeTransport({ extra })` takes these instead).

import type {
  BodyRegion,
  ClinicalRecord,
  MeasureSeries,
  Note,
  Precaution,
  Questionnaire,
} from '../api';

export const CLIENT = '0190b7a0-0000-7000-8000-00000000c11e';

export const REGIONS: BodyRegion[] = [
  { key: 'low_back', label: 'Low back', view: 'back' },
  { key: 'neck_back', label: 'Back of neck', view: 'back' },
  { key: 'chest_left', label: 'Chest, left', view: 'front' },
  { key: 'upper_trapezius_left', label: 'Upper trapezius, left', view: 'back' },
];

export const PRECAUTION: Precaution = {
  id: 'p1',
  ruleKey: 'blood_thinners',
  level: 'modify',
  text: 'Takes blood thinners: light to moderate pressure only.',
  regions: [],
  techniques: ['deep_tissue'],
  intakeId: 'i1',
};

export const QUESTIONNAIRE: Questionnaire = {
  version: 3,
  sections: [
    {
      key: 'medications',
      title: 'Medication',
      questions: [
        {
          key: 'blood_thinners',
          label: 'Blood thinners?',
          kind: 'yes_no',
          options: [],
          shownWhen: null,
        },
        {
          key: 'which_thinner',
          label: 'Which one?',
          kind: 'text',
          options: [],
          shownWhen: 'blood_thinners',
        },
        {
          key: 'trimester',
          label: 'Which trimester?',
          kind: 'choice',
          options: ['first', 'second'],
          shownWhen: null,
        },
      ],
    },
  ],
};

export function record(over: Partial<ClinicalRecord> = {}): ClinicalRecord {
  return {
    clientId: CLIENT,
    precautions: [PRECAUTION],
    consents: [
      {
        id: 'c1',
        kind: 'treatment',
        scope: [],
        note: '',
        givenOn: '2026-11-01',
        recordedBy: 'Maya Patel',
        withdrawnOn: null,
      },
    ],
    preferences: {
      pressure: 'light',
      avoidRegions: [],
      position: 'side-lying',
      conversation: 'quiet',
      sensoryNeeds: '',
    },
    intake: null,
    latestAssessment: null,
    assessmentCount: 0,
    plan: null,
    goals: [],
    notes: [],
    psfsActivities: [],
    ...over,
  };
}

export function signedNote(over: Partial<Note> = {}): Note {
  return {
    id: 'n1',
    clientId: CLIENT,
    appointmentId: null,
    sessionOn: '2026-11-20',
    status: 'signed',
    content: {
      pain: 4,
      stress: 3,
      subjective: 'Better this week.',
      objective: '',
      assessment: 'Swedish, low back.',
      plan: '',
      techniques: ['swedish'],
      regions: ['low_back'],
      pressure: 'light',
      response: '',
      education: [],
      selfGoals: [],
    },
    authorName: 'Maya Patel',
    updatedAt: 1,
    signedAt: 1_763_640_000_000,
    signedBy: 'Maya Patel',
    amendments: [],
    precautions: [PRECAUTION],
    warnings: [],
    ...over,
  };
}

export const PAIN: MeasureSeries = {
  measure: 'pain',
  label: 'Pain (0–10)',
  higherIsBetter: false,
  baseline: 7,
  goalTargets: [3],
  latest: 3,
  change: -4,
  points: [
    { takenOn: '2026-11-06', value: 7, baseline: true, measurementId: 'm1', noteId: null },
    { takenOn: '2026-11-13', value: 5, baseline: false, measurementId: 'm2', noteId: 'n1' },
    { takenOn: '2026-11-20', value: 3, baseline: false, measurementId: 'm3', noteId: 'n2' },
  ],
};
