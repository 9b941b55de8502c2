// Staff managed in the real window, from an empty database (issue 12): the owner sets up the
// clinic, a room and a service, then adds a therapist with a new diary column and a sign-in in
// one step; the client booked in that column is the therapist's, who opens the clinical record
// straight away (no "Open with a reason"). The owner then resets the therapist's password: the
// therapist signs in with the temporary one and must choose their own before anything else.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { App, clinicDate } from './driver.mjs';
import { addClient, assertAccessible, book, createClinic, fillNewTherapist, signIn, signOut } from './steps.mjs';

const OWNER = { name: 'Nadia Haddad', username: 'nadia', password: 'harbour-street-2026' };
const THERAPIST = { name: 'Lena Vogel', username: 'lena', password: 'lena-first-pass' };
const CLIENT = { given: 'Ingrid', family: 'Halvorsen', phone: '07700 900456' };

let app;
before(async () => {
  app = await App.launch();
});
after(async () => {
  await app?.quit();
});

async function pageText() {
  return app.run('return document.body.innerText;');
}

/** The row of the staff list for `username`. */
const row = (username) => `[data-testid=staff-row][data-username="${username}"]`;

test('an empty database: the owner sets up the clinic, a room and a service', async () => {
  await app.click('[data-testid=start-setup]');
  await app.find('[data-testid=setup-form]');
  await createClinic(app, { name: 'Harbour Street Massage', owner: OWNER.name, ...OWNER });
  await app.find('[data-testid=getting-started]', { timeout: 30_000 }).catch(async (error) => {
    await app.screenshot('staff-first-run-failed');
    throw new Error(`${error.message}; the window shows:\n${await pageText()}`);
  });

  await app.click('[data-testid=nav-settings]');
  await app.click('[data-testid=settings-tab-services]');
  await app.click('[data-testid=rooms-add]');
  await app.type('[data-testid=rooms-edit-name]', 'Willow room');
  await app.click('[data-testid=rooms-save]');
  await app.find('[data-testid=rooms] li', { text: 'Willow room' });
  await app.click('[data-testid=services-add]');
  await app.type('[data-testid=services-edit-name]', 'Deep tissue massage');
  await app.type('[data-testid=services-edit-durationMin]', '60');
  await app.type('[data-testid=services-edit-bufferMin]', '15');
  await app.type('[data-testid=services-edit-priceMinor]', '65.00');
  await app.click('[data-testid=services-save]');
  await app.find('[data-testid=services] li', { text: 'Deep tissue massage' });
});

test('the owner adds a therapist with a new diary column and a sign-in in one step', async (t) => {
  await app.click('[data-testid=nav-staff]');
  await app.find(row(OWNER.username));
  // A new therapist gets a new column named after them unless the owner picks another.
  await fillNewTherapist(app, THERAPIST);
  await app.screenshot('staff-new-therapist');
  await assertAccessible(app, t, 'the new staff member form');
  await app.click('[data-testid=staff-save]');
  assert.match(await app.text('[data-testid=staff-saved]'), /Lena Vogel can now sign in as lena/);
  assert.match(await app.text(`${row(THERAPIST.username)} [data-testid=staff-row-column]`), /Lena Vogel/);
  assert.equal(await app.shows(`${row(THERAPIST.username)} [data-testid=staff-unlinked]`), false);

  // The new column is in the diary, and a client booked in it (by the owner) is hers.
  await addClient(app, CLIENT);
  await app.click('[data-testid=nav-calendar]');
  const date = clinicDate(1);
  await book(app, {
    search: CLIENT.family,
    name: CLIENT.given,
    service: 'Deep tissue massage',
    therapist: THERAPIST.name,
    room: 'Willow',
    date,
    time: '10:00',
  });
  await app.gone('[data-testid=booking-dialog]', { timeout: 15_000 }).catch(async (error) => {
    await app.screenshot('staff-booking-failed');
    throw new Error(`${error.message}; the window shows:\n${await pageText()}`);
  });
});

test('signed in as the new therapist, she opens her client’s record without a reason', async () => {
  await signOut(app);
  await signIn(app, THERAPIST);
  await app.find('[data-testid=calendar]', { timeout: 30_000 });
  assert.match(await app.text('[data-testid=signed-in-as]'), /Lena Vogel/);
  await app.click('[data-testid=nav-clients]');
  await app.type('[data-testid=client-search]', CLIENT.family);
  await app.click('[data-testid=client-row]', { text: CLIENT.given, timeout: 20_000 });
  await app.find('[data-testid=client-form]', { timeout: 20_000 });
  await app.click('[data-testid=open-clinical-record]', { timeout: 20_000 });
  await app.find('[data-testid=clinical-record]', { timeout: 15_000 });
  assert.equal(await app.shows('[data-testid=break-glass]'), false, 'no reason was asked for');
  await app.screenshot('staff-therapist-opens-record');
});

test('after an owner’s reset, the therapist must choose a new password first', async (t) => {
  await app.click('[data-testid=nav-clients]');
  await signOut(app);
  await signIn(app, OWNER);
  await app.find('[data-testid=calendar]', { timeout: 30_000 });
  await app.click('[data-testid=nav-staff]');
  await app.click(`${row(THERAPIST.username)} [data-testid=staff-edit]`);
  await app.type('[data-testid=staff-reset-password]', 'temporary-2026');
  await app.click('[data-testid=staff-reset-save]');
  assert.match(await app.text('[data-testid=staff-saved]'), /Lena must choose a new password/);
  assert.match(
    await app.text(`${row(THERAPIST.username)} [data-testid=staff-row-status]`),
    /Must choose a new password/,
  );
  await app.screenshot('staff-reset-password');
  await assertAccessible(app, t, 'the staff screen with a sign-in open');
  await signOut(app);

  await signIn(app, { username: THERAPIST.username, password: THERAPIST.password });
  assert.match(await app.text('[data-testid=signin-error]'), /do not match/);
  await signIn(app, { username: THERAPIST.username, password: 'temporary-2026' });
  await app.find('[data-testid=must-change-screen]', { timeout: 20_000 });
  assert.equal(await app.shows('[data-testid=nav-calendar]'), false, 'nothing else until then');
  await app.type('[data-testid=password-current]', 'temporary-2026');
  await app.type('[data-testid=password-new]', 'temporary-2026');
  await app.type('[data-testid=password-repeat]', 'temporary-2026');
  await app.click('[data-testid=password-save]');
  assert.match(await app.text('[data-testid=error-newPassword]'), /different from the current one/);
  await app.screenshot('staff-choose-new-password');
  await assertAccessible(app, t, 'choose a new password');
  await app.type('[data-testid=password-new]', 'lena-own-choice');
  await app.type('[data-testid=password-repeat]', 'lena-own-choice');
  await app.click('[data-testid=password-save]');
  await app.find('[data-testid=calendar]', { timeout: 30_000 });
  await signOut(app);
  await signIn(app, { username: THERAPIST.username, password: 'lena-own-choice' });
  await app.find('[data-testid=calendar]', { timeout: 30_000 });
  assert.equal(await app.shows('[data-testid=must-change-screen]'), false);
});

test('every role reaches My account and sets their own PIN', async (t) => {
  await app.click('[data-testid=signed-in-as]');
  await app.click('[data-testid=my-account-open]');
  await app.find('[data-testid=my-account]');
  await app.type('[data-testid=my-pin-current]', 'lena-own-choice');
  await app.type('[data-testid=my-pin]', '4826');
  await app.click('[data-testid=my-pin-save]');
  assert.match(await app.text('[data-testid=my-account-saved]'), /Your PIN is saved/);
  await app.screenshot('staff-my-account');
  await assertAccessible(app, t, 'my account');
});

test('the owner sees why a therapist without a column cannot open records, and deactivates a leaver', async () => {
  await signOut(app);
  await signIn(app, OWNER);
  await app.find('[data-testid=calendar]', { timeout: 30_000 });
  await app.click('[data-testid=nav-staff]');
  await app.click('[data-testid=staff-add]');
  await app.type('[data-testid=staff-name]', 'Ben Hart');
  await app.type('[data-testid=staff-username]', 'ben');
  await app.type('[data-testid=staff-password]', 'ben-first-pass');
  await app.click('[data-testid=staff-role-therapist]');
  await app.choose('[data-testid=staff-column]', '');
  assert.match(await app.text('[data-testid=staff-unlinked-warning]'), /can’t open any client’s/);
  await app.click('[data-testid=staff-save]');
  assert.match(
    await app.text(`${row('ben')} [data-testid=staff-unlinked]`),
    /not linked to a diary column/,
  );
  await app.screenshot('staff-unlinked-therapist');

  await app.click(`${row('ben')} [data-testid=staff-edit]`);
  await app.click('[data-testid=staff-deactivate]');
  await app.click('[data-testid=staff-deactivate-confirm]');
  assert.match(await app.text('[data-testid=staff-saved]'), /Ben Hart can no longer sign in/);
  assert.match(await app.text(`${row('ben')} [data-testid=staff-row-status]`), /Inactive/);
  await app.find('[data-testid=staff-reactivate]');
});

test('the new therapist switches in with her PIN at the owner’s locked desk', async () => {
  await app.click('[data-testid=lock-now]');
  await app.click('[data-testid=switch-user]');
  await app.find('[data-testid=switch-person]').catch(async (error) => {
    await app.screenshot('staff-switch-failed');
    throw new Error(`${error.message}; the window shows:\n${await pageText()}`);
  });
  const people = await app.run(
    "return [...document.querySelectorAll('[data-testid=switch-person] option')].map((o) => o.text);",
  );
  assert.deepEqual(people, ['Lena Vogel'], 'only active staff with a PIN are offered');
  // The lock screen offers the first colleague who is not the one signed in: Lena.
  await app.type('[data-testid=switch-pin]', '4826');
  await app.click('[data-testid=switch-submit]');
  // The calendar shows behind a locked desk: wait for the desk to change hands.
  await app.find('[data-testid=signed-in-as]', { text: 'Lena Vogel', timeout: 30_000 });
  assert.equal(await app.shows('[data-testid=switch-pin]'), false, 'the lock screen is gone');
});
