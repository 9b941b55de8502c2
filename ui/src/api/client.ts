// The typed client: the one way features reach the core.
//
// Every request is `call(op, args)`; the operation names, argument and result types come from
// `generated.ts` (written from the Rust types). A `Transport` carries the request: Tauri's IPC
// in the desktop app, an in-memory fake in tests and in the browser preview.

import type { ApiError, ErrorCode, FieldProblem, Operations, PdfFile } from './generated';
import { personActive } from './presence';

export type Operation = keyof Operations;
export type ArgsOf<K extends Operation> = Operations[K]['args'];
export type ResultOf<K extends Operation> = Operations[K]['result'];

/** Carries one request to the core. Resolves with the result or rejects with an `ApiError`. */
export interface Transport {
  /**
   * `refresh` marks a call the window made by itself, with nobody using it (see `presence.ts`):
   * the core runs it as any other, but it does not keep the desk from locking.
   */
  send(op: string, args: unknown, options?: { refresh: boolean }): Promise<unknown>;
  /**
   * The desktop shell's own commands (not core operations): `open_pdf` resolves with the path
   * it opened, `save_pdf` and `save_file` (an `.ics` calendar file) with the saved path or null
   * when the person cancelled the dialog.
   */
  native?(command: NativeCommand, args: { fileName: string; base64: string }): Promise<unknown>;
  /** The system's folder dialog (desktop only): the chosen folder's path, or null if cancelled. */
  chooseFolder?(current: string): Promise<string | null>;
  /**
   * Tells `listener` whenever the clinic may have changed for this window — its data (here or
   * at another seat), or the desk being signed out or locked — and whether the database can be
   * reached (desktop only: the shell looks; the window does nothing until told). Resolves with
   * a function that stops it.
   */
  watch?(listener: (signal: WatchSignal) => void): Promise<() => void>;
}

/** What the shell tells a watching window. */
export interface WatchSignal {
  /** The database could not be reached on the last few looks. */
  offline: boolean;
}

export type NativeCommand = 'open_pdf' | 'save_pdf' | 'save_file';

const ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'validation',
  'not_found',
  'conflict',
  'forbidden',
  'unauthenticated',
  'locked',
  'must_change_password',
  'internal',
]);

export const INTERNAL_ERROR: Readonly<ApiError> = Object.freeze({
  code: 'internal',
  message: 'Something went wrong; details are in the log.',
});

let transport: Transport | null = null;

/**
 * Told when any request is refused because nobody is signed in (`unauthenticated`), the desk
 * is locked (`locked`) or an owner reset the password (`must_change_password`), so the app can
 * show the sign-in, lock or "choose a new password" screen in one place. The
 * sign-in, unlock and switch operations answer their own screens and are not reported.
 */
export type AccessListener = (error: ApiError, op: string) => void;
let accessListener: AccessListener | null = null;
const OWN_SCREEN_OPS: ReadonlySet<string> = new Set([
  'staff.sign_in',
  'staff.unlock',
  'staff.switch',
  'staff.switch_list',
  'staff.me',
  'staff.sign_out',
  'setup.status',
  'setup.demo_accounts',
]);

export function onAccessLost(listener: AccessListener | null): void {
  accessListener = listener;
}

function report(error: ApiError, op: string): void {
  const lost = ['unauthenticated', 'locked', 'must_change_password'].includes(error.code);
  if (lost && !OWN_SCREEN_OPS.has(op)) {
    accessListener?.(error, op);
  }
}

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

/** The field problems an error lists (all of a form's, when it had several), well-formed only. */
function problemsOf(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (p): p is FieldProblem =>
      typeof p === 'object' &&
      p !== null &&
      typeof (p as FieldProblem).field === 'string' &&
      typeof (p as FieldProblem).message === 'string' &&
      (p as FieldProblem).message.trim() !== '',
  );
}

/**
 * Turns whatever a transport rejected with into the one wire error shape. Anything that is not
 * `{ code, message, field?, problems? }` (a string from the IPC layer, a JS exception, a half-formed
 * object) becomes the generic internal error: its text is not meant for the person at the desk.
 */
export function toApiError(reason: unknown): ApiError {
  if (isApiError(reason)) {
    const error: ApiError = { code: reason.code, message: reason.message };
    if (typeof reason.field === 'string' && reason.field !== '') error.field = reason.field;
    const problems = problemsOf((reason as { problems?: unknown }).problems);
    if (problems.length > 0) error.problems = problems;
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
    result = await transport.send(op, args, { refresh: !personActive() });
  } catch (reason) {
    const error = toApiError(reason);
    report(error, op);
    throw error;
  }
  return result as ResultOf<K>;
}

async function runNative(
  command: NativeCommand,
  file: Pick<PdfFile, 'fileName' | 'base64'>,
): Promise<unknown> {
  if (transport?.native === undefined) {
    console.error('Palma: this transport cannot run', command);
    throw { ...INTERNAL_ERROR };
  }
  try {
    return await transport.native(command, { fileName: file.fileName, base64: file.base64 });
  } catch (reason) {
    throw toApiError(reason);
  }
}

/** The desktop shell's own commands. Rejects with an `ApiError`, like `call`. */
export const native = {
  /**
   * Writes the PDF (an issued document, or a plain rendering such as the day sheet) to a
   * temporary file and opens it in the system viewer; resolves with its path.
   */
  async openPdf(file: Pick<PdfFile, 'fileName' | 'base64'>): Promise<string> {
    return String(await runNative('open_pdf', file));
  },
  /** Asks where to save the PDF (native dialog); resolves with the path, or null if cancelled. */
  async savePdf(file: PdfFile): Promise<string | null> {
    const path = await runNative('save_pdf', file);
    return typeof path === 'string' ? path : null;
  },
  /**
   * Asks where to save a calendar file the core made (`appointments.ics`) and writes it;
   * resolves with the path, or null if cancelled.
   */
  async saveCalendarFile(file: { fileName: string; content: string }): Promise<string | null> {
    const path = await runNative('save_file', {
      fileName: file.fileName,
      base64: textBase64(file.content),
    });
    return typeof path === 'string' ? path : null;
  },
  /** Whether this transport can show the system's folder dialog. */
  canChooseFolder(): boolean {
    return transport?.chooseFolder !== undefined;
  },
  /** Asks for a folder in the system's dialog; resolves with its path, or null if cancelled. */
  async chooseFolder(current: string): Promise<string | null> {
    if (transport?.chooseFolder === undefined) return null;
    try {
      return await transport.chooseFolder(current);
    } catch (reason) {
      throw toApiError(reason);
    }
  },
};

/**
 * Asks to be told when the clinic may have changed (see `Transport.watch`); null when this
 * transport cannot tell, and the caller has to ask now and then instead.
 */
export function watchClinic(listener: (signal: WatchSignal) => void): Promise<() => void> | null {
  return transport?.watch?.(listener) ?? null;
}

/** UTF-8 text as base64, the way native commands receive file contents. */
function textBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The message to show for a failure caught from `call` (or anything else). */
export function messageOf(reason: unknown): string {
  return toApiError(reason).message;
}
