import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, INTERNAL_ERROR, setTransport, toApiError, type Transport } from './client';
import { PERSON_WINDOW_MS, watchPersonInput } from './presence';

function rejecting(reason: unknown): Transport {
  return { send: () => Promise.reject(reason) };
}

describe('the typed client', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('sends the operation and its arguments, and resolves with the result', async () => {
    const send = vi.fn().mockResolvedValue({ configured: true, clinicName: 'Riverside' });
    setTransport({ send });
    await expect(call('setup.status', {})).resolves.toEqual({
      configured: true,
      clinicName: 'Riverside',
    });
    expect(send).toHaveBeenCalledWith('setup.status', {}, { refresh: true });
  });

  it('marks calls as the window’s own unless a person used it in the last few seconds', async () => {
    const send = vi.fn().mockResolvedValue({});
    setTransport({ send });
    const stop = watchPersonInput(window);
    const clock = vi.spyOn(performance, 'now').mockReturnValue(100_000);
    await call('setup.status', {});
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    await call('setup.status', {});
    clock.mockReturnValue(100_000 + PERSON_WINDOW_MS + 1);
    await call('setup.status', {});
    stop();
    expect(send.mock.calls.map((c) => c[2])).toEqual([
      { refresh: true },
      { refresh: false },
      { refresh: true },
    ]);
  });

  it('passes a well-formed ApiError through, field included', async () => {
    setTransport(
      rejecting({
        code: 'conflict',
        message: 'Maya Patel is already booked.',
        field: 'practitionerId',
      }),
    );
    await expect(
      call('appointments.book', {
        clientId: 'c',
        serviceId: 's',
        practitionerId: 'p',
        roomId: 'r',
        start: '2026-11-23T10:00',
      }),
    ).rejects.toEqual({
      code: 'conflict',
      message: 'Maya Patel is already booked.',
      field: 'practitionerId',
    });
  });

  it.each([
    ['a string from the IPC layer', 'command call not found'],
    ['a JavaScript exception', new TypeError('x is undefined')],
    ['an unknown error code', { code: 'teapot', message: 'I am a teapot' }],
    ['an error without a message', { code: 'validation', field: 'email' }],
    ['an empty message', { code: 'validation', message: '  ' }],
    ['a field that is not text', { code: 'validation', message: 'Bad', field: 42 }],
    ['null', null],
    ['undefined', undefined],
  ])('turns %s into the internal error', async (_label, reason) => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    setTransport(rejecting(reason));
    await expect(call('clients.search', { text: 'a' })).rejects.toEqual({
      code: 'internal',
      message: 'Something went wrong; details are in the log.',
    });
  });

  it('never hands out the shared internal error object itself', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const error = toApiError('boom');
    expect(error).toEqual(INTERNAL_ERROR);
    expect(error).not.toBe(INTERNAL_ERROR);
  });
});
