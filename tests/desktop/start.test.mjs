// A guided start in the real window, from an empty database: "Set up my clinic" shows every
// problem of the form at once and offers time zones and currencies as lists (never UTC); the
// new clinic opens on "Getting started", whose steps are done in place and ticked off as the
// core finds their data; the calendar says what is missing instead of showing an empty diary;
// and the backups step asks for a folder instead of reporting a failed backup.

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { App } from './driver.mjs';
import { assertAccessible, createClinic, openStep, ticked } from './steps.mjs';

let app;
before(async () => {
  app = await App.launch();
});
after(async () => {
  await app?.quit();
});

const done = (step) => app.attribute(`[data-testid=step-${step}]`, 'data-done');

/** The values of a <select>'s options, once it has more than a prompt (the core's list). */
async function optionsOf(css) {
  for (let waited = 0; waited < 15_000; waited += 200) {
    const values = await app.run(
      'const el = document.querySelector(arguments[0]); return el ? [...el.options].map((o) => o.value) : [];',
      css,
    );
    if (values.length > 1) return values;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${css} never got its list`);
}

test('"Set up my clinic" shows every problem at once and never offers UTC', async (t) => {
  await app.click('[data-testid=start-setup]');
  await app.find('[data-testid=setup-form]');
  // Time zone and currency are lists from the core, pre-filled from this computer — a
  // computer on UTC leaves the time zone to be chosen.
  const zones = await optionsOf('[data-testid=setup-time-zone]');
  assert.ok(zones.includes('Europe/London') && zones.includes('America/Toronto'));
  assert.ok(!zones.some((z) => /^(UTC|Etc\/|GMT)/.test(z)), 'only places are offered');
  const zone = await app.run(
    "return document.querySelector('[data-testid=setup-time-zone]').value;",
  );
  assert.doesNotMatch(zone, /^(UTC|Etc\/|GMT)/, `pre-filled ${zone}`);
  assert.ok((await optionsOf('[data-testid=setup-currency]')).includes('GBP'));

  await app.choose('[data-testid=setup-time-zone]', '');
  await app.type('[data-testid=setup-email]', 'desk-at-harbour');
  await app.type('[data-testid=setup-owner-password]', 'short');
  await app.click('[data-testid=setup-save]');
  // All of them, each under its field, from one answer of the core.
  for (const field of ['name', 'timeZone', 'email', 'owner.displayName', 'owner.username', 'owner.password']) {
    await app.find(`[data-testid="error-${field}"]`);
  }
  assert.match(await app.text('[data-testid=error-timeZone]'), /time zone/i);
  await app.screenshot('start-all-problems');
  await assertAccessible(app, t, 'the first-run form with its problems');
});

test('the new clinic opens on its checklist, nothing ticked yet', async () => {
  await app.choose('[data-testid=setup-email]', '');
  await createClinic(app, {
    name: 'Harbour Street Massage',
    owner: 'Nadia Haddad',
    username: 'nadia',
    password: 'harbour-street-2026',
  });
  await app.find('[data-testid=getting-started]', { timeout: 30_000 });
  assert.match(await app.text('[data-testid=start-progress]'), /0 of 6 done/);
  for (const step of ['details', 'rooms', 'services', 'therapists', 'openingHours', 'backups']) {
    assert.equal(await done(step), 'false', step);
  }
  // No folder yet is a step to take, not a failure.
  assert.equal(await app.shows('[data-testid=nav-backup-failed]'), false);
  await app.find('[data-testid=nav-backup-choose]');
});

test('the calendar says what is missing and leads back to the checklist', async (t) => {
  // The checklist opened its first step to do, ready to fill in.
  await app.find('[data-testid=step-details-body]');
  await app.click('[data-testid=nav-calendar]');
  const notice = await app.text('[data-testid=calendar-setup-needed]', { timeout: 20_000 });
  assert.match(notice, /Nothing can be booked yet/);
  assert.match(notice, /a therapist \(with working hours\), a room and a service/);
  await app.screenshot('start-calendar-missing');
  await assertAccessible(app, t, 'the calendar of a clinic not set up');
  await app.click('[data-testid=calendar-setup-needed-setup]');
  await app.find('[data-testid=getting-started]');
});

test('details, a room and a service are done in place and ticked', async (t) => {
  await openStep(app, 'details');
  await app.type('[data-testid=start-details-phone]', '+44 20 7946 0958');
  await app.type('[data-testid=start-details-address]', '12 Harbour Street, Bristol BS1 4RT');
  await app.click('[data-testid=start-details-save]');
  await ticked(app, 'details');
  assert.match(await app.text('[data-testid=step-details-summary]'), /12 Harbour Street, Bristol/);

  await openStep(app, 'rooms');
  await app.click('[data-testid=rooms-add]');
  await app.type('[data-testid=rooms-edit-name]', 'Willow room');
  await app.click('[data-testid=rooms-save]');
  await ticked(app, 'rooms');
  assert.match(await app.text('[data-testid=step-rooms-summary]'), /Willow room/);

  await openStep(app, 'services');
  await app.click('[data-testid=services-add]');
  await app.choose('[data-testid=services-edit-name]', '');
  await app.type('[data-testid=services-edit-durationMin]', 'an hour');
  await app.choose('[data-testid=services-edit-priceMinor]', '');
  await app.click('[data-testid=services-save]');
  // The service form too names every problem at once.
  for (const field of ['name', 'durationMin', 'priceMinor']) {
    await app.find(`[data-testid=step-services-body] [data-testid="error-${field}"]`);
  }
  await app.type('[data-testid=services-edit-name]', 'Deep tissue massage');
  await app.type('[data-testid=services-edit-durationMin]', '60');
  await app.type('[data-testid=services-edit-priceMinor]', '65');
  await app.click('[data-testid=services-save]');
  await ticked(app, 'services');

  await app.click('[data-testid=step-services-open]'); // closed: the whole list shows
  assert.match(await app.text('[data-testid=start-progress]'), /3 of 6 done/);
  await app.screenshot('checklist');
  await assertAccessible(app, t, 'the checklist');
});

test('opening hours and the backups folder are done in place', async () => {
  await openStep(app, 'openingHours');
  for (const weekday of [1, 2, 3, 4, 5]) {
    await app.click(`[data-testid=week-day][data-weekday="${weekday}"] [data-testid=open-add]`);
  }
  await app.click('[data-testid=opening-save]');
  await ticked(app, 'openingHours');

  await openStep(app, 'backups');
  const folder = mkdtempSync(join(tmpdir(), 'palma-backups-'));
  await app.type('[data-testid=start-backup-folder]', folder);
  await app.click('[data-testid=start-backup-save]');
  await ticked(app, 'backups');
  await app.gone('[data-testid=nav-backup-choose]', { timeout: 15_000 });
});

test('a therapist with hours is not ticked until a sign-in is linked to them', async () => {
  await openStep(app, 'therapists');
  await app.click('[data-testid=therapists-add]');
  await app.type('[data-testid=therapists-edit-displayName]', 'Maya Patel');
  await app.click('[data-testid=therapists-save]');
  await app.click('[data-testid=therapist-hours]');
  const monday = '[data-testid=week-day][data-weekday="1"]';
  await app.click(`${monday} [data-testid=work-add]`);
  await app.click('[data-testid=hours-save]');
  assert.match(await app.text('[data-testid=hours-saved]'), /Maya Patel's hours are saved/);
  assert.equal(await done('therapists'), 'false', 'hours alone are not a sign-in');
  assert.match(await app.text('[data-testid=start-progress]'), /5 of 6 done/);
  await app.screenshot('start-therapist-step');
  // The sign-in is linked on the Staff screen.
  await app.click('[data-testid=step-therapists-staff]');
  await app.find('[data-testid=staff-add]');
  assert.ok(await app.shows('[data-testid=nav-start]'), 'the checklist stays in the sidebar');
});
