// The calendar's single-key shortcuts: `t` today, `←`/`→` previous/next, `n` new booking,
// `f` find a time.
// They never fire while someone is typing, inside a dialog, or with a modifier held.

export type CalendarShortcut = 'today' | 'prev' | 'next' | 'new' | 'find';

const TYPING =
  'input, textarea, select, [contenteditable]:not([contenteditable="false"]), [role="dialog"], [role="combobox"], [role="listbox"]';

export function shortcutFor(event: KeyboardEvent): CalendarShortcut | null {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return null;
  const target = event.target;
  if (target instanceof Element && target.closest(TYPING)) return null;
  switch (event.key) {
    case 't':
    case 'T':
      return 'today';
    case 'ArrowLeft':
      return 'prev';
    case 'ArrowRight':
      return 'next';
    case 'n':
    case 'N':
      return 'new';
    case 'f':
    case 'F':
      return 'find';
    default:
      return null;
  }
}
