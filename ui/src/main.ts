import { mount } from 'svelte';
import './app.css';
import { setTransport } from './api';
import { watchPersonInput } from './api/presence';
import { insideTauri, tauriTransport } from './api/tauri';
import App from './App.svelte';
import NoCore from './NoCore.svelte';

// Choose how requests reach the core: the desktop window's IPC, or (for previews and demos in
// a plain browser) the in-memory fake clinic named by `?fake=demo` / `?fake=empty`.
async function boot(): Promise<void> {
  const target = document.getElementById('app')!;
  const query = new URLSearchParams(location.search);
  const fake = query.get('fake');
  if (fake === 'demo' || fake === 'empty') {
    const { createFakeTransport } = await import('./api/fake');
    // `&today=YYYY-MM-DD&now=YYYY-MM-DDTHH:MM` pin the fake clinic's clock (for screenshots);
    // `&as=<username>` starts with that demo account signed in.
    setTransport(
      createFakeTransport({
        scenario: fake,
        latencyMs: 30,
        today: query.get('today') ?? undefined,
        now: query.get('now') ?? undefined,
        // Signed out, as the desktop app starts; `&as=maya` starts signed in (screenshots).
        signedIn: query.get('as'),
      }),
    );
  } else if (insideTauri()) {
    setTransport(tauriTransport);
  } else {
    mount(NoCore, { target });
    return;
  }
  watchPersonInput();
  mount(App, { target });
}

void boot();
