// Reception's first morning with Palma, in the real window: open the demo clinic, sign in as
// the receptionist, add a client, book them, see the booking, be refused a double booking,
// cancel.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { App, clinicDate } from './driver.mjs';
import { addClient, book } from './steps.mjs';

/** Today in the demo clinic's time zone, as the calendar names it. */
const today = clinicDate();
const client = { given: 'Aroha', family: 'Ngata-Whitcombe', phone: '07700 900555' };

let app;
before(async () => {
  app = await App.launch();
});
after(async () => {
  await app?.quit();
});

test('a newcomer opens the demo clinic, signs in as reception and sees today’s calendar', async () => {
  await app.click('[data-testid=start-demo]');
  await app.click('[data-testid=demo-account][data-username=reception] [data-testid=demo-signin]', {
    timeout: 60_000,
  });
  await app.find('[data-testid=calendar]', { timeout: 30_000 });
  assert.match(await app.text('[data-testid=signed-in-as]'), /Sam Whitaker/);
  assert.match(await app.text('[data-testid=clinic-name]'), /Riverside Massage/);
  assert.equal(await app.attribute('[data-testid=calendar]', 'data-date'), today);
  await app.find('[data-testid=appointment]');
  await app.screenshot('calendar-demo');
});

test('reception adds a new client', async () => {
  await addClient(app, client);
  await app.type('[data-testid=client-search]', 'aroha');
  await app.find('[data-testid=client-row]', { text: client.family });
});

async function openBooking(search, name, { room, time }) {
  await book(app, {
    search,
    name,
    service: 'Sports massage',
    therapist: 'Maya Patel',
    room,
    date: today,
    time,
  });
}

test('reception books the client with a therapist and sees it on the calendar', async () => {
  await app.click('[data-testid=nav-calendar]');
  await openBooking('Ngata', client.family, { room: 'Willow', time: '19:00' });
  await app.gone('[data-testid=booking-dialog]');
  const booked = await app.find('[data-testid=appointment]', { text: client.given });
  assert.match(await app.textOf(booked), /Sports massage/);
  await app.screenshot('calendar-booked');
});

test('booking the same therapist over it is refused with the reason', async () => {
  await openBooking('Hughes', 'Oliver', { room: 'Cedar', time: '19:15' });
  const message = await app.text('[data-testid=error-practitionerId]');
  assert.match(message, /Maya Patel is already booked from 19:00 to 19:45/);
  await app.screenshot('booking-conflict');
  await app.keys('\uE00C'); // Escape closes the dialog
  await app.gone('[data-testid=booking-dialog]');
  assert.equal(await app.count('[data-testid=appointment][data-status=booked]') > 0, true);
});

test('reception cancels the booking with a reason and it leaves the calendar', async () => {
  await app.click('[data-testid=appointment]', { text: client.given });
  await app.find('[data-testid=appointment-panel]');
  await app.type('[data-testid=cancel-reason]', 'Client phoned: work meeting');
  await app.click('[data-testid=cancel-submit]');
  await app.gone('[data-testid=appointment]', { text: client.given });
  await app.screenshot('calendar');
});
