// Whether the person at the desk may open a client's clinical record (the core's per-client
// rule: their own clients, or everyone's under shared care, or the owner). Screens ask before
// offering "Clinical record", "Session note" or "Self-care & aftercare"; the core still checks
// every call. No role to see clinical records, or no answer: not offered. A therapist the core
// refuses may still open the record by giving a reason ("break the glass", for the day).

import { call } from '../api';
import { may } from '../app/session.svelte';

export class RecordAccess {
  /** `asking` until the core has answered for the client in view. */
  state = $state<'asking' | 'yes' | 'no'>('no');
  #asked: string | null = null;

  get allowed(): boolean {
    return this.state === 'yes';
  }

  /** Refused, but someone who reads clinical records: may open it by giving a reason. */
  get withReason(): boolean {
    return this.state === 'no' && !!this.#asked && may('view_clinical');
  }

  /** The core granted access for the client in view (the glass was broken). */
  opened(): void {
    if (this.#asked) this.state = 'yes';
  }

  /** Asks for `clientId` (again only when it changes); `state` follows the answer. */
  check(clientId: string | null | undefined): void {
    const id = clientId ?? '';
    if (id === this.#asked) return;
    this.#asked = id;
    if (!id || !may('view_clinical')) {
      this.state = 'no';
      return;
    }
    this.state = 'asking';
    call('care.may_open', { clientId: id })
      .then((answer) => {
        if (this.#asked === id) this.state = answer ? 'yes' : 'no';
      })
      .catch(() => {
        if (this.#asked === id) this.state = 'no';
      });
  }
}
