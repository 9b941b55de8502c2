// The installed Palma, as a clinic gets it: the test command builds the Debian package, installs
// it with dpkg, and runs this file with PALMA_DESKTOP_BINARY set to the program the package put
// on the system. It checks what the package installed (program, menu entry, icon, licence), then
// starts the installed program in the real window and signs in to the demo clinic.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { App, clinicDate } from '../desktop/driver.mjs';

const binary = process.env.PALMA_DESKTOP_BINARY ?? '';
const installed = () => execFileSync('dpkg-query', ['-L', 'palma'], { encoding: 'utf8' }).split('\n');

let app;
after(async () => {
  await app?.quit();
});

test('the package installs the program, its menu entry, icon and licence', () => {
  const files = installed();
  assert.ok(files.includes(binary), `${binary} is not a file of the installed package`);
  const entryPath = files.find((file) => file.startsWith('/usr/share/applications/') && file.endsWith('.desktop'));
  assert.ok(entryPath, 'the package has no menu entry');
  const entry = readFileSync(entryPath, 'utf8');
  assert.match(entry, /^Name=Palma$/m);
  assert.match(entry, new RegExp(`^Exec=${binary.split('/').pop()}`, 'm'));
  const icon = entry.match(/^Icon=(.+)$/m)?.[1];
  assert.ok(files.some((file) => file.startsWith('/usr/share/icons/') && file.endsWith(`/${icon}.png`)), `no icon named ${icon}`);
  const licence = readFileSync('/usr/share/doc/palma/copyright', 'utf8');
  assert.match(licence, /GNU AFFERO GENERAL PUBLIC LICENSE/);
  const version = execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'palma'], { encoding: 'utf8' });
  const cargo = readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8');
  assert.equal(version, cargo.match(/^version = "(.+)"$/m)?.[1], 'the package version is the workspace version');
});

test('the installed program opens the demo clinic and signs the owner in', async () => {
  app = await App.launch();
  await app.click('[data-testid=start-demo]');
  await app.click('[data-testid=demo-account][data-username=owner] [data-testid=demo-signin]', { timeout: 60_000 });
  await app.find('[data-testid=calendar]', { timeout: 30_000 });
  assert.match(await app.text('[data-testid=clinic-name]'), /Riverside Massage/);
  assert.equal(await app.attribute('[data-testid=calendar]', 'data-date'), clinicDate());
  await app.find('[data-testid=appointment]');
  await app.screenshot('installed-app');
});
