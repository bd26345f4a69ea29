import { commonEnv, databaseEnv, env, meiliEnv, type ConfigOf } from '@brobygger/platform';

export const taxonomyEnv = {
  ...commonEnv,
  ...databaseEnv,
  ...meiliEnv,
  TAXONOMY_DATA_DIR: env.optionalString(
    'folder with manifest.json and the taxonomy CSVs to import (default: data/taxonomy of this checkout)',
  ),
  NORMALISE_MIN_CONFIDENCE: env.int({
    default: 60,
    min: 1,
    max: 100,
    describe: 'percent: a free-text skill resolves to a taxonomy skill only at or above this confidence',
  }),
};
export type TaxonomyConfig = ConfigOf<typeof taxonomyEnv>;
