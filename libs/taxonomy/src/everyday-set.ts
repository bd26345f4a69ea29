/**
 * The everyday-words evaluation set (data/eval/everyday-skills.csv, described in data/eval's source note):
 * skill words as coaches, employers and candidates type them, each with the ESCO skills a careful coach
 * would accept. Read by `npm run eval:taxonomy` and `npm run eval:matching`; never by the running system.
 */
import { parse } from 'csv-parse/sync';
import { SKILL_ID } from '@brobygger/contracts';
import { accuracyAtK } from './metrics';

export const EVERYDAY_LANGS = ['nb', 'en', 'ar', 'uk'] as const;
export type EverydayLang = (typeof EVERYDAY_LANGS)[number];
/** `dev` may be tuned on; `held` is kept apart for reporting (the rule that splits them is in the note). */
export const EVERYDAY_SPLITS = ['dev', 'held'] as const;
export type EverydaySplit = (typeof EVERYDAY_SPLITS)[number];

export interface EverydayItem {
  split: EverydaySplit;
  lang: EverydayLang;
  text: string;
  /** ESCO skill ids, any of which is a right answer. */
  accepted: string[];
  misspelt: boolean;
}

const isOneOf = <T extends string>(values: readonly T[], v: string): v is T =>
  (values as readonly string[]).includes(v);

/**
 * Parses the set, refusing a malformed row with its line and field named: a typo in a hand-written set
 * must stop the evaluation rather than quietly count as a miss.
 */
export function parseEverydaySet(csv: string): EverydayItem[] {
  const rows = parse<Record<string, string>>(csv, { columns: true, skip_empty_lines: true, trim: true });
  return rows.map((r, i) => {
    const where = `everyday set, line ${i + 2}`;
    const { split = '', lang = '', text = '' } = r;
    if (!isOneOf(EVERYDAY_SPLITS, split))
      throw new Error(`${where}: split must be one of ${EVERYDAY_SPLITS.join(', ')}`);
    if (!isOneOf(EVERYDAY_LANGS, lang))
      throw new Error(`${where}: lang must be one of ${EVERYDAY_LANGS.join(', ')}`);
    if (!text) throw new Error(`${where}: text is empty`);
    const accepted = (r.accepted ?? '').split(/\s+/).filter(Boolean);
    if (accepted.length === 0 || !accepted.every((id) => SKILL_ID.test(id)))
      throw new Error(`${where}: accepted must be one or more ESCO skill ids (skill/<uuid>)`);
    if (r.misspelt !== 'yes' && r.misspelt !== 'no') throw new Error(`${where}: misspelt must be yes or no`);
    return { split, lang, text, accepted, misspelt: r.misspelt === 'yes' };
  });
}

/** What the system under test answered for one item: skill ids, best first. */
export interface EverydayAnswer {
  item: EverydayItem;
  /** `POST /taxonomy/normalise`'s skills for the text. */
  normalised: readonly string[];
  /** Skill autocomplete's hits for the text. */
  suggested: readonly string[];
}

export interface EverydayFigures {
  lang: EverydayLang;
  split: EverydaySplit;
  items: number;
  /** Share of items whose top normalised skill is accepted. */
  normaliseAt1: number;
  /** Share of items with an accepted skill among the first five suggestions. */
  autocompleteAt5: number;
}

/** The figures per language and split, in the order of EVERYDAY_LANGS × EVERYDAY_SPLITS; empty cells left out. */
export function everydayFigures(answers: readonly EverydayAnswer[]): EverydayFigures[] {
  return EVERYDAY_LANGS.flatMap((lang) =>
    EVERYDAY_SPLITS.flatMap((split) => {
      const cell = answers.filter((a) => a.item.lang === lang && a.item.split === split);
      if (cell.length === 0) return [];
      const judged = (pick: (a: EverydayAnswer) => readonly string[]) =>
        cell.map((a) => ({ gold: a.item.accepted, ranked: pick(a) }));
      return [
        {
          lang,
          split,
          items: cell.length,
          normaliseAt1: accuracyAtK(
            judged((a) => a.normalised),
            1,
          ),
          autocompleteAt5: accuracyAtK(
            judged((a) => a.suggested),
            5,
          ),
        },
      ];
    }),
  );
}
