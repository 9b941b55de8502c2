// The typed client: the one way features reach the core.
//
// Every request is `call(op, args)`; the operation names, argument and result types come from
// `generated.ts` (written from the Rust types). A `Transport` carries the request: Tauri's IPC
// in the desktop app, an in-memory fake in tests and in the browser preview.

import type { ApiError, ErrorCode, Operations } from './generated';

export type Operation = keyof Operations;
export type ArgsOf<K extends Operation> = Operations[K]['args'];
export type ResultOf<K extends Operation> = Operations[K]['result'];

/** Carries one request to the core. Resolves with the result or rejects with an `ApiError`. */
export interface Transport {
  send(op: string, args: unknown): Promise<unknown>;
}

const ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'validation',
  'not_found',
  'conflict',
  'forbidden',
  'unauthenticated',
  'internal',
]);

export const INTERNAL_ERROR: Readonly<ApiError> = Object.freeze({
  code: 'internal',
  message: 'Something went wrong; details are in the log.',
});

let transport: Transport | null = null;

/** Chooses how requests travel; called once at start-up (and by each test). */
export function setTransport(next: Transport): void {
  transport = next;
}

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.code === 'string' &&
    ERROR_CODES.has(candidate.code as ErrorCode) &&
    typeof candidate.message === 'string' &&
    candidate.message.trim() !== '' &&
    (candidate.field === undefined ||
      candidate.field === null ||
      typeof candidate.field === 'string')
  );
}

/**
 * Turns whatever a transport rejected with into the one wire error shape. Anything that is not
 * `{ code, message, field? }` (a string from the IPC layer, a JS exception, a half-formed
 * object) becomes the generic internal error: its text is not meant for the person at the desk.
 */
export function toApiError(reason: unknown): ApiError {
  if (isApiError(reason)) {
    const error: ApiError = { code: reason.code, message: reason.message };
    if (typeof reason.field === 'string' && reason.field !== '') error.field = reason.field;
    return error;
  }
  console.error('Palma: unexpected failure from the core', reason);
  return { ...INTERNAL_ERROR };
}

/** Calls one operation of the core. Rejects with an `ApiError`, never anything else. */
export async function call<K extends Operation>(op: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
  if (transport === null) {
    console.error('Palma: no transport was set before calling', op);
    throw { ...INTERNAL_ERROR };
  }
  let result: unknown;
  try {
    result = await transport.send(op, args);
  } catch (reason) {
    throw toApiError(reason);
  }
  return result as ResultOf<K>;
}

/** The message to show for a failure caught from `call` (or anything else). */
export function messageOf(reason: unknown): string {
  return toApiError(reason).message;
}
