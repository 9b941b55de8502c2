// Live refresh across computers: two Palma windows, each as if on its own computer (its own
// D-Bus session, so the single-instance plugin cannot merge them, and its own runtime and data
// folders), share one PostgreSQL database. A booking made in one appears in the other's open
// calendar — from the journal's change feed, which every window polls — within 2 seconds.
//
// Needs a PostgreSQL server: PALMA_TEST_POSTGRES=postgres://user@host:port/db (scripts/test
// passes its throw-away server). Each run makes a fresh database on it.

import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { App, clinicDate } from './driver.mjs';

const server = process.env.PALMA_TEST_POSTGRES;
const skip = server
  ? false
  : 'needs PostgreSQL: set PALMA_TEST_POSTGRES=postgres://user@host:port/postgres (scripts/test does)';

const today = clinicDate();
const client = { given: 'Wiremu', family: 'Live-Refresh', phone: '07700 900321' };
const LIMIT_MS = 2000;
const eveningTimes = ['18:00', '18:30', '19:00', '19:30', '20:00', '20:30', '21:00', '21:30', '22:00'];

/**
 * Resolves with the moment the client has `n` live bookings committed (visible to another
 * connection): the database is asked every 20 ms, independently of either window.
 */
async function committed(databaseUrl, family, n, stop) {
  const sql =
    'SELECT count(*) FROM appointments a JOIN clients c ON c.id = a.client_id ' +
    `WHERE c.family_name = '${family}' AND a.status <> 'cancelled'`;
  while (!stop.done) {
    const count = await new Promise((resolve, reject) =>
      execFile('psql', [databaseUrl, '-tAc', sql], (error, out) => (error ? reject(error) : resolve(out))),
    );
    if (Number(count.trim()) >= n) return performance.now();
    await sleep(20);
  }
  return null;
}

/** A new, empty database on the server; returns its URL. */
function freshDatabase() {
  const name = `palma_live_${randomUUID().replaceAll('-', '')}`;
  execFileSync('psql', [server, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${name}`]);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A computer of its own: a private D-Bus session (or none, when dbus-daemon is missing — the
 * plugin then starts normally too) and private runtime, data, config and cache folders.
 */
async function computer(name) {
  const home = mkdtempSync(join(tmpdir(), `palma-${name}-`));
  const env = {
    XDG_RUNTIME_DIR: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(home, 'no-bus')}`,
    NO_AT_BRIDGE: '1',
  };
  let bus = null;
  try {
    bus = spawn(
      'dbus-daemon',
      ['--session', '--nofork', '--print-address=1', `--address=unix:path=${join(home, 'bus')}`],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const address = await new Promise((resolve, reject) => {
      bus.on('error', reject);
      bus.stdout.once('data', (chunk) => resolve(String(chunk).trim()));
    });
    env.DBUS_SESSION_BUS_ADDRESS = address;
    process.on('exit', () => bus.kill());
  } catch {
    bus = null;
  }
  return { env, stop: () => bus?.kill() };
}

async function signIn(app, username) {
  await app.click(`[data-testid=demo-account][data-username=${username}] [data-testid=demo-signin]`, {
    timeout: 60_000,
  });
  await app.find('[data-testid=calendar]', { timeout: 30_000 });
  assert.equal(await app.attribute('[data-testid=calendar]', 'data-date'), today);
}

/** How many appointments with `text` `app`'s calendar shows, asked of the page directly. */
function appointmentsShown(app, text) {
  return app.run(
    `return [...document.querySelectorAll('[data-testid=appointment]')]
       .filter((el) => el.getClientRects().length > 0 && el.innerText.includes(arguments[0])).length;`,
    text,
  );
}

/** Resolves with the moment `app`'s calendar shows `n` appointments with `text`. */
async function shown(app, text, n, stop) {
  while (!stop.done) {
    if ((await appointmentsShown(app, text)) >= n) return performance.now();
    await sleep(25);
  }
  return null;
}

/** Opens `app`'s booking dialog filled in for the client with Maya, today, bar the time. */
async function openBooking(app) {
  await app.click('[data-testid=new-booking]');
  await app.find('[data-testid=booking-dialog]');
  await app.type('[data-testid=booking-client-search]', client.family);
  await app.click('[data-testid=booking-client-option]', { text: client.given });
  await app.chooseByLabel('[data-testid=booking-service]', 'Sports massage');
  await app.chooseByLabel('[data-testid=booking-practitioner]', 'Maya Patel');
  await app.chooseByLabel('[data-testid=booking-room]', 'Willow');
  await app.choose('[data-testid=booking-date]', today);
}

/** Submits the open booking dialog; 'booked' once it closes, else the refusal it shows. */
async function submitBooking(app) {
  await app.click('[data-testid=booking-submit]');
  for (let waited = 0; waited < 10_000; waited += 50) {
    if (!(await app.shows('[data-testid=booking-dialog]'))) return 'booked';
    const refusal = await app.run(
      `const el = document.querySelector('[data-testid=booking-dialog] [role=alert]');
       return el ? el.innerText : null;`,
    );
    if (refusal) return refusal;
    await sleep(50);
  }
  throw new Error('the booking dialog neither closed nor refused');
}

describe('two windows on one PostgreSQL database', { skip }, () => {
  let reception;
  let treatment;
  let databaseUrl;
  const computers = [];

  before(async () => {
    databaseUrl = freshDatabase();
    for (const name of ['reception', 'treatment-room']) computers.push(await computer(name));
    reception = await App.launch({ databaseUrl, env: computers[0].env });
    await reception.click('[data-testid=start-demo]');
    await signIn(reception, 'reception');
    // The second window opens once the clinic exists, as a second seat would.
    treatment = await App.launch({ databaseUrl, env: computers[1].env });
    await signIn(treatment, 'maya');
  });

  after(async () => {
    await reception?.quit();
    await treatment?.quit();
    for (const one of computers) one.stop();
  });

  test('both windows run at once (the single-instance plugin did not merge them)', async () => {
    assert.match(await reception.text('[data-testid=signed-in-as]'), /Sam Whitaker/);
    assert.match(await treatment.text('[data-testid=signed-in-as]'), /Maya Patel/);
  });

  test('a booking made at reception appears in the treatment room within 2 seconds', async () => {
    await reception.click('[data-testid=nav-clients]');
    await reception.click('[data-testid=new-client]');
    await reception.type('[data-testid=client-given-name]', client.given);
    await reception.type('[data-testid=client-family-name]', client.family);
    await reception.type('[data-testid=client-phone]', client.phone);
    await reception.click('[data-testid=client-save]');
    await reception.find('[data-testid=client-row]', { text: client.family });
    await reception.click('[data-testid=nav-calendar]');
    assert.equal(await appointmentsShown(treatment, client.family), 0);

    // A machine shared by many builds can starve both windows for seconds at a time, so up to
    // three bookings are timed; a feed that is broken or slower than the limit fails them all.
    const delays = [];
    for (let n = 1; n <= 3 && !delays.some((d) => d <= LIMIT_MS); n++) {
      const timing = await bookAndWatch(n);
      delays.push(timing.seen - timing.savedAt);
      console.log(
        `live refresh: booking ${n} appeared in the other window ${timing.seen - timing.savedAt} ms ` +
          `after it was committed (reception's dialog closed ${timing.booked - timing.savedAt} ms ` +
          `after the commit; ${timing.seen - timing.submitted} ms from pressing "Book appointment")`,
      );
    }
    await treatment.screenshot('live-other-window');
    assert.ok(
      delays.some((d) => d <= LIMIT_MS),
      `appeared after ${delays.join(', ')} ms (limit ${LIMIT_MS} ms)`,
    );
  });

  /** Reception books the client's `n`th appointment; times its arrival in the other window. */
  async function bookAndWatch(n) {
    await openBooking(reception);
    const stop = { done: false };
    const commit = committed(databaseUrl, client.family, n, stop);
    // The other window is watched from now on, alongside reception (each has its own driver).
    const arrival = shown(treatment, client.family, n, stop);
    let booked = null;
    let submitted = 0;
    // The demo's own bookings are random: take the next late time that is free.
    while (eveningTimes.length > 0 && !booked) {
      await reception.choose('[data-testid=booking-time]', eveningTimes.shift());
      submitted = performance.now();
      if ((await submitBooking(reception)) === 'booked') booked = performance.now();
    }
    if (!booked) stop.done = true;
    assert.ok(booked, 'reception could book a free evening time');
    const timeout = sleep(15_000).then(() => null);
    const [savedAt, seen] = [await Promise.race([commit, timeout]), await Promise.race([arrival, timeout])];
    stop.done = true;
    assert.ok(savedAt, 'the booking is in the database');
    assert.ok(seen, `booking ${n} never appeared in the other window`);
    return { submitted, booked, savedAt, seen };
  }

  test('a cancellation in the treatment room leaves reception’s calendar too', async () => {
    const one = await treatment.click('[data-testid=appointment]', { text: client.family });
    const id = await treatment.run('return arguments[0].dataset.appointmentId;', treatment.ref(one));
    await treatment.find(`[data-testid=appointment-panel][data-appointment-id="${id}"]`);
    await treatment.type('[data-testid=cancel-reason]', 'Client phoned the treatment room');
    await treatment.click('[data-testid=cancel-submit]');
    await treatment.gone(`[data-testid=appointment][data-appointment-id="${id}"]`);
    const cancelled = performance.now();
    await reception.gone(`[data-testid=appointment][data-appointment-id="${id}"]`, { timeout: 15_000 });
    console.log(`live refresh: the cancellation reached reception in ${performance.now() - cancelled} ms`);
  });

  test('an unattended window locks while the other seat keeps working', async () => {
    // Reception is in use (a person's click); then the owner's desk policy, set in the shared
    // database: lock after one idle minute.
    await reception.click('[data-testid=nav-calendar]');
    execFileSync('psql', [databaseUrl, '-v', 'ON_ERROR_STOP=1', '-qc', 'UPDATE security_settings SET idle_lock_minutes = 1']);
    // From here nobody touches the treatment room's window. Reception books once and then adds
    // a client every 20 seconds; each write makes the treatment room reload by itself. Those
    // reloads are not a person at the desk, so they must not keep it awake.
    const before = await appointmentsShown(treatment, client.family);
    const started = performance.now();
    let locked = null;
    let writes = 0;
    let seenWhileIdle = 0;
    while (locked === null && performance.now() - started < 110_000) {
      if (writes === 0) {
        await openBooking(reception);
        let result = null;
        while (result !== 'booked' && eveningTimes.length > 0) {
          await reception.choose('[data-testid=booking-time]', eveningTimes.shift());
          result = await submitBooking(reception);
        }
        assert.equal(result, 'booked', 'reception could book a free evening time');
        await reception.click('[data-testid=nav-clients]');
      } else {
        await reception.click('[data-testid=new-client]');
        await reception.type('[data-testid=client-given-name]', `Walk-in ${writes}`);
        await reception.type('[data-testid=client-family-name]', 'Idle-Test');
        await reception.type('[data-testid=client-phone]', `07700 9004${String(writes).padStart(2, '0')}`);
        await reception.click('[data-testid=client-save]');
        await reception.find('[role=status]', { text: `Walk-in ${writes} Idle-Test was added.` });
      }
      writes += 1;
      const next = performance.now() + 20_000;
      while (locked === null && performance.now() < next) {
        if (await treatment.shows('[data-testid=lock-screen]')) locked = performance.now() - started;
        else seenWhileIdle = Math.max(seenWhileIdle, (await appointmentsShown(treatment, client.family)) - before);
        await sleep(500);
      }
    }
    await treatment.screenshot('live-idle-locked');
    console.log(
      `idle lock: the unattended window locked ${Math.round(locked ?? -1)} ms into the test, after ` +
        `${writes} writes at the other seat (its calendar showed the new booking while open: ${seenWhileIdle >= 1})`,
    );
    assert.ok(seenWhileIdle >= 1, 'the idle window refreshed with the other seat’s booking');
    assert.ok(locked !== null, 'the unattended window locked within 110 seconds');
    assert.equal(await reception.shows('[data-testid=lock-screen]'), false, 'the seat in use stays open');
  });
});
