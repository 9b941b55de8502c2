// The clinical record's sections, grouped by the three stages of care.

export type Tab =
  | 'overview'
  | 'intake'
  | 'consent'
  | 'chart'
  | 'measures'
  | 'goals'
  | 'plan'
  | 'notes'
  | 'progress'
  | 'review'
  | 'letter';

export const TABS: Array<{ stage: string; tabs: Array<{ id: Tab; label: string }> }> = [
  { stage: '', tabs: [{ id: 'overview', label: 'Overview' }] },
  {
    stage: 'Assess',
    tabs: [
      { id: 'intake', label: 'Intake & health' },
      { id: 'consent', label: 'Consent & preferences' },
      { id: 'chart', label: 'Assessment & body chart' },
      { id: 'measures', label: 'Outcome measures' },
      { id: 'goals', label: 'Goals' },
    ],
  },
  {
    stage: 'Treat',
    tabs: [
      { id: 'plan', label: 'Treatment plan' },
      { id: 'notes', label: 'Session notes' },
    ],
  },
  {
    stage: 'Empower',
    tabs: [
      { id: 'progress', label: 'Progress' },
      { id: 'review', label: 'Review & discharge' },
      { id: 'letter', label: 'Referral letter' },
    ],
  },
];
