// Live refresh: the journal is the clinic's change feed. Every second we ask for changes after
// the last sequence number we saw; when there are any, `live.version` goes up and the visible
// screens reload their data quietly (no spinners). This is also how a booking made at another
// seat shows up here.

import { call, toApiError } from '../api';

export const live = $state({
  /** Goes up by one whenever the clinic's data changed (here or at another seat). */
  version: 0,
  /** True while the core cannot be reached (shown as a quiet notice). */
  offline: false,
});

/** Tells the screens to reload now (after our own writes, without waiting for the poll). */
export function dataChanged(): void {
  live.version += 1;
}

export interface LiveRefresh {
  stop(): void;
}

/**
 * Starts polling `journal.changes`. The first pass only catches up with the journal (the screens
 * load their data themselves); afterwards each batch of changes bumps `live.version` once.
 */
export function startLiveRefresh(intervalMs = 1000): LiveRefresh {
  let since = 0;
  let caughtUp = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  async function poll(): Promise<void> {
    if (stopped) return;
    let changed = false;
    try {
      // Drain every page that is waiting, then tell the screens once.
      for (let page = 0; page < 1000; page++) {
        const result = await call('journal.changes', { since });
        if (stopped) return;
        since = Math.max(since, result.latest);
        if (result.changes.length === 0) break;
        changed = true;
      }
      failures = 0;
      live.offline = false;
      if (changed && caughtUp) dataChanged();
      caughtUp = true;
    } catch (reason) {
      // Locked or signed out is not "offline": the app shows the lock or sign-in screen.
      const code = toApiError(reason).code;
      if (code === 'locked' || code === 'unauthenticated') {
        failures = 0;
        live.offline = false;
      } else {
        failures += 1;
        if (failures >= 3) live.offline = true;
      }
    }
    if (!stopped) timer = setTimeout(poll, intervalMs);
  }

  void poll();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
