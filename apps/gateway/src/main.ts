import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { PinoNestLogger, createLogger, createValidationPipe, loadConfig, runMain } from '@brobygger/platform';
import { MAX_IMPORT_BYTES } from '@brobygger/contracts';
import { PLACE_DATA_ATTRIBUTION_MARKDOWN } from '@brobygger/geo';
import { gatewayEnv } from './config';
import { GatewayModule } from './gateway.module';
import { percentEncodingMiddleware } from './http/percent-encoding.middleware';
import { requestContextMiddleware } from './http/request-context.middleware';
import { IMPORT_CONTENT_TYPES } from './routes/candidates.controller';

runMain('gateway', async () => {
  const config = loadConfig(gatewayEnv, process.env);
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(config, logger), {
    logger: new PinoNestLogger(logger),
  });
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: '2mb' });
  // Candidate imports arrive as the file itself (CSV or JSON lines), not wrapped in JSON.
  app.useBodyParser('text', { type: Object.keys(IMPORT_CONTENT_TYPES), limit: MAX_IMPORT_BYTES });
  app.use(requestContextMiddleware(logger));
  app.use(percentEncodingMiddleware());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const doc = new DocumentBuilder()
    .setTitle('Brobygger API')
    // Places and distances in responses come from data whose licences require this credit where it is shown.
    .setDescription(
      'Job matching for organisations that help refugees and immigrants into work.\n\n' +
        `Place data: ${PLACE_DATA_ATTRIBUTION_MARKDOWN}`,
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), {
    jsonDocumentUrl: 'api/docs-json',
  });

  await app.listen(config.PORT, '0.0.0.0');
  logger.info({ port: config.PORT }, `gateway listening on http://127.0.0.1:${config.PORT}/api`);
});
