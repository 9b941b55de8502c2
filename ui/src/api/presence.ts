// Whether a person is using this window, for the core's idle lock. A call sent when nobody has
// pressed a key, clicked, scrolled or moved the pointer for a few seconds is the window's own —
// reloading what another seat changed, say — and goes to the core marked as a refresh: only a
// person's input may keep a desk awake (otherwise, on a shared database, an unattended desk
// would never lock while others work).

/** How long after a person's last input the window's calls still count as theirs. */
export const PERSON_WINDOW_MS = 5_000;

const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

let lastInput = Number.NEGATIVE_INFINITY;

export function notePersonInput(): void {
  lastInput = performance.now();
}

/** True when a person used the window within the last few seconds. */
export function personActive(): boolean {
  return performance.now() - lastInput <= PERSON_WINDOW_MS;
}

/** Listens for a person's input anywhere in the window; returns a function that stops it. */
export function watchPersonInput(target: Window = window): () => void {
  for (const type of INPUT_EVENTS) {
    target.addEventListener(type, notePersonInput, { capture: true, passive: true });
  }
  return () => {
    for (const type of INPUT_EVENTS) target.removeEventListener(type, notePersonInput, true);
  };
}
