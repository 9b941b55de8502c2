import '@testing-library/jest-dom/vitest';

// jsdom has no layout, so no ResizeObserver; the calendar only needs it to exist.
if (!('ResizeObserver' in globalThis)) {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
