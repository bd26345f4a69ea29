import { CEFR_LEVELS, cefrRank, type LanguageDto } from '@brobygger/contracts';

/**
 * The languages language names are indexed in: what staff type (Norwegian, English) and what candidates
 * and interpreters often type (Arabic, Ukrainian, Somali, Tigrinya, Dari/Persian, Russian, Polish).
 */
const NAME_LOCALES = ['nb', 'nn', 'en', 'ar', 'uk', 'so', 'ti', 'fa', 'ru', 'pl'];
const namers = NAME_LOCALES.map((l) => new Intl.DisplayNames([l], { type: 'language', fallback: 'none' }));
const nbNamer = new Intl.DisplayNames(['nb'], { type: 'language', fallback: 'code' });

/** Norwegian in any of its codes; "no" and "nn" speakers are found by a search for "nb" too. */
const NORWEGIAN = new Set(['nb', 'nn', 'no']);

const namesByCode = new Map<string, string[]>();

/** Every search document asks, for a few dozen codes in all: computed once per code. */
export function languageNames(code: string): string[] {
  let names = namesByCode.get(code);
  if (!names) {
    names = [...new Set(namers.flatMap((n) => n.of(code) ?? []))];
    namesByCode.set(code, names);
  }
  return names;
}

/** A language's name in bokmål, for facet labels. */
export function languageLabel(code: string): string {
  return nbNamer.of(code) ?? code;
}

const LEVEL_NAMES = [...CEFR_LEVELS, 'native'];

/** Every token up to the level reached: filtering "at least B1" is then asking for the token `nb:B1`. */
export function languageLevelTokens(languages: LanguageDto[]): string[] {
  const tokens = new Set<string>();
  for (const l of languages) {
    const codes = NORWEGIAN.has(l.code) ? [l.code, 'nb'] : [l.code];
    const spoken = cefrRank(l.spoken, l.native);
    const written = cefrRank(l.written, l.native);
    for (const code of codes) {
      for (let r = 1; r <= spoken; r++) tokens.add(`${code}:${LEVEL_NAMES[r - 1]}`);
      for (let r = 1; r <= written; r++) tokens.add(`${code}:${LEVEL_NAMES[r - 1]}:written`);
    }
  }
  return [...tokens];
}

export function levelName(l: LanguageDto): string {
  return l.native ? 'native' : (l.spoken ?? 'unknown');
}

/** The best spoken Norwegian level, or "none". */
export function norwegianLevel(languages: LanguageDto[]): string {
  const best = Math.max(
    0,
    ...languages.filter((l) => NORWEGIAN.has(l.code)).map((l) => cefrRank(l.spoken, l.native)),
  );
  return best === 0 ? 'none' : LEVEL_NAMES[best - 1];
}

/** Normalises a filter like `nb:B1:spoken` to the index token `nb:B1`. */
export function languageFilterToken(filter: string): string {
  return filter.replace(/:spoken$/, '');
}
