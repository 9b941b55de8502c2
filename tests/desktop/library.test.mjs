// The clinic curates its self-care library in the real window: find a handout, edit it into a
// new version, and duplicate it as one of its own.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { App } from './driver.mjs';

let app;
before(async () => {
  app = await App.launch();
  await app.click('[data-testid=start-demo]');
  await app.click('[data-testid=demo-account][data-username=owner] [data-testid=demo-signin]', {
    timeout: 60_000,
  });
  await app.find('[data-testid=calendar]', { timeout: 30_000 });
});
after(async () => {
  await app?.quit();
});

test('the owner finds a handout and saves an edit as a new version', async () => {
  await app.click('[data-testid=nav-handouts]');
  await app.find('[data-testid=handouts-page]');
  await app.type('[data-testid=handouts-search]', 'neck stretch');
  await app.click('[data-testid=handouts-row]', { text: 'Side neck stretch' });
  await app.find('[data-testid=handout-form]');
  await app.type('[data-testid=handout-title]', 'Gentle side neck stretch');
  await app.click('[data-testid=handout-save]');
  assert.match(await app.text('[data-testid=handout-saved]'), /version 2/i);
  await app.find('[data-testid=handouts-row]', { text: 'Gentle side neck stretch' });
  await app.screenshot('handout-library');
});

test('duplicating makes one of the clinic’s own', async () => {
  await app.click('[data-testid=handout-duplicate]');
  await app.find('[data-testid=handouts-row]', { text: 'Gentle side neck stretch (copy)' });
  const title = await app.run("return document.querySelector('[data-testid=handout-title]').value;");
  assert.equal(title, 'Gentle side neck stretch (copy)');
});
