// axe-core in the real window on every main screen of the demo clinic: the calendar (day, week,
// rooms), the booking dialog, a client's page, the clinical record, a session note, the
// aftercare screen, handouts, settings, staff, and data & security. Each screen's findings are
// printed in the test output (`# axe …`); any serious or critical one fails. Then, by keyboard
// alone: a dialog keeps focus inside and gives it back, and focus shows on every kind of control.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { App, clinicDate } from './driver.mjs';
import { assertAccessible } from './steps.mjs';

let app;
before(async () => {
  app = await App.launch();
  await app.click('[data-testid=start-demo]');
});
after(async () => {
  await app?.quit();
});

async function signInAs(username) {
  if (await app.shows('[data-testid=signed-in-as]')) {
    await app.click('[data-testid=signed-in-as]');
    await app.click('[data-testid=sign-out]');
  }
  await app.click(`[data-testid=demo-account][data-username=${username}] [data-testid=demo-signin]`, {
    timeout: 60_000,
  });
  await app.find('[data-testid=calendar]', { timeout: 30_000 });
}

/** The calendar has drawn its appointments (after a change of view or day). */
const drawn = () => app.find('[data-testid=appointment]', { timeout: 20_000 });

test('the sign-in screen', async (t) => {
  await app.find('[data-testid=demo-account]', { timeout: 60_000 });
  await assertAccessible(app, t, 'sign-in');
});

test('the calendar by day, week and room, and the booking dialog', async (t) => {
  await signInAs('reception');
  await drawn();
  await assertAccessible(app, t, 'calendar, day');
  await app.click('[data-testid=view-week]');
  await app.find('[data-testid=calendar][data-mode=week]');
  await drawn();
  await assertAccessible(app, t, 'calendar, week');
  await app.click('[data-testid=view-rooms]');
  await app.find('.ec-col-head', { text: 'room' });
  await drawn();
  await assertAccessible(app, t, 'calendar, rooms');
  await app.click('[data-testid=view-day]');
  await app.click('[data-testid=new-booking]');
  await app.find('[data-testid=booking-dialog]');
  await assertAccessible(app, t, 'booking dialog');
  await app.keys('\uE00C');
  await app.gone('[data-testid=booking-dialog]');
});

test('a client’s page', async (t) => {
  await app.click('[data-testid=nav-clients]');
  await app.click('[data-testid=client-row]', { timeout: 20_000 });
  await app.find('[data-testid=client-form]', { timeout: 20_000 });
  await assertAccessible(app, t, 'client page');
});

test('the clinical record, a session note and the aftercare screen (as a therapist)', async (t) => {
  await signInAs('maya');
  // One of Maya's visits on the first day from today that has one.
  let visit = null;
  for (let day = 0; day <= 7 && visit === null; day += 1) {
    if (day > 0) await app.click('[data-testid=calendar-next]');
    await app.find(`[data-testid=calendar][data-date="${clinicDate(day)}"]`);
    const mine = `[data-testid=appointment][aria-label*="with Maya Patel"]`;
    if (await app.find(mine, { timeout: 3_000 }).catch(() => null)) visit = mine;
  }
  await app.click(visit);
  await app.click('[data-testid=open-session-note]');
  await app.find('[data-testid=clinical-record]', { timeout: 20_000 });
  await app.find('[data-testid=note-editor], [data-testid=note-view], [data-testid=note-visit]', { timeout: 20_000 });
  await assertAccessible(app, t, 'session note');
  await app.click('[data-testid=care-tab-overview]');
  await app.find('[data-testid=care-section-overview]');
  await assertAccessible(app, t, 'clinical record');
  await app.click('[data-testid=nav-calendar]');
  await app.click(visit);
  await app.click('[data-testid=open-aftercare]');
  await app.find('[data-testid=worked-on]', { timeout: 20_000 });
  await assertAccessible(app, t, 'aftercare screen');
  await app.click('[data-testid=nav-handouts]');
  await app.find('[data-testid=handouts-row]', { timeout: 20_000 });
  await assertAccessible(app, t, 'handouts');
});

test('settings, staff, and data & security (as the owner)', async (t) => {
  await signInAs('owner');
  await app.click('[data-testid=nav-settings]');
  await app.find('[data-testid=settings-tab-services]');
  await assertAccessible(app, t, 'settings');
  await app.click('[data-testid=nav-staff]');
  await app.find('[data-testid=staff-row]', { timeout: 20_000 });
  await assertAccessible(app, t, 'staff');
  await app.click('[data-testid=nav-owner]');
  await app.find('[data-testid=owner-tab-journal]');
  await assertAccessible(app, t, 'data & security');
  await app.click('[data-testid=owner-tab-journal]');
  await app.find('[data-testid=journal-sentence]', { timeout: 20_000 });
  await assertAccessible(app, t, 'journal');
});

test('by keyboard: a dialog keeps focus inside, Escape closes it and focus goes back; focus shows on every kind of control', async () => {
  await signInAs('reception');
  await drawn();
  const opener = await app.find('[data-testid=new-booking]');
  await app.run('arguments[0].focus();', app.ref(opener));
  await app.keys('\uE007'); // Enter
  await app.find('[data-testid=booking-dialog]');
  const focused = () =>
    app.run(
      `const el = document.activeElement;
       return { inDialog: !!el.closest('[data-testid=booking-dialog]'), testid: el.dataset.testid ?? '',
                kind: el.tagName === 'INPUT' ? el.type : el.tagName.toLowerCase(),
                ring: getComputedStyle(el).boxShadow !== 'none' || getComputedStyle(el).outlineStyle !== 'none' };`,
    );
  const seen = new Set();
  for (let press = 1; press <= 40; press += 1) {
    await app.keys('\uE004'); // Tab
    const now = await focused();
    assert.ok(now.inDialog, `Tab ${press} left the dialog for ${now.kind} ${now.testid}`);
    assert.ok(now.ring, `${now.kind} ${now.testid} shows no focus ring`);
    seen.add(now.kind);
  }
  // The booking dialog has them all: selects, date and time fields, a checkbox, buttons.
  for (const kind of ['select', 'date', 'time', 'checkbox', 'button']) assert.ok(seen.has(kind), `Tab reached a ${kind}`);
  await app.keys('\uE00C'); // Escape
  await app.gone('[data-testid=booking-dialog]');
  assert.equal(await app.run("return document.activeElement?.dataset.testid ?? '';"), 'new-booking', 'focus went back to the button');
});
