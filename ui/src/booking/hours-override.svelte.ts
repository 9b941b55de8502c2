// The owner's out-of-hours override, as the booking dialog and the change form offer it: when
// the core refuses a placement for working or opening hours (a conflict on `start`; clashes name
// the therapist, room or client instead), the owner — only — may try the same placement again
// with a reason, which the core checks and records. The offer holds for the refused placement
// only: a different therapist, room or time is checked afresh.

import { toApiError } from '../api';
import { holds } from '../app/session.svelte';
import type { FormErrors } from '../ui/form-errors.svelte';

export class HoursOverride {
  /** The placement the core refused for hours, as a key; empty when none. */
  refused = $state('');
  reason = $state('');

  /** Whether the override is on offer for `placement`. */
  offered(placement: string): boolean {
    return this.refused !== '' && this.refused === placement;
  }

  /** Takes note of a refusal of `placement`: an hours refusal, to the owner, opens the offer. */
  consider(failure: unknown, placement: string): void {
    const error = toApiError(failure);
    if (error.code === 'conflict' && error.field === 'start' && holds('owner')) {
      this.refused = placement;
    }
  }

  /**
   * The request's extra argument for `placement`: the reason when the override is on offer
   * (an empty one is refused here, in `errors`, and `null` comes back), else nothing.
   */
  argument(placement: string, errors: FormErrors): { overrideReason?: string } | null {
    if (!this.offered(placement)) return {};
    const reason = this.reason.trim();
    if (reason === '') {
      errors.set('overrideReason', 'Say why this is outside hours.');
      return null;
    }
    return { overrideReason: reason };
  }
}
