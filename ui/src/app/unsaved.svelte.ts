// Nothing typed is lost by navigating. Screens that save as they go (a session note, the
// intake's and the plan's drafts, the aftercare notes) register a flush, which leaving awaits
// so the last keystrokes reach the core. A screen with unsaved changes that keeps no draft
// marks itself dirty, and leaving it — the sidebar, a record tab, Back — asks first.

type Flush = () => Promise<void>;

const flushes: Flush[] = [];

export const unsaved = $state<{ dirty: boolean; asking: ((leave: boolean) => void) | null }>({
  dirty: false,
  asking: null,
});

/** Registers a screen's pending-save flush; returns the function that removes it. */
export function registerFlush(flush: Flush): () => void {
  flushes.push(flush);
  return () => {
    const at = flushes.indexOf(flush);
    if (at >= 0) flushes.splice(at, 1);
  };
}

/**
 * Saves what is pending, then — when a screen holds unsaved changes — asks whether to leave
 * them. True when the caller may leave.
 */
export async function confirmLeave(): Promise<boolean> {
  await Promise.all(flushes.map((flush) => flush().catch(() => {})));
  if (!unsaved.dirty) return true;
  return new Promise((resolve) => {
    unsaved.asking = (leave) => {
      unsaved.asking = null;
      if (leave) unsaved.dirty = false;
      resolve(leave);
    };
  });
}

/**
 * Saves a form a moment after the last change, and at once when leaving (or when the form
 * goes away). `write` sends what is on screen and throws when the core refused it.
 */
export class Autosave {
  status = $state<'' | 'saving' | 'saved' | 'failed'>('');
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending = false;
  #running: Promise<void> = Promise.resolve();
  readonly #write: () => Promise<void>;
  readonly #delayMs: number;
  readonly #unregister: () => void;

  constructor(write: () => Promise<void>, delayMs = 800) {
    this.#write = write;
    this.#delayMs = delayMs;
    this.#unregister = registerFlush(() => this.flush());
  }

  /** Something was typed: save after a pause. */
  changed() {
    this.#pending = true;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), this.#delayMs);
  }

  /** Saves now if anything is pending; resolves when the core has it. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    await this.#running;
    if (!this.#pending) return;
    this.#pending = false;
    this.status = 'saving';
    this.#running = this.#write().then(
      () => {
        this.status = 'saved';
      },
      () => {
        this.status = 'failed';
      },
    );
    await this.#running;
  }

  /** The form was saved for real: what was pending is in it. */
  cancel() {
    clearTimeout(this.#timer);
    this.#pending = false;
  }

  /** The form goes away: save what is pending, then stop. */
  destroy() {
    void this.flush().finally(this.#unregister);
  }
}
