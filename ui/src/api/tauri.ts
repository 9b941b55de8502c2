// The desktop transport: one Tauri command, `call`, carrying `{ op, args }`.

import { invoke, isTauri } from '@tauri-apps/api/core';
import type { Transport } from './client';

export const tauriTransport: Transport = {
  send(op, args) {
    return invoke('call', { call: { op, args } });
  },
};

/** True inside the Palma window (false in a plain browser or under Vitest). */
export function insideTauri(): boolean {
  return isTauri();
}
