// A small W3C WebDriver client for driving the real Palma window through tauri-driver
// (which forwards to WebKitWebDriver). Each `App` launches the desktop binary on a fresh
// database of its own.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
let axeSource;
const binary = process.env.PALMA_DESKTOP_BINARY ?? join(process.cwd(), 'target/debug/palma-desktop');
export const artifacts = process.env.PALMA_ARTIFACTS ?? tmpdir();

/**
 * The instant the app's clock starts at: PALMA_NOW (RFC 3339), which every app this driver
 * launches inherits (debug builds read it), or the real clock when it is not set. The test
 * command runs the suite at several such instants; tests take their dates from here.
 */
const fixedStart = process.env.PALMA_NOW ? Date.parse(process.env.PALMA_NOW) : null;
if (Number.isNaN(fixedStart)) throw new Error(`PALMA_NOW is not an instant: ${process.env.PALMA_NOW}`);
const startedAt = performance.now();

/** "Now" as the app under test sees it (running on from PALMA_NOW, when set). */
export function now() {
  if (fixedStart === null) return new Date(performance.timeOrigin + performance.now());
  return new Date(fixedStart + performance.now() - startedAt);
}

/** The date (YYYY-MM-DD) `days` days after the app's today, in the demo clinic's zone. */
export function clinicDate(days = 0, zone = 'Europe/London') {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(now());
  return addDays(today, days);
}

/** `date` (YYYY-MM-DD) moved by `days` calendar days. */
export function addDays(date, days) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The ISO weekday of `date`: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date) {
  return ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** Starts Xvfb once for the whole run (on a display number it picks), unless one is set. */
let display;
async function ensureDisplay() {
  if (process.env.DISPLAY) return;
  display ??= new Promise((resolve, reject) => {
    const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x860x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    });
    xvfb.unref();
    process.on('exit', () => xvfb.kill());
    xvfb.on('error', reject);
    xvfb.stdio[3].once('data', (chunk) => resolve(`:${String(chunk).trim()}`));
  });
  process.env.DISPLAY = await display;
}

export class App {
  /**
   * Starts the app on a fresh SQLite database of its own, or on `databaseUrl` (e.g. a
   * PostgreSQL database two instances share); `env` adds to the app's environment.
   */
  static async launch({ databaseUrl, env = {} } = {}) {
    await ensureDisplay();
    const dir = mkdtempSync(join(tmpdir(), 'palma-desktop-'));
    const port = await freePort();
    const nativePort = await freePort();
    const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
      env: {
        ...process.env,
        PALMA_DATABASE_URL: databaseUrl ?? `sqlite://${join(dir, 'palma.sqlite')}?mode=rwc`,
        // Printed PDFs (and saved calendar files) land here instead of a viewer or a dialog.
        PALMA_PRINT_DIR: join(dir, 'print'),
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
      // Its own process group, so quitting also ends WebKitWebDriver and the app it started.
      detached: true,
    });
    process.on('exit', () => killGroup(driver));
    let driverLog = '';
    driver.stderr.on('data', (chunk) => (driverLog += chunk));
    const app = new App(`http://127.0.0.1:${port}`, driver, () => driverLog);
    app.printDir = join(dir, 'print');
    await app.#open();
    return app;
  }

  constructor(base, driver, log) {
    this.base = base;
    this.driver = driver;
    this.log = log;
  }

  async #open() {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const session = await this.#raw('POST', '/session', {
          capabilities: { alwaysMatch: { browserName: 'wry', 'tauri:options': { application: binary } } },
        });
        this.session = session.sessionId;
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`could not start a session: ${error}\n${this.log()}`);
        await sleep(300);
      }
    }
  }

  async #raw(method, path, body) {
    const response = await fetch(this.base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      // No WebDriver command takes this long; a hang becomes a clear failure.
      signal: AbortSignal.timeout(60_000),
    });
    const json = await response.json();
    if (!response.ok || json.value?.error) {
      throw new Error(`${method} ${path}: ${json.value?.error} ${json.value?.message ?? ''}`);
    }
    return json.value;
  }

  #do(method, path, body) {
    return this.#raw(method, `/session/${this.session}${path}`, body);
  }

  /** Waits until `css` matches a displayed element (containing `text`, if given) and returns it. */
  async find(css, { timeout = 10_000, text } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      // WebKitWebDriver's "displayed" endpoint is unreliable; ask the page instead.
      const found = await this.run(
        `const [css, text] = arguments;
         return [...document.querySelectorAll(css)].find((el) => {
           const style = getComputedStyle(el);
           return el.getClientRects().length > 0 && style.visibility !== 'hidden' && style.display !== 'none'
             && (text === null || el.innerText.includes(text));
         }) ?? null;`,
        css,
        text ?? null,
      );
      if (found) return found[ELEMENT];
      if (Date.now() > deadline) {
        throw new Error(`no visible element ${css}${text ? ` containing "${text}"` : ''}`);
      }
      await sleep(150);
    }
  }

  /** Waits until no displayed element matches `css` (with `text`, if given). */
  async gone(css, { timeout = 10_000, text } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      try {
        await this.find(css, { timeout: 0, text });
      } catch {
        return;
      }
      if (Date.now() > deadline) throw new Error(`${css} is still shown`);
      await sleep(150);
    }
  }

  /** Whether a visible element matches `css` now (no waiting). */
  async shows(css) {
    return this.find(css, { timeout: 0 }).then(
      () => true,
      () => false,
    );
  }

  /**
   * Finds `css` and runs `act` on the element. The page may redraw between the two (a live
   * refresh replaces the calendar's nodes when another write lands), which WebDriver reports as
   * a stale element: then it finds the element again, as a person would simply act on what is
   * on the screen now.
   */
  async #onElement(css, options, act) {
    for (let attempt = 1; ; attempt += 1) {
      const id = await this.find(css, options);
      try {
        return await act(id);
      } catch (error) {
        if (attempt >= 5 || !/stale element/.test(String(error))) throw error;
      }
    }
  }

  async click(css, options) {
    return this.#onElement(css, options, async (id) => {
      await this.#do('POST', `/element/${id}/click`, {});
      return id;
    });
  }

  async type(css, text) {
    return this.#onElement(css, {}, async (id) => {
      await this.#do('POST', `/element/${id}/clear`, {});
      await this.#do('POST', `/element/${id}/value`, { text });
      return id;
    });
  }

  /** Sets a <select>, date or time input the way a person's choice would, with events. */
  async choose(css, value) {
    await this.#onElement(css, {}, (id) =>
      this.run(
        "const [el, v] = arguments; el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); " +
          "el.dispatchEvent(new Event('change', {bubbles: true})); return el.value;",
        this.ref(id),
        value,
      ),
    );
  }

  /** Selects the <option> of a <select> whose text contains `label`. */
  async chooseByLabel(css, label) {
    const value = await this.#onElement(css, {}, (id) =>
      this.run(
        'const [el, label] = arguments; const o = [...el.options].find((o) => o.text.includes(label)); ' +
          "if (!o) return null; el.value = o.value; el.dispatchEvent(new Event('input', {bubbles: true})); " +
          "el.dispatchEvent(new Event('change', {bubbles: true})); return o.value;",
        this.ref(id),
        label,
      ),
    );
    if (value === null) throw new Error(`${css} has no option "${label}"`);
  }

  async attribute(css, name) {
    return this.#onElement(css, {}, (id) =>
      this.run('return arguments[0].getAttribute(arguments[1]);', this.ref(id), name),
    );
  }

  async textOf(id) {
    // The element-text endpoint answers '' for some elements here; innerText is what a person sees.
    return this.run('return arguments[0].innerText;', { [ELEMENT]: id });
  }

  async text(css, options) {
    return this.#onElement(css, options, (id) => this.textOf(id));
  }

  async count(css) {
    return (await this.#do('POST', '/elements', { using: 'css selector', value: css })).length;
  }

  async keys(text) {
    await this.#do('POST', '/actions', {
      actions: [
        {
          type: 'key',
          id: 'keyboard',
          actions: [...text].flatMap((k) => [
            { type: 'keyDown', value: k },
            { type: 'keyUp', value: k },
          ]),
        },
      ],
    });
  }

  /**
   * Presses the mouse at viewport point `from`, moves to `to` in small steps and releases it
   * (W3C Actions: real pointer events, as a person dragging). Without `to`, a plain click there.
   */
  async pointer(from, to = from, steps = 10) {
    const at = ([x, y]) => ({ type: 'pointerMove', duration: 0, origin: 'viewport', x: Math.round(x), y: Math.round(y) });
    const path = [];
    for (let i = 1; i <= steps; i += 1) {
      path.push({ ...at([from[0] + ((to[0] - from[0]) * i) / steps, from[1] + ((to[1] - from[1]) * i) / steps]), duration: 30 });
    }
    await this.#do('POST', '/actions', {
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            at(from),
            { type: 'pointerDown', button: 0 },
            { type: 'pause', duration: 80 },
            ...(to === from ? [] : path),
            { type: 'pause', duration: 80 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
    await this.#do('DELETE', '/actions').catch(() => {});
  }

  /** A found element as a script argument. */
  ref(id) {
    return { [ELEMENT]: id };
  }

  /** Runs a script in the page and returns its result. */
  async run(script, ...args) {
    return this.#do('POST', '/execute/sync', { script, args });
  }

  /**
   * Runs axe-core (the UI's dev dependency, injected into the page) over what the window shows,
   * or only the element `within` selects, and returns its violations: `{ id, impact, help, nodes: [css…] }`. Colour contrast is
   * checked too: the window paints real colours.
   */
  async axe(within = null) {
    axeSource ??= readFileSync(new URL('../../ui/node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
    return this.#do('POST', '/execute/async', {
      script: `${axeSource}
        const done = arguments[arguments.length - 1];
        const within = arguments[0];
        axe.run(within ? document.querySelector(within) : document, { resultTypes: ['violations'] }).then(
          (result) => done(result.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')),
          }))),
          (error) => done([{ id: 'axe-error', impact: 'critical', help: String(error), nodes: [] }]),
        );`,
      args: [within],
    });
  }

  async screenshot(name) {
    // Let the page paint what the last command changed before taking the picture.
    await this.#do('POST', '/execute/async', {
      script: 'const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100)));',
      args: [],
    });
    const png = await this.#do('GET', '/screenshot');
    const path = join(artifacts, `${name}.png`);
    writeFileSync(path, Buffer.from(png, 'base64'));
    return path;
  }

  async quit() {
    await this.#do('DELETE', '').catch(() => {});
    killGroup(this.driver);
  }
}
