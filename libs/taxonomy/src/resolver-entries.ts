import { coreSkills, type EssentialLink } from './core-skills';
import type { LabelEntry, LabelKind } from './label-index';

/**
 * Occupation names in these languages stand for the occupation's core skills when typed as a skill
 * ("kokk", "welder", "طباخ", "кухар"). Others are left out: they would add noise to fuzzy matching and nobody
 * here types them.
 */
export const OCCUPATION_NAME_LANGS = ['nb', 'nn', 'en', 'ar', 'uk'] as const;

/**
 * A term's concepts keep the order the glossary gives them (each next one a hair less sure); an occupation's
 * name is less sure than a word for the skill itself, because it says what someone did, not what they can do.
 */
const TERM_STEP = 0.01;
const OCCUPATION_NAME_WEIGHT = 0.9;

export interface ResolverSources {
  /** ESCO's labels of live skills, any language (`id` is the skill's). */
  skillLabels: readonly { id: string; lang: string; kind: Exclude<LabelKind, 'term'>; label: string }[];
  /** Glossary words in use, in the order written (each concept's main word first). */
  glossary: readonly { lang: string; term: string; skillIds: readonly string[] }[];
  /** Preferred and alternative names of live occupations in OCCUPATION_NAME_LANGS (`id` is the occupation's). */
  occupationNames: readonly { id: string; lang: string; label: string }[];
  essentialLinks: readonly EssentialLink[];
}

export interface ResolverEntries {
  entries: LabelEntry[];
  /**
   * A name for each skill by language: ESCO's preferred label (`en` always, `nb` for some), else, in a language
   * ESCO has none in, the first glossary word that names this skill first, so an Arabic or Ukrainian reader sees
   * "لحام" rather than "operate welding equipment".
   */
  names: Map<string, Map<string, string>>;
}

/**
 * What the skill resolver indexes, from what the taxonomy holds: ESCO's labels, the glossary's words (a term
 * per skill it stands for, weighted in order, tagged `glossary`), and occupation names standing for their core
 * skills (tagged with the occupation's id). One function, so the service and the evaluations resolve alike.
 */
export function resolverEntries(src: ResolverSources): ResolverEntries {
  const names = new Map<string, Map<string, string>>();
  for (const r of src.skillLabels) {
    if (r.kind !== 'preferred') continue;
    const byLang = names.get(r.id) ?? new Map<string, string>();
    byLang.set(r.lang, r.label);
    names.set(r.id, byLang);
  }
  const live = new Set(names.keys());
  for (const g of src.glossary) {
    const byLang = names.get(g.skillIds[0]);
    if (byLang && !byLang.has(g.lang)) byLang.set(g.lang, g.term);
  }
  const entries: LabelEntry[] = src.skillLabels.map((r) => ({
    conceptId: r.id,
    label: r.label,
    kind: r.kind,
    lang: r.lang,
  }));
  for (const g of src.glossary) {
    g.skillIds
      .filter((id) => live.has(id))
      .forEach((id, i) =>
        entries.push({
          conceptId: id,
          label: g.term,
          kind: 'term',
          lang: g.lang,
          weight: 1 - i * TERM_STEP,
          tag: 'glossary',
        }),
      );
  }
  const core = coreSkills(src.essentialLinks);
  for (const n of src.occupationNames) {
    (core.get(n.id) ?? []).forEach((id, i) =>
      entries.push({
        conceptId: id,
        label: n.label,
        kind: 'term',
        lang: n.lang,
        weight: OCCUPATION_NAME_WEIGHT - i * TERM_STEP,
        tag: n.id,
      }),
    );
  }
  return { entries, names };
}
