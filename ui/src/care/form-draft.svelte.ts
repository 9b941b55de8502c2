// A clinical form's unsaved work, kept in the core as its author types (`care.save_form_draft`)
// and offered back when the form opens again: leaving the intake or the plan loses nothing.
// Health data, so it lives in the core's database, never in the window's storage.

import { call, type DraftForm } from '../api';
import { Autosave } from '../app/unsaved.svelte';

export class FormDraftKeeper {
  /** When the draft shown was kept (null: the form shows what is saved). */
  restoredAt = $state<number | null>(null);
  readonly autosave: Autosave;
  #baseline: string;
  readonly #key: { clientId: string; form: DraftForm };
  readonly #read: () => Record<string, string>;

  constructor(clientId: string, form: DraftForm, read: () => Record<string, string>) {
    this.#key = { clientId, form };
    this.#read = read;
    this.#baseline = JSON.stringify(read());
    this.autosave = new Autosave(async () => {
      const fields = this.#read();
      this.#baseline = JSON.stringify(fields);
      await call('care.save_form_draft', { ...this.#key, fields });
    });
  }

  /** The author's kept draft, if any (the form then starts from it). */
  async restore(): Promise<Record<string, string> | null> {
    const found = await call('care.form_draft', this.#key);
    if (!found) return null;
    this.restoredAt = found.updatedAt;
    this.#baseline = JSON.stringify(found.fields);
    return found.fields;
  }

  /** The form's fields may have changed: keep them after a pause when they did. */
  touched() {
    if (JSON.stringify(this.#read()) !== this.#baseline) this.autosave.changed();
  }

  /** The form was saved for real (the core removed the draft with it). */
  saved() {
    this.autosave.cancel();
    this.restoredAt = null;
    this.#baseline = JSON.stringify(this.#read());
  }

  /**
   * Throws the kept draft away; the caller puts the saved values back at once (this stops
   * keeping before it awaits the core, so those values are not kept as a new draft).
   */
  async discard(values: Record<string, string>) {
    this.autosave.cancel();
    this.#baseline = JSON.stringify(values);
    this.restoredAt = null;
    await call('care.discard_form_draft', this.#key);
  }

  destroy() {
    this.autosave.destroy();
  }
}
