// A therapist's end of session, in the real window: plan three handouts for the visit, change
// one dosage, preview the sheet, print it, and find it with its hash in the document history.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { App, clinicDate } from './driver.mjs';

const handouts = ['Side neck stretch', 'Slow belly breathing', 'Cat and cow back movement'];
const therapists = ['Maya Patel', 'Tom Okafor', 'Hannah Berg'];
let therapist;

/** Adds a handout from the open picker; a click while the previous add is busy is retried. */
async function addHandout(title) {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (!(await app.shows('[data-testid=handout-search]'))) await app.click('[data-testid=add-handouts]');
    await app.type('[data-testid=handout-search]', title.split(' ').slice(-2).join(' '));
    await app.click('[data-testid=handout-option]', { text: title });
    if (await app.find('[data-testid=programme-item]', { text: title, timeout: 5_000 }).catch(() => null)) return;
  }
  throw new Error(`"${title}" was not added to the programme`);
}

let app;
before(async () => {
  app = await App.launch();
  await app.click('[data-testid=start-demo]');
  await app.click('[data-testid=demo-account][data-username=maya] [data-testid=demo-signin]', {
    timeout: 60_000,
  });
  await app.find(`[data-testid=calendar][data-date="${clinicDate()}"]`, { timeout: 30_000 });
});
after(async () => {
  await app?.quit();
});

test('the therapist opens a visit’s self-care and adds three handouts from the library', async () => {
  // One of Maya's own visits (another therapist's client may be closed to her: shared care is
  // off in the demo), on the first day from tomorrow that has one: a visit still to come has no
  // self-care programme yet (the demo plans the past week's), whatever day the test runs on.
  let mine = null;
  for (let day = 1; day <= 7 && mine === null; day += 1) {
    await app.click('[data-testid=calendar-next]');
    const date = clinicDate(day);
    await app.find(`[data-testid=calendar][data-date="${date}"]`);
    const visit = `[data-testid=appointment][data-start^="${date}"][aria-label*="with Maya Patel"]`;
    if (await app.find(visit, { timeout: 3_000 }).catch(() => null)) mine = visit;
  }
  assert.ok(mine, 'Maya has a visit in the coming week');
  await app.click(mine);
  const panel = await app.text('[data-testid=appointment-panel]');
  therapist = therapists.find((name) => panel.includes(name));
  assert.ok(therapist, `the panel names the therapist (${panel})`);
  await app.click('[data-testid=open-aftercare]');
  await app.find('[data-testid=aftercare-screen]');
  // Counted once the programme has loaded (the form appears with it), not while "Opening…".
  await app.find('[data-testid=worked-on]');
  const before = await app.count('[data-testid=programme-item]');
  await app.type('[data-testid=worked-on]', 'We eased the tight muscles in your neck and upper back.');
  await app.click('[data-testid=save-notes]');
  for (const title of handouts) await addHandout(title);
  assert.equal(await app.count('[data-testid=programme-item]'), before + 3);
});

test('changing one dosage shows it in plain words', async () => {
  const item = await app.find('[data-testid=programme-item]', { text: handouts[0] });
  const id = await app.run('return arguments[0].dataset.itemId;', app.ref(item));
  const within = `[data-testid=programme-item][data-item-id="${id}"]`;
  await app.type(`${within} [data-testid=dosage-hold-seconds]`, '45');
  await app.type(`${within} [data-testid=dosage-repetitions]`, '5');
  await app.click(`${within} [data-testid=item-save]`);
  await app.find(`${within} [data-testid=dosage-text]`, { text: 'Hold for 45 seconds, 5 times' });
});

test('the preview shows the sheet the client will take home', async () => {
  await app.click('[data-testid=aftercare-preview]');
  const preview = await app.text('[data-testid=preview-sheet]');
  for (const text of [...handouts, 'Hold for 45 seconds, 5 times', 'When to seek help', therapist]) {
    assert.ok(preview.includes(text), `the preview shows "${text}"`);
  }
  await app.screenshot('aftercare-preview');
});

test('printing produces the PDF and the document history lists it with its hash', async () => {
  await app.click('[data-testid=aftercare-print]');
  const done = await app.text('[data-testid=print-done]', { timeout: 30_000 });
  const printed = readdirSync(app.printDir).filter((name) => name.endsWith('.pdf'));
  assert.equal(printed.length, 1);
  const pdf = join(app.printDir, printed[0]);
  const text = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, ' ');
  for (const title of handouts) assert.ok(text.includes(title), `the PDF has "${title}"`);
  const sha256 = execFileSync('sha256sum', [pdf]).toString().split(' ')[0];
  const row = await app.find(`[data-testid=document-history] [data-testid=document-row][data-sha256="${sha256}"]`);
  assert.ok(row, 'the history row carries the printed file’s SHA-256');
  assert.ok(done.replace(/\s/g, '').includes(sha256.slice(0, 8)), `the confirmation names the hash (${done})`);
  await app.screenshot('aftercare-printed');
});
