import 'reflect-metadata';
import { bootstrapRpcService, createLogger, loadConfig, runMain } from '@brobygger/platform';
import { CandidatesModule } from './candidates.module';
import { candidatesEnv } from './config';

runMain('candidates', async () => {
  const config = loadConfig(candidatesEnv, process.env);
  const logger = createLogger('candidates', config.LOG_LEVEL);
  await bootstrapRpcService('candidates', CandidatesModule.forRoot(config, logger), config, logger);
});
