// The desktop transport: one Tauri command, `call`, carrying `{ op, args }`.

import { invoke, isTauri } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { open } from '@tauri-apps/plugin-dialog';
import type { Transport, WatchSignal } from './client';

export const tauriTransport: Transport = {
  send(op, args, options) {
    return invoke('call', { call: { op, args }, refresh: options?.refresh ?? false });
  },
  native(command, args) {
    return invoke(command, { fileName: args.fileName, base64: args.base64 });
  },
  async chooseFolder(current) {
    const picked = await open({
      directory: true,
      multiple: false,
      defaultPath: current || undefined,
    });
    return typeof picked === 'string' ? picked : null;
  },
  watch(listener) {
    return listen<WatchSignal>(WATCH_EVENT, (event) => listener(event.payload));
  },
};

/** The event the shell sends when the clinic may have changed (`src-tauri/src/watch.rs`). */
const WATCH_EVENT = 'palma-watch';

/** True inside the Palma window (false in a plain browser or under Vitest). */
export function insideTauri(): boolean {
  return isTauri();
}
