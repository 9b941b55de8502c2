// The owner sets the clinic up in the real window: adds a service only one therapist offers,
// gives that therapist a week with two working blocks, and then a booking between the blocks is
// refused with the core's reason, while one inside them is taken. The owner (only) may then
// book between the blocks anyway, with a reason that stays on the appointment.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { App, addDays, clinicDate, weekdayOf } from './driver.mjs';

/**
 * A Wednesday three weeks or more ahead in the demo clinic's zone: past the demo's two weeks of
 * appointments, so only Maya's hours decide.
 */
function nextWednesday() {
  let day = clinicDate(21);
  while (weekdayOf(day) !== 3) day = addDays(day, 1);
  return day;
}
const WEDNESDAY = 3;
const bookingDay = nextWednesday();
const service = 'Hot stone massage';

let app;
let mayaId;
before(async () => {
  app = await App.launch();
});
after(async () => {
  await app?.quit();
});

/** The id of a therapist, from the list the page shows. */
async function therapistId(name) {
  return app.run(
    `const name = arguments[0];
     const row = [...document.querySelectorAll('[data-testid=therapist-hours]')]
       .find((b) => b.closest('li').innerText.includes(name));
     return row ? row.dataset.practitionerId : null;`,
    name,
  );
}

test('the owner opens the demo clinic and its set-up', async () => {
  await app.click('[data-testid=start-demo]');
  await app.click('[data-testid=demo-account][data-username=owner] [data-testid=demo-signin]', {
    timeout: 60_000,
  });
  await app.find('[data-testid=calendar]', { timeout: 30_000 });
  await app.click('[data-testid=nav-settings]');
  await app.click('[data-testid=settings-tab-therapists]');
  await app.find('[data-testid=therapist-hours]');
  mayaId = await therapistId('Maya Patel');
  assert.ok(mayaId, 'Maya Patel is listed');
});

test('the owner adds a service only Maya Patel offers', async () => {
  await app.click('[data-testid=settings-tab-services]');
  await app.click('[data-testid=services-add]');
  await app.type('[data-testid=services-edit-name]', service);
  await app.type('[data-testid=services-edit-durationMin]', '60');
  await app.type('[data-testid=services-edit-bufferMin]', '15');
  await app.type('[data-testid=services-edit-priceMinor]', '72.50');
  await app.click(`[data-testid=services-edit-offered][data-practitioner-id="${mayaId}"]`);
  await app.screenshot('setup-service-form');
  await app.click('[data-testid=services-save]');
  const row = await app.find('[data-testid=services] li', { text: service });
  const text = await app.textOf(row);
  assert.match(text, /Maya Patel/);
  assert.doesNotMatch(text, /All therapists/);
  assert.match(text, /72\.50/);
});

test('the owner gives Maya two working blocks on Wednesdays', async () => {
  await app.click('[data-testid=settings-tab-therapists]');
  await app.click(`[data-testid=therapist-hours][data-practitioner-id="${mayaId}"]`);
  await app.find(`[data-testid=hours-editor][data-practitioner-id="${mayaId}"]`);
  const day = `[data-testid=week-day][data-weekday="${WEDNESDAY}"]`;
  assert.equal(await app.count(`${day} [data-testid=work-block]`), 0, 'the demo has no hours');
  await app.click(`${day} [data-testid=work-add]`);
  await app.click(`${day} [data-testid=work-add]`);
  const block = (n, part) => `${day} [data-testid=work-block]:nth-child(${n}) [data-testid=block-${part}]`;
  await app.choose(block(1, 'start'), '09:00');
  await app.choose(block(1, 'end'), '12:00');
  await app.choose(block(2, 'start'), '13:00');
  await app.choose(block(2, 'end'), '17:00');
  await app.click('[data-testid=hours-save]');
  assert.match(await app.text('[data-testid=hours-saved]'), /Maya Patel's hours are saved/);
  // What the core saved comes back into the form.
  assert.equal(await app.count(`${day} [data-testid=work-block]`), 2);
  await app.screenshot('setup-therapist-hours');
});

async function book(time, [family, given] = ['Hughes', 'Oliver']) {
  await app.click('[data-testid=new-booking]');
  await app.find('[data-testid=booking-dialog]');
  await app.type('[data-testid=booking-client-search]', family);
  await app.click('[data-testid=booking-client-option]', { text: given });
  await app.chooseByLabel('[data-testid=booking-service]', service);
  await app.chooseByLabel('[data-testid=booking-practitioner]', 'Maya Patel');
  await app.chooseByLabel('[data-testid=booking-room]', 'Cedar');
  await app.choose('[data-testid=booking-date]', bookingDay);
  await app.choose('[data-testid=booking-time]', time);
  await app.click('[data-testid=booking-submit]');
}

test('a booking between Maya’s blocks is refused with the reason', async () => {
  await app.click('[data-testid=nav-calendar]');
  await book('12:15');
  const message = await app.text('[data-testid=error-start]');
  assert.match(
    message,
    /That is outside Maya Patel's working hours on Wednesdays \(09:00–12:00, 13:00–17:00\)/,
  );
  await app.screenshot('setup-booking-refused');
  // Inside Maya's blocks the same booking is taken (at the first time the demo's own bookings
  // leave free): whatever else may be refused, it is never for her hours.
  for (const time of ['09:00', '10:15', '13:00', '15:45', '16:00']) {
    await app.choose('[data-testid=booking-time]', time);
    await app.click('[data-testid=booking-submit]');
    const outcome = await settled();
    if (outcome === "booked") return;
    assert.doesNotMatch(outcome, /working hours/, `${time} is inside Maya's hours`);
  }
  assert.fail('no free time inside Maya’s blocks');
});

test('the owner books between the blocks anyway, with a reason kept on the appointment', async () => {
  // Zoë has a precaution on file: the dialog and the calendar show that one exists.
  await book('12:15', ['Łukasiewicz', 'Zoë']);
  assert.match(await app.text('[data-testid=booking-alert-flag]'), /Precaution on file/);
  assert.match(await app.text('[data-testid=error-start]'), /outside Maya Patel's working hours/);
  await app.find('[data-testid=booking-override]');
  await app.click('[data-testid=booking-submit]');
  assert.match(await app.text('[data-testid=error-overrideReason]'), /Say why/);
  await app.type('[data-testid=booking-override-reason]', 'Only free at lunch; Maya agreed');
  await app.click('[data-testid=booking-submit]');
  assert.equal(await settled(), 'booked');

  const event = `[data-testid=appointment][data-start="${bookingDay}T12:15"]`;
  assert.equal(await app.attribute(event, 'data-precaution'), 'true');
  assert.match(await app.attribute(event, 'aria-label'), /Zoë.*precaution on file/);
  await app.find(`${event} [data-testid=appointment-precaution-flag]`);
  await app.click(event);
  assert.equal(
    await app.text('[data-testid=override-reason-shown]'),
    'Only free at lunch; Maya agreed',
  );
  await app.find('[data-testid=appointment-panel] [data-testid=appointment-precaution]');
  await app.screenshot('setup-booked-outside-hours');
});

/** After submitting: 'booked' once the dialog closes, or the refusal the dialog shows. */
async function settled() {
  for (let waited = 0; waited < 10_000; waited += 150) {
    if (!(await app.shows('[data-testid=booking-dialog]'))) return 'booked';
    const refusal = await app.run(
      `const el = document.querySelector('[data-testid=booking-dialog] [role=alert]');
       return el ? el.innerText : null;`,
    );
    if (refusal) return refusal;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error('the booking dialog neither closed nor refused');
}
