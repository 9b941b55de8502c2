// The calendar library marks its grid up as an ARIA table whose rows hold appointment buttons,
// hidden sidebars and layout boxes — a structure assistive technology cannot follow, and that
// axe-core reports as critical (`aria-required-children`). Palma's calendar is read as what it
// is: a region of labelled appointment buttons under plain column headings. This takes the
// library's table roles (with the attributes that only mean something on them, and the labels
// it puts on role-less spans) off the grid as the library draws it.

const TABLE_ROLES = new Set(['table', 'row', 'rowgroup', 'columnheader', 'rowheader', 'cell']);
const TABLE_ATTRIBUTES = ['aria-colindex', 'aria-colspan', 'aria-rowindex'];

function makePlain(root: Element): void {
  for (const element of root.querySelectorAll('[role]')) {
    if (!TABLE_ROLES.has(element.getAttribute('role') ?? '')) continue;
    element.removeAttribute('role');
    for (const name of TABLE_ATTRIBUTES) element.removeAttribute(name);
  }
  // A label on a span with no role is not announced (and is not allowed); its text is.
  for (const span of root.querySelectorAll('span[aria-label]:not([role])')) {
    span.removeAttribute('aria-label');
  }
}

/** An attachment for the element around the calendar: keeps its grid plain as it redraws. */
export function plainSemantics(node: HTMLElement): () => void {
  makePlain(node);
  const observer = new MutationObserver(() => makePlain(node));
  observer.observe(node, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['role', 'aria-label'],
  });
  return () => observer.disconnect();
}
