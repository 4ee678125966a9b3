import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors.ts';
import { createVeniceClient } from '../../src/main/core/venice/client.ts';

// A request that provably never left the machine cost nothing, and the error must say so: never "may have been
// charged" for a port fetch refuses to dial, a port nobody listens on, or a host name that does not resolve.
const KEY = 'vk-never-sent-0a1b2c3d4e5f60718293';

const failureAt = async (baseUrl: string): Promise<AppError> => {
  const client = createVeniceClient({ baseUrl });
  try {
    await client.generateOpenAi({ prompt: 'a paper boat' }, KEY, { retry: false });
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('the request succeeded');
};

const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

describe('failures before anything was sent', () => {
  it.each([9, 6000])('a port fetch refuses to dial (%i) is OFFLINE with nothing charged', async (port) => {
    const err = await failureAt(`http://127.0.0.1:${port}/api/v1`);
    expect(err.code).toBe('OFFLINE');
    expect(err.details).toMatchObject({ mayHaveBeenCharged: false, cause: 'bad port', attempts: 1 });
    expect(err.message).toMatch(/Nothing was sent or charged/);
    expect(err.message).not.toMatch(/may have been charged/);
  });

  it('a port nobody listens on is OFFLINE with nothing charged', async () => {
    const err = await failureAt(`http://127.0.0.1:${await closedPort()}/api/v1`);
    expect(err.code).toBe('OFFLINE');
    expect(err.details).toMatchObject({ mayHaveBeenCharged: false, cause: 'ECONNREFUSED' });
  });

  it('a host name that cannot resolve is OFFLINE with nothing charged', async () => {
    // `.invalid` is reserved (RFC 2606): it never resolves, with or without a network.
    const err = await failureAt('http://venice.invalid/api/v1');
    expect(err.code).toBe('OFFLINE');
    expect(err.details).toMatchObject({ mayHaveBeenCharged: false, cause: expect.stringMatching(/^(ENOTFOUND|EAI_AGAIN)$/) });
  });
});
