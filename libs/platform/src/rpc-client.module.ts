import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { RpcCaller } from './rpc';
import { PrefixedRedisClient, rpcChannelPrefix, transportOptions } from './rpc-transport';

const RPC_CLIENT = Symbol('RPC_CLIENT');

@Injectable()
class RpcClientLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(RPC_CLIENT) private readonly client: PrefixedRedisClient) {}
  async onApplicationBootstrap() {
    await this.client.connect();
  }
  async onApplicationShutdown() {
    await this.client.close();
  }
}

/** Provides `RpcCaller` for calling other services over the Redis transport. */
@Global()
@Module({})
export class RpcClientModule {
  static forRoot(opts: { redisUrl: string; redisPrefix: string; timeoutMs: number }): DynamicModule {
    return {
      module: RpcClientModule,
      providers: [
        {
          provide: RPC_CLIENT,
          useFactory: () =>
            new PrefixedRedisClient(rpcChannelPrefix(opts.redisPrefix), transportOptions(opts.redisUrl)),
        },
        {
          provide: RpcCaller,
          inject: [RPC_CLIENT],
          useFactory: (client: PrefixedRedisClient) => new RpcCaller(client, opts.timeoutMs),
        },
        RpcClientLifecycle,
      ],
      exports: [RpcCaller],
    };
  }
}
