import 'reflect-metadata';
import { bootstrapRpcService, createLogger, loadConfig, runMain } from '@brobygger/platform';
import { EmployersModule } from './employers.module';
import { employersEnv } from './config';

runMain('employers', async () => {
  const config = loadConfig(employersEnv, process.env);
  const logger = createLogger('employers', config.LOG_LEVEL);
  await bootstrapRpcService('employers', EmployersModule.forRoot(config, logger), config, logger);
});
