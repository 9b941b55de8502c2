// Closing the day, in the real window on a fixed evening (PALMA_NOW): reception books a visit
// that has already ended today, finds it in the close-out list with the demo's other unclosed
// visits, marks them all attended in one save; the owner then reads the journal as sentences.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { App } from './driver.mjs';
import { addClient, book } from './steps.mjs';

/** Wednesday 18 November 2026, 20:00 in London (UTC in November). */
const NOW = '2026-11-18T20:00:00Z';
const today = '2026-11-18';
const client = { given: 'Aroha', family: 'Ngata-Whitcombe', phone: '07700 900556' };

let app;
before(async () => {
  app = await App.launch({ env: { PALMA_NOW: NOW } });
});
after(async () => {
  await app?.quit();
});

async function signInAs(username) {
  await app.click(`[data-testid=demo-account][data-username=${username}] [data-testid=demo-signin]`, {
    timeout: 60_000,
  });
  await app.find('[data-testid=calendar]', { timeout: 30_000 });
}

/** The calendar's close-out count (its text is "2 to close" for screen readers). */
const badge = async () =>
  Number.parseInt(await app.text('[data-testid=closeout-count]', { timeout: 20_000 }), 10);

test('reception sees, on the fixed evening, how many past visits wait to be closed out', async () => {
  await app.click('[data-testid=start-demo]');
  await signInAs('reception');
  assert.equal(await app.attribute('[data-testid=calendar]', 'data-date'), today);
  // The demo leaves the last of yesterday's visits unclosed: the calendar says how many.
  assert.ok((await badge()) > 0);
});

test('a visit booked for earlier this evening is listed to close out', async () => {
  const waiting = await badge();
  await addClient(app, client);
  await app.click('[data-testid=nav-calendar]');
  await book(app, {
    search: 'Ngata',
    name: client.family,
    service: 'Sports massage',
    therapist: 'Maya Patel',
    room: 'Willow',
    date: today,
    time: '18:30',
  });
  await app.gone('[data-testid=booking-dialog]');
  await app.find('[data-testid=appointment]', { text: client.given });

  // 18:30–19:15 ended before 20:00: one more to close out.
  await app.find('[data-testid=closeout-count]', { text: String(waiting + 1), timeout: 20_000 });
  await app.click('[data-testid=closeout-open]');
  await app.find('[data-testid=closeout-dialog]');
  const row = await app.find('[data-testid=closeout-row]', { text: client.family });
  assert.match(await app.textOf(row), /Sports massage with Maya Patel/);
  assert.equal(await app.count('[data-testid=closeout-row]'), Math.min(waiting + 1, 200));
  await app.screenshot('closeout-list');
});

test('mark all attended and save: every one is closed in one pass and the badge goes', async () => {
  await app.click('[data-testid=closeout-all-attended]');
  await app.click('[data-testid=closeout-save]');
  await app.gone('[data-testid=closeout-dialog]', { timeout: 20_000 });
  await app.find('[data-testid=calendar-notice]', { text: 'Closed out' });
  await app.gone('[data-testid=closeout-open]', { timeout: 20_000 });
  await app.find('[data-testid=appointment][data-status=completed]', { text: client.given });
});

test('the owner reads the journal as sentences with names and clinic times', async () => {
  await app.click('[data-testid=signed-in-as]');
  await app.click('[data-testid=sign-out]');
  await signInAs('owner');
  await app.click('[data-testid=nav-owner]');
  await app.click('[data-testid=owner-tab-journal]');
  const name = `${client.given} ${client.family}`;
  // The close-out wrote a line per visit: each kind is looked for by the action filter.
  const only = async (action) => {
    await app.choose('[data-testid=journal-action]', action);
    await app.click('[data-testid=journal-search]');
  };
  await only('book');
  await app.find('[data-testid=journal-sentence]', {
    text: `Sam Whitaker booked ${name}’s Sports massage with Maya Patel on`,
    timeout: 20_000,
  });
  await only('status');
  const attended = await app.find('[data-testid=journal-sentence]', {
    text: `Sam Whitaker marked ${name}’s appointment on`,
    timeout: 20_000,
  });
  assert.match(await app.textOf(attended), /as attended$/);
  await only('');
  await app.screenshot('journal-sentences');
});
