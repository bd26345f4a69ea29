/**
 * The everyday-text case of the matching eval (eval-matching.ts): the same kind of world as synthetic-world.ts,
 * but both sides type their skills as people do, in the words of the everyday-words set
 * (data/eval/everyday-skills.csv, its dev part, bokmål and English), rather than as ESCO labels.
 *
 * - Openings: up to `count` ESCO occupations with at least `minWords` distinct everyday words for their
 *   essential skills and another occupation in their ISCO unit group. Each asks for up to `maxMustHaves` of those words, in one
 *   language drawn per opening.
 * - Candidates: drawn as drawCandidates draws them (right ones from the opening's occupation, hard distractors
 *   from its ISCO siblings, background from the rest), each in a language of their own; of their skills, those
 *   an everyday word stands for are typed as that word, and the rest are left out, as a person who writes
 *   "oppvask" does not also write "operate dishwashing machine".
 *
 * Every typed word remembers the skill it was typed for, so the same world can be scored twice: with the words
 * resolved as the service resolves text, and with those skills as ESCO ids (what a perfect resolver would give).
 * Pure and seeded, like synthetic-world.ts.
 */
import type { EverydayItem } from '@brobygger/taxonomy';
import {
  drawCandidates,
  pick,
  shuffle,
  siblingsOf,
  type CandidateOptions,
  type Rng,
  type WorldCandidate,
  type WorldTaxonomy,
} from './synthetic-world';

export const EVERYDAY_WORLD_LANGS = ['nb', 'en'] as const;
export type EverydayWorldLang = (typeof EVERYDAY_WORLD_LANGS)[number];

/** A word as typed, and the skill it was typed for (one of the skills the word's item accepts). */
export interface TypedWord {
  text: string;
  skillId: string;
}

export interface EverydayOpening {
  occupationId: string;
  lang: EverydayWorldLang;
  mustHaves: TypedWord[];
}

export interface EverydayCandidate extends WorldCandidate {
  lang: EverydayWorldLang;
  words: TypedWord[];
}

export interface EverydayWorldOptions extends CandidateOptions {
  /**
   * At most this many openings, drawn at random from the eligible occupations: common skills ("work in teams",
   * "lift heavy weights") make hundreds eligible, and every opening adds candidates that every opening ranks.
   */
  count: number;
  /** Only occupations with at least this many distinct everyday words for their essential skills. */
  minWords: number;
  maxMustHaves: number;
}

export interface EverydayWorld {
  openings: EverydayOpening[];
  candidates: EverydayCandidate[];
}

export function drawEverydayWorld(
  t: WorldTaxonomy,
  items: readonly EverydayItem[],
  rnd: Rng,
  o: EverydayWorldOptions,
): EverydayWorld {
  const words = wordsBySkill(items);
  const wordsFor = (skillIds: readonly string[], lang: EverydayWorldLang): TypedWord[] => {
    const seen = new Set<string>();
    const out: TypedWord[] = [];
    for (const skillId of skillIds) {
      const choices = (words.get(lang)?.get(skillId) ?? []).filter((w) => !seen.has(w));
      if (!choices.length) continue;
      const text = pick(choices, rnd);
      seen.add(text);
      out.push({ text, skillId });
    }
    return out;
  };
  const distinctWords = (occupationId: string) =>
    new Set((t.essential.get(occupationId) ?? []).flatMap((s) => words.get('en')?.get(s) ?? [])).size;
  const eligible = [...t.essential.keys()]
    .filter((id) => distinctWords(id) >= o.minWords && siblingsOf(t, id).length > 0)
    .sort();

  const openings = shuffle(eligible, rnd)
    .slice(0, o.count)
    .sort()
    .map((occupationId) => {
      const lang = pick(EVERYDAY_WORLD_LANGS, rnd);
      const mustHaves = wordsFor(shuffle(t.essential.get(occupationId) ?? [], rnd), lang).slice(
        0,
        o.maxMustHaves,
      );
      return { occupationId, lang, mustHaves };
    });
  const candidates = drawCandidates(t, openings, rnd, o).map((c) => {
    const lang = pick(EVERYDAY_WORLD_LANGS, rnd);
    return { ...c, lang, words: wordsFor(c.skillIds, lang) };
  });
  return { openings, candidates };
}

/** Per language, the words that stand for each skill (a word accepting several skills stands for each). */
function wordsBySkill(items: readonly EverydayItem[]): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const item of items) {
    let bySkill = out.get(item.lang);
    if (!bySkill) out.set(item.lang, (bySkill = new Map<string, string[]>()));
    for (const id of item.accepted) bySkill.set(id, [...(bySkill.get(id) ?? []), item.text]);
  }
  return out;
}
