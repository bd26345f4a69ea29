import 'reflect-metadata';
import { bootstrapRpcService, createLogger, loadConfig, runMain } from '@brobygger/platform';
import { taxonomyEnv } from './config';
import { TaxonomyModule } from './taxonomy.module';

runMain('taxonomy', async () => {
  const config = loadConfig(taxonomyEnv, process.env);
  const logger = createLogger('taxonomy', config.LOG_LEVEL);
  await bootstrapRpcService('taxonomy', TaxonomyModule.forRoot(config, logger), config, logger);
});
