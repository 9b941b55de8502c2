// Live refresh: the journal is the clinic's change feed. When something may have changed, we
// ask for the changes after the last sequence number we saw; when there are any, `live.version`
// goes up and the visible screens reload their data quietly (no spinners). This is also how a
// booking made at another seat shows up here.
//
// In the desktop app the shell watches the clinic and tells the window when to ask, so a
// window nobody touches does no work at all. Elsewhere (the browser preview, component tests)
// the window asks on a timer.

import { call, toApiError, watchClinic, type WatchSignal } from '../api';

export const live = $state({
  /** Goes up by one whenever the clinic's data changed (here or at another seat). */
  version: 0,
  /** True while the core cannot be reached (shown as a quiet notice). */
  offline: false,
});

/** Tells the screens to reload now (after our own writes, without waiting to be told). */
export function dataChanged(): void {
  live.version += 1;
}

export interface LiveRefresh {
  stop(): void;
}

/**
 * Starts following `journal.changes`. The first pass only catches up with the journal (the
 * screens load their data themselves); afterwards each batch of changes bumps `live.version`
 * once. `intervalMs` is how often to ask when nothing tells us (no watching transport).
 */
export function startLiveRefresh(intervalMs = 1000): LiveRefresh {
  let since = 0;
  let caughtUp = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let running: Promise<void> | null = null;
  let again = false;

  async function poll(): Promise<void> {
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
  }

  /** Polls now, or once more right after the poll that is running (signals may bunch up). */
  function pollSoon(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = poll().finally(() => {
      running = null;
      if (again) {
        again = false;
        pollSoon();
      }
    });
  }

  function onSignal(signal: WatchSignal): void {
    if (signal.offline) live.offline = true;
    else pollSoon();
  }

  const watching = watchClinic(onSignal);
  let unwatch: (() => void) | undefined;
  if (watching) {
    pollSoon();
    void watching.then((stop) => {
      if (stopped) stop();
      else unwatch = stop;
    });
  } else {
    const loop = async () => {
      if (stopped) return;
      await poll();
      if (!stopped) timer = setTimeout(() => void loop(), intervalMs);
    };
    void loop();
  }
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      unwatch?.();
    },
  };
}
