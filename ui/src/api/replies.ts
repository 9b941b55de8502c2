// Typed, per-test replies: what a component test gives the screen instead of a clinic.
//
// A test names only the operations its screen calls, each with a function from the operation's
// generated argument type to its generated result type, so a reply that does not fit the core's
// types does not compile. There are no rules here — rules live in the Rust core and are tested
// there; a component test checks what the screen shows for the replies it is given. An operation
// the test did not expect rejects with an internal error and is recorded in `unexpected`, so a
// screen that calls something new fails its test instead of silently getting nothing.

import type { ArgsOf, Operation, ResultOf, Transport } from './client';
import type { ApiError } from './generated';

export type Replies = {
  [K in Operation]?: (args: ArgsOf<K>) => ResultOf<K> | Promise<ResultOf<K>>;
};

export interface SentCall {
  op: Operation;
  args: unknown;
}

export interface ReplyTransport extends Transport {
  /** Every call the screen made, in order. */
  readonly calls: SentCall[];
  /** Operations the screen called that the test gave no reply for. */
  readonly unexpected: string[];
  /** The arguments of every call of one operation, in order. */
  argsOf<K extends Operation>(op: K): ArgsOf<K>[];
}

/** A transport answering from `replies`; throw an `ApiError` from a reply to refuse. */
export function replyTransport(replies: Replies): ReplyTransport {
  const calls: SentCall[] = [];
  const unexpected: string[] = [];
  return {
    calls,
    unexpected,
    argsOf<K extends Operation>(op: K): ArgsOf<K>[] {
      return calls.filter((sent) => sent.op === op).map((sent) => sent.args as ArgsOf<K>);
    },
    async send(op, args) {
      calls.push({ op: op as Operation, args });
      const reply = replies[op as Operation] as ((args: unknown) => unknown) | undefined;
      if (reply === undefined) {
        unexpected.push(op);
        const error: ApiError = { code: 'internal', message: `No reply for ${op} in this test.` };
        throw error;
      }
      return reply(args);
    },
  };
}

/** The error a reply throws to refuse, in the core's wire shape. */
export function refusal(code: ApiError['code'], message: string, field?: string): ApiError {
  return field === undefined ? { code, message } : { code, message, field };
}
