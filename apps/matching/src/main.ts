import 'reflect-metadata';
import { bootstrapRpcService, createLogger, loadConfig, runMain } from '@brobygger/platform';
import { MatchingModule } from './matching.module';
import { matchingEnv } from './config';

runMain('matching', async () => {
  const config = loadConfig(matchingEnv, process.env);
  const logger = createLogger('matching', config.LOG_LEVEL);
  await bootstrapRpcService('matching', MatchingModule.forRoot(config, logger), config, logger);
});
