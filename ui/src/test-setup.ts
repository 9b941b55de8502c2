import '@testing-library/jest-dom/vitest';

// jsdom has no layout, so no ResizeObserver; the calendar only needs it to exist.
if (!('ResizeObserver' in globalThis)) {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

// Nor IntersectionObserver, which the calendar's "now" line uses only while today is on screen
// during opening hours — without it the calendar tests would pass or fail by the time of day.
if (!('IntersectionObserver' in globalThis)) {
  globalThis.IntersectionObserver = class {
    readonly root = null;
    readonly rootMargin = '0px';
    readonly thresholds: readonly number[] = [];
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords(): IntersectionObserverEntry[] {
      return [];
    }
  };
}

// The suite runs "on" the instant in PALMA_NOW when it is set (the test command runs it on
// several dates: a Sunday, either side of a DST change, New Year's Eve, 29 February) and on the
// real date otherwise. Only Date is shifted, and it runs on from that instant; timers stay
// real, and a test file's own fake timers start from the shifted time.
// (Vitest runs in Node; the UI's own types do not know `process`.)
const start = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env
  .PALMA_NOW;
if (start) {
  const RealDate = Date;
  const offset = RealDate.parse(start) - RealDate.now();
  if (Number.isNaN(offset)) throw new Error(`PALMA_NOW is not an instant: ${start}`);
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [number]));
    }
    static override now(): number {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
}
