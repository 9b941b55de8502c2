// Steps several desktop tests take the same way: filling in "Set up my clinic" on first run;
// adding a client and booking them through the booking dialog at reception; checking a screen
// with axe-core.

import assert from 'node:assert/strict';

/**
 * Fills the first-run details form (already open) with a clinic in London charging GBP and its
 * owner, and sends it; does not wait for the outcome.
 */
export async function createClinic(app, { name, owner, username, password }) {
  await app.type('[data-testid=setup-name]', name);
  await app.choose('[data-testid=setup-time-zone]', 'Europe/London');
  await app.choose('[data-testid=setup-currency]', 'GBP');
  await app.type('[data-testid=setup-owner-name]', owner);
  await app.type('[data-testid=setup-owner-username]', username);
  await app.type('[data-testid=setup-owner-password]', password);
  await app.click('[data-testid=setup-save]');
}

/** Signs in on the sign-in screen with a username and password. */
export async function signIn(app, { username, password }) {
  await app.type('[data-testid=signin-username]', username);
  await app.type('[data-testid=signin-password]', password);
  await app.click('[data-testid=signin-submit]');
}

/** Signs out from the account menu and waits for the sign-in screen. */
export async function signOut(app) {
  await app.click('[data-testid=signed-in-as]');
  await app.click('[data-testid=sign-out]');
  await app.find('[data-testid=signin-form]', { timeout: 20_000 });
}

/**
 * Opens a step of "Getting started" in place (from any page). The checklist opens the first
 * step still to do by itself once it has loaded, so a step already open is left open.
 */
export async function openStep(app, step) {
  if (!(await app.shows('[data-testid=getting-started]'))) await app.click('[data-testid=nav-start]');
  await app.find(`[data-testid=step-${step}]`);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (await app.find(`[data-testid=step-${step}-body]`, { timeout: 1_500 }).catch(() => null)) return;
    await app.click(`[data-testid=step-${step}-open]`);
  }
  await app.find(`[data-testid=step-${step}-body]`);
}

/** Waits until the checklist shows `step` as ticked (the core's answer after a save). */
export async function ticked(app, step) {
  await app.find(`[data-testid=step-${step}][data-done=true]`, { timeout: 15_000 });
}

/**
 * Fills "Add a person" on the Staff screen for a therapist (Reception unticked, Therapist
 * ticked) and checks that a new diary column named after them is offered; does not save.
 */
export async function fillNewTherapist(app, { name, username, password }) {
  await app.click('[data-testid=staff-add]');
  await app.type('[data-testid=staff-name]', name);
  await app.type('[data-testid=staff-username]', username);
  await app.type('[data-testid=staff-password]', password);
  await app.click('[data-testid=staff-role-reception]');
  await app.click('[data-testid=staff-role-therapist]');
  assert.equal(await app.run("return document.querySelector('[data-testid=staff-column]').value;"), 'new');
}

/** Adds a client on the Clients page and waits until the list shows them. */
export async function addClient(app, { given, family, phone }) {
  await app.click('[data-testid=nav-clients]');
  await app.click('[data-testid=new-client]');
  await app.type('[data-testid=client-given-name]', given);
  await app.type('[data-testid=client-family-name]', family);
  await app.type('[data-testid=client-phone]', phone);
  await app.click('[data-testid=client-save]');
  await app.find('[data-testid=client-row]', { text: family });
}

/**
 * Fills the booking dialog from the calendar and sends it: the client found by `search` whose
 * option shows `name`, then service, therapist and room by their labels, date and time. Does
 * not wait for the outcome (a refusal keeps the dialog open).
 */
export async function book(app, { search, name, service, therapist, room, date, time }) {
  await app.click('[data-testid=new-booking]');
  await app.find('[data-testid=booking-dialog]');
  await app.type('[data-testid=booking-client-search]', search);
  await app.click('[data-testid=booking-client-option]', { text: name });
  await app.chooseByLabel('[data-testid=booking-service]', service);
  await app.chooseByLabel('[data-testid=booking-practitioner]', therapist);
  await app.chooseByLabel('[data-testid=booking-room]', room);
  await app.choose('[data-testid=booking-date]', date);
  await app.choose('[data-testid=booking-time]', time);
  await app.click('[data-testid=booking-submit]');
}

/**
 * Checks the screen the window shows with axe-core (or only the part `within` selects, such as
 * a dialog): reports every violation in the test's output (`# axe <screen>: …`) and fails on
 * any serious or critical one.
 */
export async function assertAccessible(app, t, screen, within) {
  const violations = await app.axe(within);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  t.diagnostic(`axe ${screen}: ${serious.length} serious or critical, ${violations.length - serious.length} minor`);
  for (const v of violations) t.diagnostic(`  ${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).join(', ')}`);
  assert.deepEqual(
    serious.map((v) => `${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).join(', ')}`),
    [],
    `${screen} has serious accessibility problems`,
  );
}
