import { type DynamicModule, Global, Module } from '@nestjs/common';
import { LOGGER, type Logger } from './logger';

export const CONFIG = Symbol('CONFIG');

/** Makes the app's typed config and its logger injectable everywhere (`@Inject(CONFIG)`, `@Inject(LOGGER)`). */
@Global()
@Module({})
export class PlatformModule {
  static forApp(config: object, logger: Logger): DynamicModule {
    return {
      module: PlatformModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
      ],
      exports: [CONFIG, LOGGER],
    };
  }
}
