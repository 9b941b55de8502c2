// The fake clinic's demo data, as in src/demo.rs: the same clinic the core's demo opens.

import type { ClinicSettings } from './generated';

// ---- the demo clinic (as in src/demo.rs) ----

/** The clinic's details as stored; `hasLogo` is worked out when they are read. */
export type StoredSettings = Omit<ClinicSettings, 'hasLogo'>;

export const DEMO_SETTINGS: StoredSettings = {
  name: 'Riverside Massage & Movement',
  address: '12 Mill Lane\nYork YO1 7HH',
  phone: '+44 1904 555 012',
  email: 'hello@riverside-massage.example',
  website: 'riverside-massage.example',
  timeZone: 'Europe/London',
  currency: 'GBP',
  lateCancelHours: 24,
  sharedCare: false,
};

export const THERAPISTS: Array<[string, string]> = [
  ['Maya Patel', '#2f7d6d'],
  ['Tom Okafor', '#6a57a5'],
  ['Hannah Berg', '#b5602c'],
];

export const ROOMS = ['Willow room', 'Cedar room'];

export const SERVICES: Array<[string, number, number, number, string]> = [
  ['Initial assessment and treatment', 75, 15, 7500, '#3b7ea1'],
  ['Deep tissue massage', 60, 15, 6500, '#2f7d6d'],
  ['Sports massage', 45, 15, 5500, '#a0522d'],
  ['Swedish relaxation massage', 60, 15, 6000, '#7b68ae'],
  ['Myofascial release', 60, 15, 6500, '#4f7942'],
  ['Pregnancy massage', 60, 15, 6500, '#c0607a'],
];

export const CLIENTS: Array<[string, string, string]> = [
  ['Zoë', 'Łukasiewicz-Ørsted', 'Zoë'],
  ['Minh Khai', 'Nguyễn Thị', ''],
  ['Siobhán', "O'Connell", ''],
  ['José', 'Álvarez', 'Pepe'],
  ['Amara', 'Okonkwo', ''],
  ['Oliver', 'Hughes', 'Ollie'],
  ['Priya', 'Raman', ''],
  ['Liam', 'Fitzgerald', ''],
  ['Chloé', 'Dubois', ''],
  ['Mohammed', 'Al-Sayed', ''],
  ['Grace', 'Thompson', ''],
  ['Henrik', 'Lindqvist', ''],
  ['Aisha', 'Bello', ''],
  ['Daniel', 'Cohen', 'Dan'],
  ['Mei', 'Chen', ''],
  ['Rhys', 'Morgan', ''],
  ['Fatima', 'Rahman', ''],
  ['Jakub', 'Nowak', 'Kuba'],
  ['Eleanor', 'Clarke', 'Ellie'],
  ['Kwame', 'Mensah', ''],
  ['Sofia', 'Rossi', ''],
  ['Callum', 'MacLeod', ''],
  ['Yuki', 'Tanaka', ''],
  ['Isabel', 'Fernández', 'Isa'],
  ['Noah', 'Williams', ''],
  ['Anika', 'Sharma', ''],
  ['Ruairí', 'Byrne', ''],
  ['Helen', 'Baker', ''],
  ['Tariq', 'Hussain', ''],
  ['Ingrid', 'Solberg', ''],
  ['Marcus', 'Reid', ''],
  ['Leah', 'Goldberg', ''],
  ['Emeka', 'Eze', ''],
  ['Charlotte', 'Evans', 'Lottie'],
  ['Björn', 'Svensson', ''],
  ['Nadia', 'Petrova', ''],
  ['George', 'Wright', ''],
  ['Hana', 'Novák', ''],
  ['Samuel', 'Adeyemi', 'Sam'],
  ['Ruth', 'Campbell', ''],
];

export const DAY_SLOTS = ['09:00', '10:30', '12:00', '14:00', '15:30', '17:00'];
export const CANCEL_REASONS = ['Client unwell', 'Work commitment', 'Travel disruption'];

/** A small deterministic generator (mulberry32), so the demo is the same for a given today. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
