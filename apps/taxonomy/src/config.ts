import { commonEnv, databaseEnv, env, meiliEnv, type ConfigOf } from '@brobygger/platform';

export const taxonomyEnv = {
  ...commonEnv,
  ...databaseEnv,
  ...meiliEnv,
  TAXONOMY_DATA_DIR: env.optionalString(
    'folder with manifest.json and the taxonomy CSVs to import (default: data/taxonomy of this checkout)',
  ),
  // 50: text that resembles no label stays below it (LabelIndex.lookup); answers under 60 say they are unsure.
  // On the everyday-words dev set 60 → 50 answered 3–4 points more texts right in each language.
  NORMALISE_MIN_CONFIDENCE: env.int({
    default: 50,
    min: 1,
    max: 100,
    describe: 'percent: a free-text skill resolves to a taxonomy skill only at or above this confidence',
  }),
};
export type TaxonomyConfig = ConfigOf<typeof taxonomyEnv>;
