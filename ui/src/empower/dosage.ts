// The six parts of a dosage as typed text: shared by a visit's self-care item and the library's
// default dosage on a handout.

import type { Dosage } from '../api';

export interface DosagePart {
  key: keyof Dosage;
  label: string;
  /** The end of the test id (`dosage-hold-seconds`, `handout-dosage-hold-seconds`). */
  slug: string;
}

export const DOSAGE_PARTS: readonly DosagePart[] = [
  { key: 'holdSeconds', label: 'Hold (seconds)', slug: 'hold-seconds' },
  { key: 'repetitions', label: 'Repetitions', slug: 'repetitions' },
  { key: 'sets', label: 'Sets', slug: 'sets' },
  { key: 'timesPerDay', label: 'Times a day', slug: 'times-per-day' },
  { key: 'timesPerWeek', label: 'Times a week', slug: 'times-per-week' },
  { key: 'minutes', label: 'Minutes', slug: 'minutes' },
];

/** The request fields of the parts, as the core names them (`dosage.holdSeconds`, …). */
export const DOSAGE_FIELDS: readonly string[] = DOSAGE_PARTS.map((p) => `dosage.${p.key}`);

/** What is typed in each part's box (empty = not set). */
export type DosageText = Record<keyof Dosage, string>;

export function dosageText(dosage: Dosage): DosageText {
  return Object.fromEntries(
    DOSAGE_PARTS.map((p) => [p.key, dosage[p.key]?.toString() ?? '']),
  ) as DosageText;
}

/** The typed parts as a dosage, or the first part that is not a whole number. */
export function readDosage(
  text: DosageText,
): { dosage: Dosage } | { key: keyof Dosage; message: string } {
  const dosage: Dosage = {};
  for (const part of DOSAGE_PARTS) {
    const raw = text[part.key].trim();
    if (raw === '') continue;
    const n = Number(raw);
    if (!Number.isInteger(n)) {
      return { key: part.key, message: 'Give a whole number, or leave it empty.' };
    }
    dosage[part.key] = n;
  }
  return { dosage };
}
