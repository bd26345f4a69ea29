/*
 * `npm run taxonomy:import` (and a step of `npm start` and of a deploy): loads the taxonomy shipped in
 * data/taxonomy, or TAXONOMY_DATA_DIR, into PostgreSQL and Meilisearch. Safe to run any number of times.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, loadConfig, runMain } from '@brobygger/platform';
import { createMeili } from '@brobygger/search';
import { taxonomyEnv } from './config';
import { shippedData } from './data-dir';
import { importTaxonomy } from './import/taxonomy-import';
import { taxonomyOrmConfig } from './mikro-orm.config';

runMain('taxonomy-import', async () => {
  const config = loadConfig(taxonomyEnv, process.env);
  const logger = createLogger('taxonomy-import', config.LOG_LEVEL);
  const orm = await MikroORM.init(taxonomyOrmConfig(config.DATABASE_URL));
  try {
    const outcome = await importTaxonomy({
      orm,
      meili: createMeili(config.MEILI_URL, config.MEILI_MASTER_KEY),
      indexPrefix: config.MEILI_INDEX_PREFIX,
      dataDir: config.TAXONOMY_DATA_DIR ?? shippedData('taxonomy'),
      log: (m) => logger.info(m),
    });
    logger.info(outcome, `taxonomy ${outcome.version}: ${outcome.status}`);
  } finally {
    await orm.close(true);
  }
});
