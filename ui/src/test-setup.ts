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
