import { readFileSync } from 'node:fs';
import { DEFAULT_WEIGHTS, validateWeights, type Weights } from '@brobygger/scoring';

/** Nest token for the weights this process scores with (loaded once at boot). */
export const WEIGHTS = Symbol('WEIGHTS');

/**
 * The scorer's weights: the defaults, with any keys a JSON file (MATCHING_WEIGHTS_FILE) overrides. Every
 * stored match records the version, and a new version rescores everything at boot; so a file that changes a
 * number must also name a new version, or old and new scores would carry the same label. Throws at boot,
 * naming the key, rather than scoring with a bad number.
 */
export function loadWeights(file: string | undefined): Weights {
  if (!file) return DEFAULT_WEIGHTS;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`MATCHING_WEIGHTS_FILE ${file}: ${(err as Error).message}`, { cause: err });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(`MATCHING_WEIGHTS_FILE ${file}: expected a JSON object of weights`);
  }
  const unknown = Object.keys(raw).filter((k) => !Object.hasOwn(DEFAULT_WEIGHTS, k));
  if (unknown.length) {
    throw new Error(`MATCHING_WEIGHTS_FILE ${file}: unknown key(s) ${unknown.join(', ')}`);
  }
  const weights = validateWeights({ ...DEFAULT_WEIGHTS, ...(raw as Partial<Weights>) });
  const changed = (Object.keys(DEFAULT_WEIGHTS) as (keyof Weights)[]).filter(
    (k) => k !== 'version' && weights[k] !== DEFAULT_WEIGHTS[k],
  );
  if (changed.length && weights.version === DEFAULT_WEIGHTS.version) {
    throw new Error(
      `MATCHING_WEIGHTS_FILE ${file}: ${changed.join(', ')} differ from the defaults, so "version" must differ from "${DEFAULT_WEIGHTS.version}"`,
    );
  }
  return Object.freeze(weights);
}
