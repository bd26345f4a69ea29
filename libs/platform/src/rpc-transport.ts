import { ClientRedis, ServerRedis, type RedisOptions } from '@nestjs/microservices';
import { redisOptions } from './redis';

/*
 * Redis pub/sub channels ignore the database number, so two deployments (or a test run next to `npm start`)
 * on one Redis would answer each other's calls. Both ends put REDIS_PREFIX in front of every channel.
 */

type TransportOptions = NonNullable<RedisOptions['options']>;

export function transportOptions(redisUrl: string): TransportOptions {
  // retryAttempts/retryDelay: keep reconnecting when Redis restarts instead of giving up after the first drop.
  return { ...redisOptions(redisUrl), retryAttempts: 1_000_000, retryDelay: 1_000 };
}

export class PrefixedRedisServer extends ServerRedis {
  constructor(
    private readonly channelPrefix: string,
    options: TransportOptions,
  ) {
    super(options);
  }
  override getRequestPattern(pattern: string): string {
    return `${this.channelPrefix}${pattern}`;
  }
  // Handlers are registered under the bare pattern; the channel they arrive on carries the prefix.
  override getHandlerByPattern(pattern: string) {
    const bare = pattern.startsWith(this.channelPrefix) ? pattern.slice(this.channelPrefix.length) : pattern;
    return super.getHandlerByPattern(bare);
  }
}

export class PrefixedRedisClient extends ClientRedis {
  constructor(
    private readonly channelPrefix: string,
    options: TransportOptions,
  ) {
    super(options);
  }
  override getRequestPattern(pattern: string): string {
    return `${this.channelPrefix}${pattern}`;
  }
  override getReplyPattern(pattern: string): string {
    return `${this.channelPrefix}${pattern}.reply`;
  }
}

export function rpcChannelPrefix(redisPrefix: string): string {
  return redisPrefix ? `${redisPrefix}.rpc.` : 'rpc.';
}
