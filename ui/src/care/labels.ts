// Plain-words labels for the clinical record's closed lists (the core sends keys).

import type {
  Complaint,
  ConsentKind,
  GoalOutcome,
  Level,
  Measure,
  Observations,
  Pressure,
  RecipientKind,
  Symptom,
  Technique,
} from '../api';

/** The presenting complaint's parts, as the assessment asks for them. */
export const COMPLAINT: Array<[keyof Complaint, string]> = [
  ['description', 'Presenting complaint (client’s words)'],
  ['location', 'Where'],
  ['since', 'Since when'],
  ['worseWith', 'Worse with'],
  ['betterWith', 'Better with'],
  ['effectOnWork', 'Effect on work'],
  ['effectOnSleep', 'Effect on sleep'],
  ['effectOnSport', 'Effect on sport / activity'],
  ['effectOnMood', 'Effect on mood'],
];

/** What the therapist observed. */
export const OBSERVED: Array<[keyof Observations, string]> = [
  ['posture', 'Posture'],
  ['rangeOfMovement', 'Range of movement'],
  ['palpation', 'Palpation'],
];

export const LEVELS: Record<Level, string> = {
  avoid: 'Avoid',
  clearance: 'GP clearance first',
  modify: 'Modify',
};

export const SYMPTOMS: Record<Symptom, string> = {
  ache: 'Ache',
  sharp: 'Sharp',
  tight: 'Tight',
  pins_and_needles: 'Pins and needles',
  numbness: 'Numbness',
  other: 'Other',
};

export const TECHNIQUES: Record<Technique, string> = {
  swedish: 'Swedish massage',
  deep_tissue: 'Deep tissue',
  myofascial_release: 'Myofascial release',
  trigger_point: 'Trigger point therapy',
  sports_massage: 'Sports massage',
  lymphatic_drainage: 'Lymphatic drainage',
  stretching: 'Stretching',
  mobilisation: 'Joint mobilisation',
  cupping: 'Cupping',
  heat_therapy: 'Heat therapy',
  indian_head: 'Indian head massage',
};

export const CONSENT_KINDS: Record<ConsentKind, string> = {
  treatment: 'Treatment',
  areas: 'Areas of touch',
  share_information: 'Sharing information',
};

export const RECIPIENTS: Record<RecipientKind, string> = {
  gp: 'GP',
  physiotherapist: 'Physiotherapist',
  counsellor: 'Counsellor',
};

export const PRESSURES: Record<Pressure, string> = {
  light: 'Light',
  medium: 'Medium',
  firm: 'Firm',
  deep: 'Deep',
};

export const OUTCOMES: Record<GoalOutcome, string> = {
  met: 'Met',
  partly_met: 'Partly met',
  not_met: 'Not met',
};

export const MEASURES: Record<Measure, string> = {
  pain: 'Pain',
  psfs: 'Function (PSFS)',
  stress: 'Stress',
};

export function keysOf<K extends string>(labels: Record<K, string>): K[] {
  return Object.keys(labels) as K[];
}

/** A score as the core gives it: whole numbers plain, others to one decimal. */
export function score(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** `YYYY-MM-DD` as "3 Nov 2026" (the date is a calendar date, read without a time zone). */
export function shortDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** An instant (epoch ms) as date and time in the viewer's zone. */
export function when(ms: number): string {
  return new Date(ms).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
