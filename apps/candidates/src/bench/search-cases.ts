import {
  BENCH_DAY,
  between,
  isoDay,
  pick,
  sample,
  typoTarget,
  weighted,
  withTypo,
  type BenchTaxonomy,
  type Rng,
} from './synthetic';

/** One search as staff would send it: the query string of GET /api/v1/candidates/search. */
export interface SearchCase {
  /** What it exercises, e.g. `typo+language`. */
  kind: string;
  params: Record<string, string>;
}

const LANGUAGE_FILTERS = [
  'nb:B1',
  'nb:B2',
  'nb:A2:written',
  'nb:C1',
  'ar:native',
  'uk:native',
  'ti:native',
  'en:B1',
];
const PLACES = [
  'Oslo',
  'Bergen',
  'Trondheim',
  'Stavanger',
  'Kristiansand',
  'Tromsø',
  'Drammen',
  'Fredrikstad',
];

type Text = 'word' | 'label' | 'typo' | 'none';
type Filter = 'language' | 'near' | 'available' | 'skills';

const TEXTS: readonly (readonly [Text, number])[] = [
  ['word', 25],
  ['label', 15],
  ['typo', 30],
  ['none', 30],
];
const FILTERS: readonly Filter[] = ['language', 'near', 'available', 'skills'];

/**
 * A mix of the searches staff make: a skill word or label (as written, or with a typo), alone or with up to
 * two filters, and filters alone. Skills come from those many candidates have, so most searches find people,
 * as real ones do. Facets are always on (the service always asks for them).
 */
export function searchCases(
  r: Rng,
  popular: readonly string[],
  tax: BenchTaxonomy,
  count: number,
): SearchCase[] {
  const cases: SearchCase[] = [];
  while (cases.length < count) {
    const skill = pick(r, popular);
    const label = tax.preferred.get(skill)!;
    const text = weighted(r, TEXTS);
    const filters = sample(r, FILTERS, text === 'none' ? between(r, 1, 2) : between(r, 0, 2));
    const params: Record<string, string> = {};
    if (text === 'word') params.q = typoTarget(label) ?? label;
    if (text === 'label') params.q = label;
    if (text === 'typo') {
      const q = withTypo(label, r);
      if (!q) continue; // no word long enough to misspell: draw another
      params.q = q;
    }
    for (const f of filters) {
      switch (f) {
        case 'language':
          params.language = pick(r, LANGUAGE_FILTERS);
          break;
        case 'near':
          params.nearMunicipality = pick(r, PLACES);
          params.withinKm = String(pick(r, [10, 20, 50]));
          break;
        case 'available':
          params.availableBy = isoDay(BENCH_DAY + between(r, -10, 120) * 86_400_000);
          break;
        case 'skills': {
          const ids = sample(r, popular, between(r, 1, 2));
          params.skills = ids.join(',');
          if (ids.length > 1) params.skillsMode = pick(r, ['all', 'any']);
          break;
        }
      }
    }
    cases.push({ kind: [text === 'none' ? [] : [text], ...filters].flat().join('+'), params });
  }
  return cases;
}

export interface RecallTarget {
  skillId: string;
  /** An ESCO alternative label of the skill. */
  synonym: string;
  /** The preferred label with a 1–2 character typo. */
  typo: string;
}

/**
 * Skills to measure recall on: held by at least `minHolders` searchable candidates, with an alternative
 * label and a preferred label long enough to misspell. Chosen at random from those (sorted first, so the
 * seed alone decides).
 */
export function recallTargets(
  r: Rng,
  holders: ReadonlyMap<string, number>,
  tax: BenchTaxonomy,
  count: number,
  minHolders = 3,
): RecallTarget[] {
  const eligible = [...holders]
    .filter(
      ([id, n]) => n >= minHolders && tax.alts.get(id)?.length && typoTarget(tax.preferred.get(id) ?? ''),
    )
    .map(([id]) => id)
    .sort();
  return sample(r, eligible, count).map((skillId) => ({
    skillId,
    synonym: pick(r, tax.alts.get(skillId)!),
    typo: withTypo(tax.preferred.get(skillId)!, r)!,
  }));
}
