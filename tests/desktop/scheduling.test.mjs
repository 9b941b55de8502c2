// A busy front desk's day in the real window (demo clinic, signed in as reception): book from a
// free slot, find a time, drag an appointment to another therapist, be refused a drag (it snaps
// back with the reason), book a course with a clash shown first, add someone to the waiting
// list, cancel one occurrence and book the freed slot from the offer, print the day sheet.
//
// Drags use WebDriver's Actions API (real pointer events from WebKitWebDriver), which moves
// @event-calendar like a person's mouse; no synthetic events are dispatched from the page.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { App, addDays, clinicDate, weekdayOf } from './driver.mjs';

/**
 * The Wednesday 15 to 21 days ahead: past the demo's two weeks of appointments (this week and
 * next), so the day holds only what these tests book, whatever date they run on.
 */
function quietWednesday() {
  let date = clinicDate(15);
  while (weekdayOf(date) !== 3) date = addDays(date, 1);
  return date;
}
const day = quietWednesday();
const nextWeek = addDays(day, 7);
const weekday = weekdayOf(day);

let app;
before(async () => {
  app = await App.launch();
});
after(async () => {
  await app?.quit();
});

/** Shows `date` in the day view through the mini month (turning its page when needed). */
async function goTo(date) {
  await app.click('[data-testid=view-day]');
  const cell = `[data-testid=mini-month-day][data-date="${date}"]`;
  for (let turns = 0; !(await app.shows(cell)) && turns < 3; turns += 1) {
    const first = await app.attribute('[data-testid=mini-month-day]', 'data-date');
    await app.click(date < first ? '[data-testid=mini-month-prev]' : '[data-testid=mini-month-next]');
  }
  await app.click(cell);
  await app.find(`[data-testid=calendar][data-date="${date}"]`);
}

/** The viewport point of `time` in `therapist`'s column, scrolled into view. */
async function slotPoint(therapist, time) {
  return app.run(
    `const [name, time] = arguments;
     const head = [...document.querySelectorAll('.ec-col-head')].find((h) => h.innerText.includes(name));
     const main = document.querySelector('.ec-main');
     const [h, m] = time.split(':').map(Number);
     // 08:00 is the grid's first row; each row is 15 minutes, 18 px high (CalendarGrid).
     const offset = ((h * 60 + m - 8 * 60) / 15) * 18;
     main.scrollTop = Math.max(0, offset - 250);
     const top = document.querySelector('.ec-body').getBoundingClientRect().top;
     const r = head.getBoundingClientRect();
     return [r.left + r.width / 2, top + offset + 6];`,
    therapist,
    time,
  );
}

/** The grab point (near its top, away from the resize handle) of the appointment of `client`. */
async function grabPoint(client) {
  const id = await app.find('[data-testid=appointment]', { text: client });
  return app.run(
    'const r = arguments[0].getBoundingClientRect(); return [r.left + r.width / 2, r.top + 8];',
    app.ref(id),
  );
}

async function chooseClient(search, name) {
  await app.type('[data-testid=booking-client-search]', search);
  await app.click('[data-testid=booking-client-option]', { text: name });
}

/** The chosen option's text, once the dialog has loaded its lists (empty until then). */
async function selectedText(css) {
  const id = await app.find(css);
  for (let tries = 0; ; tries += 1) {
    const text = await app.run('return arguments[0].selectedOptions[0]?.text ?? "";', app.ref(id));
    if (!/^(Choose|Loading)|^$/.test(text) || tries > 40) return text;
    await sleep(150);
  }
}

test('reception signs in to the demo clinic and opens a quiet day from the mini month', async () => {
  await app.click('[data-testid=start-demo]');
  await app.click('[data-testid=demo-account][data-username=reception] [data-testid=demo-signin]', {
    timeout: 60_000,
  });
  await app.find('[data-testid=appointment]', { timeout: 30_000 });
  await goTo(day);
});

test('a click on a free slot opens the booking dialog filled in with it', async () => {
  await app.pointer(await slotPoint('Maya Patel', '19:00'));
  await app.find('[data-testid=booking-dialog]');
  assert.equal(await selectedText('[data-testid=booking-practitioner]'), 'Maya Patel');
  assert.equal(await app.run("return document.querySelector('[data-testid=booking-date]').value"), day);
  assert.equal(await app.run("return document.querySelector('[data-testid=booking-time]').value"), '19:00');
  await chooseClient('Okonkwo', 'Amara');
  await app.chooseByLabel('[data-testid=booking-service]', 'Sports massage');
  await app.chooseByLabel('[data-testid=booking-room]', 'Willow');
  await app.click('[data-testid=booking-submit]');
  await app.gone('[data-testid=booking-dialog]');
  const booked = await app.find('[data-testid=appointment]', { text: 'Amara' });
  assert.match(await app.attribute(`[data-appointment-id="${await idOf(booked)}"]`, 'aria-label'), /with Maya Patel/);
});

async function idOf(element) {
  return app.run('return arguments[0].dataset.appointmentId;', app.ref(element));
}

test('dragging an appointment to another therapist’s column moves it there', async () => {
  const from = await grabPoint('Amara');
  const [toX] = await slotPoint('Tom Okafor', '19:00');
  await app.pointer(from, [toX, from[1]]);
  assert.match(await app.text('[data-testid=calendar-notice]'), /Moved Amara Okonkwo/);
  // The core accepted it: the calendar reloads with the appointment now Tom's.
  await app.find('[data-testid=appointment][aria-label*="with Tom Okafor"]', { text: 'Amara' });
});

test('a drag the core refuses snaps back, with its reason shown', async () => {
  // Hannah is busy at 19:00…
  await app.pointer(await slotPoint('Hannah Berg', '19:00'));
  await app.find('[data-testid=booking-dialog]');
  await chooseClient('Hughes', 'Oliver');
  await app.chooseByLabel('[data-testid=booking-service]', 'Sports massage');
  await app.chooseByLabel('[data-testid=booking-room]', 'Cedar');
  await app.click('[data-testid=booking-submit]');
  await app.gone('[data-testid=booking-dialog]');
  await app.find('[data-testid=appointment]', { text: 'Hughes' });

  // …so dropping Amara's appointment on her column is refused.
  const from = await grabPoint('Amara');
  const [toX] = await slotPoint('Hannah Berg', '19:00');
  await app.pointer(from, [toX, from[1]]);
  const reason = await app.text('[data-testid=calendar-refusal]');
  assert.match(reason, /Hannah Berg is already booked from 19:00 to 19:45/);
  await sleep(500);
  const [x] = await grabPoint('Amara');
  assert.ok(Math.abs(x - from[0]) < 2, `the appointment is back in Tom's column (${x} vs ${from[0]})`);
  await app.find('[data-testid=appointment][aria-label*="with Tom Okafor"]', { text: 'Amara' });
  await app.screenshot('drag-refused');
});

test('find a time lists free slots and books the one picked', async () => {
  await app.click('[data-testid=find-time]');
  await app.find('[data-testid=find-time-dialog]');
  await app.chooseByLabel('[data-testid=find-service]', 'Sports massage');
  // Named, the client's own appointments are avoided too; the booking starts with them chosen.
  await app.type('[data-testid=find-client-search]', 'Raman');
  await app.click('[data-testid=find-client-option]', { text: 'Priya' });
  await app.chooseByLabel('[data-testid=find-practitioner]', 'Maya Patel');
  await app.click('[data-testid=find-search]');
  const slot = await app.find('[data-testid=find-slot]');
  const start = await app.run('return arguments[0].dataset.start;', app.ref(slot));
  await app.screenshot('find-a-time');
  await app.click('[data-testid=find-slot]');
  await app.find('[data-testid=booking-dialog]');
  assert.match(await selectedText('[data-testid=booking-service]'), /Sports massage/);
  assert.equal(await selectedText('[data-testid=booking-practitioner]'), 'Maya Patel');
  assert.equal(await app.run("return document.querySelector('[data-testid=booking-time]').value"), start.slice(11));
  assert.equal(
    await app.run("return document.querySelector('[data-testid=booking-client-search]').value"),
    'Priya Raman',
  );
  await app.click('[data-testid=booking-submit]');
  await app.gone('[data-testid=booking-dialog]');
  await app.find(`[data-testid=calendar][data-date="${start.slice(0, 10)}"]`);
  await app.find(`[data-testid=appointment][data-start="${start}"]`, { text: 'Priya' });
});

test('a weekly course shows its clash before anything is booked, then books the rest', async () => {
  await goTo(day);
  await app.click('[data-testid=new-booking]');
  await chooseClient('Fitzgerald', 'Liam');
  await app.chooseByLabel('[data-testid=booking-service]', 'Sports massage');
  await app.chooseByLabel('[data-testid=booking-practitioner]', 'Hannah Berg');
  await app.chooseByLabel('[data-testid=booking-room]', 'Cedar');
  await app.choose('[data-testid=booking-date]', day);
  await app.choose('[data-testid=booking-time]', '19:00');
  await app.click('[data-testid=booking-repeat]');
  await app.choose('[data-testid=repeat-count]', '7');
  await app.click('[data-testid=booking-submit]'); // checks the dates first
  await app.find(`[data-testid=series-occurrence][data-date="${addDays(day, 42)}"]`);
  assert.equal(await app.count('[data-testid=series-occurrence]'), 7);
  assert.equal(await app.count('[data-testid=series-occurrence][data-clash=true]'), 1);
  assert.match(
    await app.text(`[data-testid=series-occurrence][data-date="${day}"]`),
    /Hannah Berg is already booked/,
  );
  assert.match(await app.text('[data-testid=series-summary]'), /6 of 7 will be booked/);
  await app.screenshot('course-preview');
  await app.click('[data-testid=booking-submit]');
  await app.gone('[data-testid=booking-dialog]');
  assert.match(await app.text('[data-testid=calendar-notice]'), /Booked a course of 6 for Liam Fitzgerald/);
});

test('cancelling one occurrence offers the slot to the waiting list, and books from it', async () => {
  await app.click('[data-testid=open-waitlist]');
  await app.click('[data-testid=waitlist-add]');
  await chooseClient('José', 'Álvarez');
  await app.chooseByLabel('[data-testid=waitlist-service]', 'Sports massage');
  await app.run(
    `const [day] = arguments;
     for (const box of document.querySelectorAll('[data-testid=waitlist-practitioner]'))
       if (box.parentElement.innerText.includes('Hannah Berg')) box.click();
     for (const box of document.querySelectorAll('[data-testid=waitlist-weekday]'))
       if (box.value === String(day)) box.click();
     for (const box of document.querySelectorAll('[data-testid=waitlist-time-of-day]'))
       if (box.value === 'evening') box.click();`,
    weekday,
  );
  await app.chooseByLabel('[data-testid=waitlist-urgency]', 'Soon');
  await app.click('[data-testid=waitlist-save]');
  await app.find('[data-testid=waitlist-entry]', { text: 'Álvarez' });
  await app.screenshot('waiting-list');

  await goTo(nextWeek);
  await app.click('[data-testid=appointment]', { text: 'Liam' });
  await app.find('[data-testid=appointment-series]');
  await app.type('[data-testid=cancel-reason]', 'Away that week');
  await app.click('[data-testid=cancel-scope-one]');
  await app.click('[data-testid=cancel-submit]');
  const offer = await app.find('[data-testid=waitlist-offer]', { text: 'Álvarez' });
  assert.match(await app.textOf(offer), /Hannah Berg/);
  // The number to ring is on the offer; "Book" asks before it books.
  assert.match(await app.textOf(offer), /07700 900003/);
  await app.screenshot('waiting-list-offer');
  await app.click('[data-testid=offer-book]');
  await app.find('[data-testid=offer-confirm]');
  await app.screenshot('waiting-list-offer-confirm');
  await app.click('[data-testid=offer-confirm]');
  await app.gone('[data-testid=waitlist-offers]');
  await app.find(`[data-testid=appointment][data-start="${nextWeek}T19:00"]`, { text: 'Álvarez' });
  // The rest of the course is untouched.
  await goTo(addDays(nextWeek, 7));
  await app.find('[data-testid=appointment]', { text: 'Liam' });
});

test('the day sheet prints as a PDF naming the therapists; an appointment saves as .ics', async () => {
  await goTo(day);
  await app.click('[data-testid=print-day-sheet]');
  await app.find('[data-testid=day-sheet-done]');
  const files = readdirSync(app.printDir).filter((f) => f.endsWith('.pdf'));
  assert.equal(files.length, 1);
  const text = execFileSync('pdftotext', ['-layout', join(app.printDir, files[0]), '-'], {
    encoding: 'utf8',
  });
  for (const name of ['Maya Patel', 'Tom Okafor', 'Hannah Berg', 'Hughes', 'Okonkwo']) {
    assert.match(text, new RegExp(name));
  }

  // The shell's save_file writes to PALMA_PRINT_DIR without asking (tests, kiosks).
  await app.click('[data-testid=appointment]', { text: 'Hughes' });
  await app.click('[data-testid=appointment-ics]');
  await app.find('[data-testid=ics-saved]');
  const ics = readdirSync(app.printDir).filter((f) => f.endsWith('.ics'));
  assert.equal(ics.length, 1);
  assert.match(readFileSync(join(app.printDir, ics[0]), 'utf8'), /BEGIN:VEVENT/);
});

test('the week view shows every therapist’s week', async () => {
  if (await app.shows('[data-testid=appointment-panel]')) await app.click('[aria-label="Close details"]');
  await app.click('[data-testid=view-week]');
  await app.find('[data-testid=calendar][data-mode=week]');
  // Narrow week columns show initials; the full details are in each appointment's label.
  await app.find('[data-testid=appointment][aria-label*="Hughes"]');
  await app.screenshot('calendar-week');
  await app.click('[data-testid=view-rooms]');
  await app.find('.ec-col-head', { text: 'Willow room' });
  await app.screenshot('calendar-rooms');
});
