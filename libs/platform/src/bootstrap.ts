import type { INestMicroservice, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import type { ServiceName } from '@brobygger/contracts';
import { ConfigError, type CommonConfig } from './config';
import { PinoNestLogger, createLogger, type Logger } from './logger';
import { RpcContextInterceptor, RpcErrorFilter } from './rpc';
import { PrefixedRedisServer, rpcChannelPrefix, transportOptions } from './rpc-transport';
import { createValidationPipe } from './validation';

/**
 * Starts a service that answers RPC over Redis: one validation pipe, the request-context interceptor, the
 * error filter, and shutdown hooks so SIGTERM closes workers and connections before exit.
 */
export async function bootstrapRpcService(
  name: ServiceName,
  module: unknown,
  config: CommonConfig,
  logger: Logger,
): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(module as Type, {
    strategy: new PrefixedRedisServer(
      rpcChannelPrefix(config.REDIS_PREFIX),
      transportOptions(config.REDIS_URL),
    ),
    logger: new PinoNestLogger(logger),
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new RpcContextInterceptor());
  app.useGlobalFilters(new RpcErrorFilter(logger));
  app.enableShutdownHooks();
  await app.listen();
  logger.info({ service: name }, 'service ready');
  return app;
}

/** Entry point wrapper: a bad environment prints every problem and exits 1; any other boot error too. */
export function runMain(app: string, main: () => Promise<unknown>): void {
  main().catch((err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`${app}: ${err.message}\n`);
    } else {
      createLogger(app, 'error').fatal({ err }, 'failed to start');
    }
    process.exit(1);
  });
}
