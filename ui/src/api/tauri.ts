// The desktop transport: one Tauri command, `call`, carrying `{ op, args }`.

import { invoke, isTauri } from '@tauri-apps/api/core';
import { open } from '@tauri-apps/plugin-dialog';
import type { Transport } from './client';

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
};

/** True inside the Palma window (false in a plain browser or under Vitest). */
export function insideTauri(): boolean {
  return isTauri();
}
