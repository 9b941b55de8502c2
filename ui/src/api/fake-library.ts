// A few handouts of the self-care library, for the fake clinic (the core ships the real ones).

import type { Category, Dosage, Region } from './generated';

export interface FakeHandout {
  slug: string;
  title: string;
  category: Category;
  regions: Region[];
  forWhom?: string;
  why: string;
  steps: string[];
  cautions: string[];
  dosage: Dosage;
  svg: string;
}

const figure = (body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120"><g fill="none" stroke="#222" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">${body}</g></svg>`;

const HEAD = '<circle cx="60" cy="24" r="10"/>';

export const LIBRARY: FakeHandout[] = [
  {
    slug: 'upper-trapezius-stretch',
    title: 'Upper trapezius stretch',
    category: 'stretch',
    regions: ['neck', 'shoulders'],
    forWhom: 'Anyone whose neck and shoulders tighten at a desk or when stressed.',
    why: 'Gently lengthens the muscle between your neck and shoulder, which often tightens with stress and desk work.',
    steps: [
      'Sit tall with both feet flat on the floor.',
      'Let your right ear drop towards your right shoulder.',
      'Rest your right hand lightly on your head; do not pull.',
      'Breathe slowly and feel the stretch on the left side of your neck.',
      'Repeat on the other side.',
    ],
    cautions: ['You feel pins and needles or numbness in your arm.', 'You feel dizzy.'],
    dosage: { holdSeconds: 30, repetitions: 3, timesPerDay: 2 },
    svg: figure(
      `<circle cx="52" cy="26" r="10"/><path d="M60 36v40M60 76l-14 30M60 76l14 30M40 50h40M52 16q-10-4-12 6"/>`,
    ),
  },
  {
    slug: 'chin-tucks',
    title: 'Chin tucks',
    category: 'posture_desk',
    regions: ['neck'],
    forWhom: 'People who spend long hours looking at a screen or phone.',
    why: 'Strengthens the small muscles at the front of your neck and eases the strain of a forward head.',
    steps: [
      'Sit or stand tall, looking straight ahead.',
      'Slide your chin straight back, as if making a double chin.',
      'Hold, then relax.',
    ],
    cautions: ['Pain spreads down your arm.'],
    dosage: { holdSeconds: 5, repetitions: 10, timesPerDay: 3 },
    svg: figure(
      `${HEAD}<path d="M60 34v42M60 76l-12 30M60 76l12 30M42 50h36M74 24h12M80 20l6 4-6 4"/>`,
    ),
  },
  {
    slug: 'diaphragmatic-breathing',
    title: 'Belly breathing',
    category: 'breathing_relaxation',
    regions: ['chest', 'whole_body'],
    forWhom: 'Anyone who feels tense, anxious or short of breath when stressed.',
    why: 'Slow breathing into your belly calms the nervous system and helps tense muscles let go.',
    steps: [
      'Lie on your back with your knees bent, or sit comfortably.',
      'Put one hand on your chest and one on your belly.',
      'Breathe in through your nose for 4, letting your belly rise.',
      'Breathe out slowly for 6.',
    ],
    cautions: ['You feel light-headed: breathe normally and rest.'],
    dosage: { minutes: 5, timesPerDay: 2 },
    svg: figure(
      `<circle cx="24" cy="70" r="10"/><path d="M34 72h56l10-16M90 72l10 16M50 60q10-10 20 0"/>`,
    ),
  },
  {
    slug: 'cat-cow',
    title: 'Cat and cow',
    category: 'mobility',
    regions: ['upper_back', 'low_back'],
    forWhom: 'People whose back feels stiff after sitting or first thing in the morning.',
    why: 'Moves your spine gently through its range, easing stiffness after sitting.',
    steps: [
      'Kneel on all fours, hands under shoulders, knees under hips.',
      'Breathe out and round your back up towards the ceiling.',
      'Breathe in and let your belly sink, lifting your head gently.',
    ],
    cautions: ['You feel sharp pain in your back.'],
    dosage: { repetitions: 10, timesPerDay: 1 },
    svg: figure(`<circle cx="28" cy="52" r="9"/><path d="M36 58q24-18 50 0M40 60v34M84 60v34"/>`),
  },
  {
    slug: 'knee-to-chest',
    title: 'Knee to chest stretch',
    category: 'stretch',
    regions: ['low_back', 'hips'],
    forWhom: 'People with a stiff or achy lower back.',
    why: 'Eases tension in your lower back and buttocks.',
    steps: [
      'Lie on your back with both knees bent.',
      'Bring one knee towards your chest, holding behind the thigh.',
      'Hold, then lower slowly and swap legs.',
    ],
    cautions: ['Pain travels down your leg.'],
    dosage: { holdSeconds: 20, repetitions: 3, timesPerDay: 2 },
    svg: figure(`<circle cx="20" cy="80" r="9"/><path d="M29 82h50l14-14M60 82l-4-26 16 4"/>`),
  },
  {
    slug: 'tennis-ball-release',
    title: 'Ball release for the shoulder blade',
    category: 'self_massage',
    regions: ['upper_back', 'shoulders'],
    why: 'Steady pressure from a ball helps a tight spot soften.',
    steps: [
      'Stand with your back to a wall and a tennis ball between the wall and the tight spot.',
      'Lean in gently until you feel firm, comfortable pressure.',
      'Breathe slowly and let the spot soften.',
    ],
    cautions: ['The pressure makes pain sharper or causes tingling.'],
    dosage: { minutes: 2, timesPerDay: 1 },
    svg: figure(
      `${HEAD}<path d="M60 34v42M60 76l-12 30M60 76l12 30M96 10v100"/><circle cx="88" cy="48" r="6"/>`,
    ),
  },
  {
    slug: 'heat-pack',
    title: 'Using a heat pack',
    category: 'heat_cold',
    regions: ['neck', 'low_back', 'whole_body'],
    forWhom: 'Anyone with aching, tight muscles (not for a new injury that is hot or swollen).',
    why: 'Warmth relaxes tight muscles and eases aching.',
    steps: [
      'Wrap a warm (not hot) heat pack in a towel.',
      'Rest it on the sore area while you sit or lie comfortably.',
      'Check your skin every few minutes.',
    ],
    cautions: ['Your skin becomes red, blotchy or numb.', 'You have reduced feeling in the area.'],
    dosage: { minutes: 15, timesPerDay: 2 },
    svg: figure(
      `<rect x="30" y="50" width="60" height="30" rx="8"/><path d="M45 40q5-8 0-16M60 40q5-8 0-16M75 40q5-8 0-16"/>`,
    ),
  },
  {
    slug: 'walking-pacing',
    title: 'Gentle walking, building up',
    category: 'activity_pacing',
    regions: ['legs', 'whole_body'],
    forWhom: 'People getting back to activity after a flare-up of pain.',
    why: 'Regular gentle activity keeps you moving without flaring your pain.',
    steps: [
      'Choose a distance you can walk comfortably on a bad day.',
      'Walk that far on most days, at an easy pace.',
      'Add a little every week if it feels fine.',
    ],
    cautions: ['You get calf pain and swelling.'],
    dosage: { minutes: 15, timesPerWeek: 5 },
    svg: figure(`${HEAD}<path d="M60 34l-4 40M56 74l-16 32M56 74l18 30M44 48l16-4 16 10"/>`),
  },
  {
    slug: 'after-treatment',
    title: 'After your massage',
    category: 'after_treatment',
    regions: ['whole_body'],
    forWhom: 'Everyone, after a massage.',
    why: 'A few simple things help your body settle after treatment.',
    steps: [
      'Drink water over the rest of the day.',
      'Keep moving gently; avoid hard exercise for the rest of the day.',
      'A warm bath or shower can ease any tenderness.',
    ],
    cautions: [],
    dosage: {},
    svg: '',
  },
];

export const STANDARD_EXPECT = [
  'You may feel some tenderness or tiredness for a day or two; this is normal.',
  'Drink water and keep moving gently.',
  'A warm bath or shower can ease any soreness.',
];

export const SEEK_HELP = [
  'New numbness, tingling or weakness in an arm or leg.',
  'Severe pain, or pain that keeps getting worse.',
  'Pain, heat and swelling in your calf.',
  'Feeling unwell with a fever.',
];

function often(count: number, period: string): string {
  if (count === 1) return `once a ${period}`;
  if (count === 2) return `twice a ${period}`;
  return `${count} times a ${period}`;
}

/** As `Dosage::describe` in the core. */
export function describeDosage(d: Dosage): string {
  const parts: string[] = [];
  if (d.holdSeconds !== undefined) parts.push(`Hold for ${d.holdSeconds} seconds`);
  if (d.minutes !== undefined) parts.push(d.minutes === 1 ? '1 minute' : `${d.minutes} minutes`);
  if (d.sets !== undefined && d.repetitions !== undefined)
    parts.push(`${d.sets} sets of ${d.repetitions}`);
  else if (d.repetitions === 1) parts.push('once');
  else if (d.repetitions !== undefined) parts.push(`${d.repetitions} times`);
  else if (d.sets !== undefined) parts.push(`${d.sets} sets`);
  if (d.timesPerDay !== undefined) parts.push(often(d.timesPerDay, 'day'));
  if (d.timesPerWeek !== undefined) parts.push(often(d.timesPerWeek, 'week'));
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** As `Dosage::check` in the core: the first part out of range, as [field, message]. */
export function dosageProblem(d: Dosage, field: string): [string, string] | null {
  const ranges: Array<[keyof Dosage, number, number]> = [
    ['holdSeconds', 1, 600],
    ['repetitions', 1, 100],
    ['sets', 1, 20],
    ['timesPerDay', 1, 12],
    ['timesPerWeek', 1, 21],
    ['minutes', 1, 240],
  ];
  for (const [name, lo, hi] of ranges) {
    const value = d[name];
    if (value === undefined || value === null) continue;
    if (!Number.isInteger(value) || value < lo || value > hi) {
      return [`${field}.${name}`, `Must be between ${lo} and ${hi}.`];
    }
  }
  return null;
}
