import { PrefixedRedisClient, PrefixedRedisServer, rpcChannelPrefix } from './rpc-transport';

describe('prefixed Redis transport', () => {
  const prefix = rpcChannelPrefix('run1');

  it('puts the prefix in front of request and reply channels on both ends', () => {
    const client = new PrefixedRedisClient(prefix, {});
    const server = new PrefixedRedisServer(prefix, {});
    expect(client.getRequestPattern('candidates.create')).toBe('run1.rpc.candidates.create');
    expect(client.getReplyPattern('candidates.create')).toBe('run1.rpc.candidates.create.reply');
    expect(server.getRequestPattern('candidates.create')).toBe('run1.rpc.candidates.create');
    // The server replies on `${channel}.reply`, which is where the client listens.
    expect(server.getReplyPattern(server.getRequestPattern('candidates.create'))).toBe(
      client.getReplyPattern('candidates.create'),
    );
  });

  it('finds the handler registered under the bare pattern', () => {
    const server = new PrefixedRedisServer(prefix, {});
    const handler = Object.assign(() => Promise.resolve('ok'), { isEventHandler: false });
    server.addHandler('candidates.create', handler);
    expect(server.getHandlerByPattern('run1.rpc.candidates.create')).toBe(handler);
  });
});
