// Who sees what, in the real window: a new clinic's first run (create it and its owner, land
// signed in); reception walks every page it can reach and meets no clinical text (a precaution
// *flag* only); a therapist opens the same client's clinical record and sees the precaution's
// reason and the session notes, and opens a client who is not hers only by giving a reason,
// which the owner then sees; and the owner's idle lock engages and hides client names.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { App } from './driver.mjs';
import { createClinic } from './steps.mjs';

/** Clinical text held for the demo's first client (Zoë): her precaution's reason, a note. */
const PRECAUTION_REASON = 'Nut allergy: nut-free oils only.';
const CLINICAL_TEXT = [
  'Nut allergy',
  'nut-free oils',
  'Takes blood thinners',
  'First treatment after assessment',
  'Felt looser for two days',
  'did the stretches most days',
  'Clinical record',
  'Session note',
];

/** The demo clients' family names (src/demo.rs), as the calendar shows them. */
const FAMILY_NAMES = "Łukasiewicz-Ørsted|Nguyễn Thị|O'Connell|Álvarez|Okonkwo|Hughes|Raman|Fitzgerald|Dubois|Al-Sayed|Thompson|Lindqvist|Bello|Cohen|Chen|Morgan|Rahman|Nowak|Clarke|Mensah|Rossi|MacLeod|Tanaka|Fernández|Williams|Sharma|Byrne|Baker|Hussain|Solberg|Reid|Goldberg|Eze|Evans|Svensson|Petrova|Wright|Novák|Adeyemi|Campbell".split('|');

/** Subjective text of the demo's session notes (src/care/demo/courses.rs, NOTE_S). */
const DEMO_NOTES = [
  'First treatment after assessment',
  'Felt looser for two days',
  'A stressful week',
  'Better week',
  'Good progress',
];

const apps = [];
after(async () => {
  for (const app of apps) await app.quit();
});

async function launch() {
  const app = await App.launch();
  apps.push(app);
  return app;
}

/** Everything a person can read in the window now. */
async function pageText(app) {
  return app.run('return document.body.innerText;');
}

function assertNoClinicalText(text, where) {
  for (const clinical of CLINICAL_TEXT) {
    assert.ok(!text.includes(clinical), `${where} shows clinical text "${clinical}"`);
  }
}

async function signInAs(app, username) {
  await app.click(`[data-testid=demo-account][data-username=${username}] [data-testid=demo-signin]`, {
    timeout: 60_000,
  });
  await app.find('[data-testid=calendar]', { timeout: 30_000 });
}

async function signOut(app) {
  await app.click('[data-testid=signed-in-as]');
  await app.click('[data-testid=sign-out]');
  await app.find('[data-testid=demo-account]', { timeout: 20_000 });
}

async function openClient(app, search, name) {
  await app.click('[data-testid=nav-clients]');
  await app.type('[data-testid=client-search]', search);
  await app.click('[data-testid=client-row]', { text: name, timeout: 20_000 });
  await app.find('[data-testid=client-form]', { timeout: 20_000 });
}

test('first run: the owner creates the clinic and their account and lands signed in', async () => {
  const app = await launch();
  await app.click('[data-testid=start-setup]');
  await app.find('[data-testid=setup-form]');
  await createClinic(app, {
    name: 'Harbour Street Massage',
    owner: 'Nadia Haddad',
    username: 'nadia',
    password: 'harbour-street-2026',
  });
  // A new clinic opens on its "Getting started" checklist (tests/desktop/start.test.mjs).
  await app.find('[data-testid=getting-started]', { timeout: 30_000 }).catch(async (error) => {
    await app.screenshot('access-first-run-failed');
    throw new Error(`${error.message}; the window shows:\n${await pageText(app)}`);
  });
  assert.match(await app.text('[data-testid=signed-in-as]'), /Nadia Haddad/);
  assert.match(await app.text('[data-testid=signed-in-as]'), /Owner/);
  assert.match(await app.text('[data-testid=clinic-name]'), /Harbour Street Massage/);
  assert.ok(await app.shows('[data-testid=nav-owner]'), 'the owner reaches Data & security');
  await app.screenshot('access-first-run');
  await app.quit();
  apps.pop();
});

let demo;

test('reception reaches calendar, appointment, clients and a client record with no clinical text', async () => {
  demo = await launch();
  await demo.click('[data-testid=start-demo]');
  await signInAs(demo, 'reception');
  for (const hidden of ['nav-owner', 'nav-staff', 'nav-settings']) {
    assert.equal(await demo.shows(`[data-testid=${hidden}]`), false, `${hidden} is hidden`);
  }
  await demo.find('[data-testid=appointment]');
  assertNoClinicalText(await pageText(demo), 'the calendar');

  await demo.click('[data-testid=appointment]');
  await demo.find('[data-testid=appointment-panel]');
  assert.equal(await demo.shows('[data-testid=open-session-note]'), false);
  assertNoClinicalText(await pageText(demo), 'the appointment panel');

  await openClient(demo, 'Łukasiewicz', 'Zoë');
  // The flag that a precaution exists is reception's to see; its reason is not.
  await demo.find('[data-testid=client-alert-flag]', { timeout: 15_000 });
  await demo.find('[data-testid=client-history]', { timeout: 15_000 });
  assert.equal(await demo.shows('[data-testid=open-clinical-record]'), false);
  assertNoClinicalText(await pageText(demo), 'the client record');

  await demo.click('[data-testid=nav-handouts]');
  await sleep(500);
  assertNoClinicalText(await pageText(demo), 'the handouts page');
  await demo.screenshot('access-reception');
});

test('a therapist opens the same client and sees the precaution reason and the notes', async () => {
  await signOut(demo);
  await signInAs(demo, 'maya');
  assert.equal(await demo.shows('[data-testid=nav-owner]'), false);
  await openClient(demo, 'Łukasiewicz', 'Zoë');
  await demo.click('[data-testid=open-clinical-record]', { timeout: 40_000 });
  await demo.find('[data-testid=clinical-record]', { timeout: 15_000 });
  const precaution = await demo.text('[data-testid=precaution]', { text: 'Nut allergy', timeout: 15_000 });
  assert.match(precaution, new RegExp(PRECAUTION_REASON.replace(/[.:]/g, '.')));
  await demo.click('[data-testid=care-tab-notes]');
  await demo.find('[data-testid=note-row]', { timeout: 15_000 });
  await demo.click('[data-testid=note-row]');
  const note = await demo.text('[data-testid=note-view]', { timeout: 15_000 });
  assert.match(note, /Subjective/);
  assert.ok(
    DEMO_NOTES.some((text) => note.includes(text)),
    `the signed note shows its text:\n${note}`,
  );
  await demo.screenshot('access-therapist');
  await demo.keys('\uE00C');
});

test('a therapist opens a client who is not hers by giving a reason; the owner sees who, whom and why', async () => {
  await demo.click('[data-testid=nav-clients]');
  await demo.click('[data-testid=new-client]');
  await demo.type('[data-testid=client-given-name]', 'Greta');
  await demo.type('[data-testid=client-family-name]', 'Halvorsen');
  await demo.type('[data-testid=client-phone]', '07700 900888');
  await demo.click('[data-testid=client-save]');
  // Nobody booked her with Maya: the record is not offered, only opening it with a reason.
  await demo.find('[data-record-access=no]', { timeout: 15_000 });
  assert.equal(await demo.shows('[data-testid=open-clinical-record]'), false);
  await demo.click('[data-testid=open-with-reason]');
  await demo.find('[data-testid=break-glass]');
  await demo.click('[data-testid=break-glass-open]');
  assert.match(await demo.text('#break-glass-reason-error', { timeout: 15_000 }), /at least 10 characters/);
  await demo.type('[data-testid=break-glass-reason]', 'She asked at the desk about her plan');
  await demo.screenshot('access-break-glass');
  await demo.click('[data-testid=break-glass-open]');
  await demo.find('[data-testid=clinical-record]', { timeout: 15_000 });
  await demo.keys('\uE00C');
  await signOut(demo);
  await signInAs(demo, 'owner');
  await demo.click('[data-testid=nav-owner]');
  await demo.click('[data-testid=owner-tab-openings]');
  const opening = await demo.text('[data-testid=access-grant]', { timeout: 15_000 });
  for (const shown of [/Maya Patel/, /Greta Halvorsen/, /asked at the desk about her plan/]) {
    assert.match(opening, shown);
  }
  await demo.screenshot('access-owner-openings');
});

test('the idle lock engages and the calendar behind it shows no client names', async () => {
  await demo.quit();
  apps.pop();
  const app = await launch();
  await app.click('[data-testid=start-demo]');
  await signInAs(app, 'owner');
  await app.click('[data-testid=nav-owner]');
  await app.click('[data-testid=owner-tab-security]');
  // One minute is the shortest idle time a clinic can choose.
  await app.type('[data-testid=policy-idle-minutes]', '1');
  await app.click('[data-testid=policy-save]');
  await app.find('[data-testid=policy-saved]');
  await app.screenshot('access-owner-security');
  await app.click('[data-testid=nav-calendar]');
  await app.find('[data-testid=appointment]');
  const shown = async () =>
    app.run(
      "return [...document.querySelectorAll('[data-testid=appointment]')].map((el) => el.innerText).join('\\n');",
    );
  const before = await shown();
  const named = FAMILY_NAMES.filter((name) => before.includes(name));
  assert.ok(named.length > 0, `the calendar names clients before the lock:\n${before}`);
  await app.screenshot('access-before-idle');
  // Nobody touches the desk; the change-feed poll does not count as activity.
  await app.find('[data-testid=lock-screen]', { timeout: 100_000 });
  await app.find('[data-testid=appointment]', { timeout: 15_000 });
  const locked = await shown();
  for (const name of named) {
    assert.ok(!locked.includes(name), `"${name}" is still on the locked calendar`);
  }
  assert.match(locked, /Booked/);
  await app.screenshot('access-locked');
});
