// What the calendar shows, loaded from the core: the range (`calendar.range`) and, for the
// shading, the therapists' rotas and the clinic's opening hours. Answers to older requests
// are dropped, and a refresh that changed nothing leaves the screen alone.

import { call, messageOf, type CalendarView, type ClinicHours, type TherapistHours } from '../api';
import { addDays, browserToday, type IsoDate } from '../time/wallclock';

/** The clinic's today as the core last said it, so a calendar opened again starts there. */
let lastToday: IsoDate | null = null;

/** The day a calendar opens on: the clinic's today once known, else the computer's guess. */
export function openingDay(): IsoDate {
  return lastToday ?? browserToday();
}

export class CalendarData {
  view = $state<CalendarView | null>(null);
  /** The clinic's today, once the core has said. */
  today = $state<IsoDate | null>(null);
  error = $state('');
  clinicHours = $state<ClinicHours | null>(null);
  therapistHours = $state<Record<string, TherapistHours>>({});

  #asked = 0;
  #lastAnswer = '';
  #hoursFor = '';

  /**
   * Loads `days` days from `from`. Resolves with the new view when it changed, or null (an older
   * request, nothing new, or a failure, which is kept in `error`). Until the core has said what
   * the clinic's today is, `from` is only the computer's guess: an answer that shows the clinic's
   * today is not in that range resolves (so the page can turn to today) without being shown.
   */
  async load(
    from: IsoDate,
    days: number,
    includeCancelled: boolean,
    version: number,
  ): Promise<CalendarView | null> {
    const mine = ++this.#asked;
    try {
      const view = await call('calendar.range', { from, days, includeCancelled });
      if (mine !== this.#asked) return null;
      this.error = '';
      const guessed = this.today === null;
      this.today = view.today;
      lastToday = view.today;
      if (guessed && !(view.today >= from && view.today < addDays(from, days))) return view;
      const answer = JSON.stringify(view);
      if (answer === this.#lastAnswer) return null;
      this.#lastAnswer = answer;
      this.view = view;
      void this.#loadHours(view, version);
      return view;
    } catch (reason) {
      if (mine === this.#asked) this.error = messageOf(reason);
      return null;
    }
  }

  /** The rotas and opening hours, for shading; reread when the clinic's data changed. */
  async #loadHours(view: CalendarView, version: number) {
    const key = `${version}|${view.practitioners.map((p) => p.id).join()}`;
    if (key === this.#hoursFor) return;
    this.#hoursFor = key;
    try {
      const [clinic, ...rotas] = await Promise.all([
        call('schedule.clinic_hours.get', {}),
        ...view.practitioners.map((p) => call('schedule.therapist_hours.get', { id: p.id })),
      ]);
      this.clinicHours = clinic;
      this.therapistHours = Object.fromEntries(rotas.map((r) => [r.practitionerId, r]));
    } catch {
      // Shading is a guide only; without it the calendar still works and the core still checks.
    }
  }
}
