import { describe, expect, it } from 'vitest';
import { call, setTransport, type ApiError } from '.';
import { refusal, replyTransport } from './replies';

describe('per-test replies', () => {
  it('answers the operations given, records their arguments, and refuses the rest', async () => {
    const transport = replyTransport({
      'clients.search': () => [],
      'clients.get': () => {
        throw refusal('not_found', 'That client no longer exists.');
      },
    });
    setTransport(transport);

    expect(await call('clients.search', { text: 'ingrid' })).toEqual([]);
    await expect(call('clients.get', { id: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    const missing = await call('staff.list', {}).catch((error: ApiError) => error);

    expect(transport.argsOf('clients.search')).toEqual([{ text: 'ingrid' }]);
    expect(missing).toMatchObject({ code: 'internal' });
    expect(transport.unexpected).toEqual(['staff.list']);
    expect(transport.calls.map((sent) => sent.op)).toEqual([
      'clients.search',
      'clients.get',
      'staff.list',
    ]);
  });
});
