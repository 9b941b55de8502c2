// A real clinic's first week, in the real window, from an empty database and without the
// demo's shortcuts (issue 12). Monday morning the owner sets the clinic up from "Getting
// started" — details, a room, a service, opening hours, a backups folder, and a therapist with a
// sign-in linked to her diary column and her working hours — adds a client and books her. The
// therapist signs in with her own password, takes the intake, writes and signs a note and
// prints the aftercare sheet. Monday evening (Palma opened again on the same database) the
// owner closes the day out and reads the journal as sentences.
//
// The app runs on a fixed clock (PALMA_NOW), so the week is the same whatever day the test runs.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { App } from './driver.mjs';
import { addClient, assertAccessible, book, createClinic, fillNewTherapist, openStep, signIn, signOut, ticked } from './steps.mjs';

/** Monday 1 March 2027 in London (UTC in winter): the clinic's first day. */
const MONDAY = '2027-03-01';
const MORNING = `${MONDAY}T08:00:00Z`;
const EVENING = `${MONDAY}T18:30:00Z`;
const NEXT_MONDAY = '2027-03-08';

const OWNER = { name: 'Nadia Haddad', username: 'nadia', password: 'harbour-street-2026' };
const THERAPIST = { name: 'Lena Vogel', username: 'lena', password: 'lena-first-pass' };
const CLIENT = { given: 'Ingrid', family: 'Halvorsen', phone: '07700 900456' };
const CLIENT_NAME = `${CLIENT.given} ${CLIENT.family}`;
const SERVICE = 'Sports massage';

const dir = mkdtempSync(join(tmpdir(), 'palma-first-week-'));
const databaseUrl = `sqlite://${join(dir, 'palma.sqlite')}?mode=rwc`;

let app;
after(async () => {
  await app?.quit();
});

async function open(at) {
  await app?.quit();
  app = await App.launch({ databaseUrl, env: { PALMA_NOW: at } });
}

/** Waits for the calendar after signing in; on failure, says what the window shows. */
async function calendarShown(name) {
  await app.find('[data-testid=calendar]', { timeout: 30_000 }).catch(async (error) => {
    await app.screenshot(`first-week-${name}-failed`);
    throw new Error(`${error.message}; the window shows:\n${await app.run('return document.body.innerText;')}`);
  });
}

async function tab(id) {
  await app.click(`[data-testid=care-tab-${id}]`);
  await app.find(`[data-testid=care-section-${id}]`);
}

test('Monday morning: "Set up my clinic" creates the clinic and opens its checklist', async () => {
  await open(MORNING);
  await app.click('[data-testid=start-setup]');
  await app.find('[data-testid=setup-form]');
  await createClinic(app, { name: 'Harbour Street Massage', owner: OWNER.name, ...OWNER });
  await app.find('[data-testid=getting-started]', { timeout: 30_000 });
  assert.match(await app.text('[data-testid=start-progress]'), /0 of 6 done/);
});

test('details, a room, a service, opening hours and a backups folder, each ticked in place', async () => {
  await openStep(app, 'details');
  await app.type('[data-testid=start-details-phone]', '0117 496 0123');
  await app.type('[data-testid=start-details-address]', '12 Harbour Street, Bristol BS1 4RT');
  await app.click('[data-testid=start-details-save]');
  await ticked(app, 'details');

  await openStep(app, 'rooms');
  await app.click('[data-testid=rooms-add]');
  await app.type('[data-testid=rooms-edit-name]', 'Willow room');
  await app.click('[data-testid=rooms-save]');
  await ticked(app, 'rooms');

  await openStep(app, 'services');
  await app.click('[data-testid=services-add]');
  await app.type('[data-testid=services-edit-name]', SERVICE);
  await app.type('[data-testid=services-edit-durationMin]', '45');
  await app.type('[data-testid=services-edit-bufferMin]', '15');
  await app.type('[data-testid=services-edit-priceMinor]', '55');
  await app.click('[data-testid=services-save]');
  await ticked(app, 'services');

  await openStep(app, 'openingHours');
  for (const weekday of [1, 2, 3, 4, 5]) {
    await app.click(`[data-testid=week-day][data-weekday="${weekday}"] [data-testid=open-add]`);
  }
  await app.click('[data-testid=opening-save]');
  await ticked(app, 'openingHours');

  await openStep(app, 'backups');
  await app.type('[data-testid=start-backup-folder]', mkdtempSync(join(tmpdir(), 'palma-backups-')));
  await app.click('[data-testid=start-backup-save]');
  await ticked(app, 'backups');
  assert.match(await app.text('[data-testid=start-progress]'), /5 of 6 done/);
});

test('a therapist with a sign-in linked to her diary column, then her hours: all six ticked', async (t) => {
  await openStep(app, 'therapists');
  await app.click('[data-testid=step-therapists-staff]');
  await fillNewTherapist(app, THERAPIST);
  await app.click('[data-testid=staff-save]');
  assert.match(await app.text('[data-testid=staff-saved]'), /Lena Vogel can now sign in as lena/);

  await openStep(app, 'therapists');
  await app.click('[data-testid=therapist-hours]');
  for (const weekday of [1, 2, 3, 4, 5]) {
    await app.click(`[data-testid=week-day][data-weekday="${weekday}"] [data-testid=work-add]`);
  }
  await app.click('[data-testid=hours-save]');
  assert.match(await app.text('[data-testid=hours-saved]'), /Lena Vogel's hours are saved/);
  await ticked(app, 'therapists');
  await app.find('[data-testid=start-complete]', { timeout: 15_000 });
  assert.match(await app.text('[data-testid=start-progress]'), /6 of 6 done/);
  await app.screenshot('first-week-checklist');
  await assertAccessible(app, t, 'the finished checklist');
});

test('a client is added and booked with the new therapist, today and next week', async () => {
  await addClient(app, CLIENT);
  await app.click('[data-testid=nav-calendar]');
  // Next week's first: the calendar follows the booked day, and ends on today's.
  for (const date of [NEXT_MONDAY, MONDAY]) {
    await book(app, {
      search: CLIENT.family,
      name: CLIENT.given,
      service: SERVICE,
      therapist: THERAPIST.name,
      room: 'Willow',
      date,
      time: '10:00',
    });
    await app.gone('[data-testid=booking-dialog]', { timeout: 15_000 });
  }
  await app.find(`[data-testid=appointment][data-start="${MONDAY}T10:00"]`, { text: CLIENT.given });
});

test('the therapist signs in with her own password and opens her client’s record directly', async () => {
  await signOut(app);
  await signIn(app, THERAPIST);
  await calendarShown('therapist');
  assert.match(await app.text('[data-testid=signed-in-as]'), /Lena Vogel/);
  await app.click('[data-testid=nav-clients]');
  await app.type('[data-testid=client-search]', CLIENT.family);
  await app.click('[data-testid=client-row]', { text: CLIENT.given, timeout: 20_000 });
  await app.click('[data-testid=open-clinical-record]', { timeout: 20_000 });
  await app.find('[data-testid=clinical-record]', { timeout: 15_000 });
  assert.equal(await app.shows('[data-testid=break-glass]'), false, 'no reason was asked for');
  assert.match(await app.text('[data-testid=precautions-bar]'), /No intake yet/);
});

test('a blank intake is not "no precautions"; the answered one is saved', async () => {
  await tab('intake');
  await app.choose('[data-testid=intake-date]', MONDAY);
  await app.click('[data-testid=intake-save]');
  assert.match(await app.text('[data-testid=error-answers]'), /blank intake/);
  assert.match(await app.text('[data-testid=precautions-bar]'), /No intake yet/);

  await app.click('[data-testid=intake-blood_thinners-no]');
  await app.click('[data-testid=intake-pregnant-no]');
  await app.click('[data-testid=intake-heart_condition-no]');
  await app.type('[data-testid=intake-gp_name]', 'Dr Amira Shah, Harbour Surgery');
  await app.click('[data-testid=intake-save]');
  await app.find('[data-testid=intake-precautions]', { timeout: 15_000 });
  await app.gone('[data-testid=precautions-bar]', { text: 'No intake yet', timeout: 15_000 });
});

test('a session note for today’s visit is written and signed', async () => {
  await tab('notes');
  await app.find('[data-testid=note-visit]');
  await app.click('[data-testid=note-start]');
  await app.find('[data-testid=note-editor]');
  await app.type('[data-testid=note-pain]', '6');
  await app.type('[data-testid=note-stress]', '4');
  await app.type('[data-testid=note-subjective]', 'Tight calves after a half marathon on Saturday.');
  await app.click('[data-testid=note-technique-swedish]');
  await app.click('[data-testid=note-sign]');
  await app.find('[data-testid=sign-dialog]');
  await app.click('[data-testid=sign-confirm]');
  await app.find('[data-testid=note-view]', { timeout: 15_000 });
  assert.match(await app.text('[data-testid=note-view]'), /Tight calves after a half marathon/);
});

test('the aftercare sheet for the visit is printed as a PDF', async () => {
  await app.click('[data-testid=nav-calendar]');
  await app.click(`[data-testid=appointment][data-start="${MONDAY}T10:00"]`);
  await app.click('[data-testid=open-aftercare]');
  await app.find('[data-testid=aftercare-screen]');
  await app.find('[data-testid=worked-on]');
  await app.type('[data-testid=worked-on]', 'We loosened both calves and the backs of your thighs.');
  await app.click('[data-testid=save-notes]');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (!(await app.shows('[data-testid=handout-search]'))) await app.click('[data-testid=add-handouts]');
    await app.type('[data-testid=handout-search]', 'calf');
    await app.click('[data-testid=handout-option]');
    if (await app.find('[data-testid=programme-item]', { timeout: 5_000 }).catch(() => null)) break;
  }
  await app.click('[data-testid=aftercare-print]');
  await app.find('[data-testid=print-done]', { timeout: 30_000 });
  const printed = readdirSync(app.printDir).filter((name) => name.endsWith('.pdf'));
  assert.equal(printed.length, 1);
  const text = execFileSync('pdftotext', [join(app.printDir, printed[0]), '-']).toString();
  assert.match(text, /Ingrid/);
  assert.match(text, /We loosened both calves/);
  assert.match(text, /Lena Vogel/);
});

test('Monday evening: the owner closes the day out — the visit is listed and marked attended', async (t) => {
  await open(EVENING);
  await signIn(app, OWNER);
  await calendarShown('owner');
  await app.find('[data-testid=closeout-count]', { text: '1', timeout: 20_000 });
  await app.click('[data-testid=closeout-open]');
  await app.find('[data-testid=closeout-dialog]');
  const row = await app.find('[data-testid=closeout-row]', { text: CLIENT.family });
  assert.match(await app.textOf(row), new RegExp(`${SERVICE} with ${THERAPIST.name}`));
  assert.equal(await app.count('[data-testid=closeout-row]'), 1, 'next week’s visit is not due');
  await app.screenshot('first-week-closeout');
  await assertAccessible(app, t, 'the close-out list', '[data-testid=closeout-dialog]');
  await app.click('[data-testid=closeout-all-attended]');
  await app.click('[data-testid=closeout-save]');
  await app.gone('[data-testid=closeout-dialog]', { timeout: 20_000 });
  await app.gone('[data-testid=closeout-open]', { timeout: 20_000 });
  await app.find('[data-testid=appointment][data-status=completed]', { text: CLIENT.given });
});

test('the owner reads the week so far in the journal, as sentences with names', async (t) => {
  await app.click('[data-testid=nav-owner]');
  await app.click('[data-testid=owner-tab-journal]');
  await app.find('[data-testid=journal-sentence]', {
    text: `${OWNER.name} booked ${CLIENT_NAME}’s ${SERVICE} with ${THERAPIST.name} on`,
    timeout: 20_000,
  });
  const attended = await app.find('[data-testid=journal-sentence]', {
    text: `${OWNER.name} marked ${CLIENT_NAME}’s appointment on`,
  });
  assert.match(await app.textOf(attended), /as attended$/);
  const sentences = await app.run(
    "return [...document.querySelectorAll('[data-testid=journal-sentence]')].map((el) => el.innerText);",
  );
  assert.ok(sentences.some((s) => s.includes(THERAPIST.name) && /signed/.test(s)), 'the signed note is there');
  assert.ok(!sentences.some((s) => /[0-9a-f]{8}-[0-9a-f]{4}-/.test(s)), 'no bare ids in the sentences');
  await app.screenshot('first-week-journal');
  await assertAccessible(app, t, 'the journal');
});
