// Search-as-you-type for clients, shared by the Clients screen and the booking dialog: waits
// for a pause in typing (150 ms) before asking the core, and ignores answers that arrive after
// a newer question was asked.

import { call, messageOf, type ClientSummary } from '../api';

export class ClientSearch {
  results: ClientSummary[] = $state([]);
  /** The text the shown results answer. */
  answered = $state<string | null>(null);
  searching = $state(false);
  error = $state('');

  #timer: ReturnType<typeof setTimeout> | undefined;
  #asked = 0;
  readonly delayMs: number;
  readonly limit: number;

  constructor(options: { delayMs?: number; limit?: number } = {}) {
    this.delayMs = options.delayMs ?? 150;
    this.limit = options.limit ?? 20;
  }

  /** Search for `text` once typing pauses. */
  type(text: string): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.now(text), this.delayMs);
  }

  /** Search for `text` straight away (first load, refresh after a change). */
  async now(text: string): Promise<void> {
    clearTimeout(this.#timer);
    const asked = ++this.#asked;
    this.searching = true;
    try {
      const results = await call('clients.search', { text: text.trim(), limit: this.limit });
      if (asked !== this.#asked) return;
      this.results = results;
      this.answered = text;
      this.error = '';
    } catch (reason) {
      if (asked !== this.#asked) return;
      this.error = messageOf(reason);
    } finally {
      if (asked === this.#asked) this.searching = false;
    }
  }

  /** Forget pending work (when the screen closes). */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#asked++;
  }
}
