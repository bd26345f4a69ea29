import type { LabelEntry, LabelKind } from './label-index';
import { osaDistance } from './similarity';
import { cleanTitle } from './title-noise';
import { fold } from './text';

export interface TitleSearchOptions {
  /** Languages whose labels rank first, best first (the asked language and its fallback chain). */
  langs?: readonly string[];
  limit?: number;
  /** The last word may be unfinished (autocomplete while typing): it also matches longer words. */
  prefix?: boolean;
}

export interface TitleHit {
  conceptId: string;
  /** In (0, 1]: 1 is a label in a preferred language that is exactly the cleaned title. */
  score: number;
  /** The label that matched best, as written in the data. */
  label: string;
  lang: string;
  kind: LabelKind;
}

// How much a word of the query counts when it only resembles a word of a label.
const MATCH = {
  exact: 1,
  /** A plural or definite form that the vocabulary does not hold, reduced to one it does. */
  variant: 0.95,
  /** The word is the start of a label word: "sveis" of "sveiser" (more as it covers more of it). */
  prefixMin: 0.55,
  prefixMax: 0.85,
  /** The word ends a compound label word: "sjafor" of "bussjafor". */
  compoundTail: 0.6,
  /** One half of a compound that the vocabulary holds only in halves: "truckforer" + "bevis". */
  compoundPart: 0.8,
  /** The known start of a compound whose rest is unknown: "truckforer" of "truckforerbevis". */
  compoundHead: 0.7,
  /** A compound that ends like label words: "kattepasser" and "dyrepasser". */
  sameEnding: 0.5,
  /** One typo (two in long words), in a word of a preferred or a typed language (see TYPED_LANGS). */
  typo: 0.75,
};
const PREFIX_MIN_LEN = 4;
const KNOWN_WORD_PREFIX_DAMP = 0.6;
const LAST_PREFIX_MIN_LEN = 2;
const COMPOUND_TAIL_MIN_LEN = 4;
const COMPOUND_PART_MIN_LEN = 3;
const COMPOUND_HEAD_MIN_LEN = 5;
const TYPO_MIN_LEN = 5;
const TWO_TYPOS_MIN_LEN = 9;
/** Words of a title that count; a longer one is a sentence, and its tail adds cost, not meaning. */
const MAX_QUERY_WORDS = 8;
const HEAD_WORD_WEIGHT = 1.5;
/** The languages Brobygger's users type titles in: a typo may land in one of them, not in any of ESCO's 15. */
const TYPED_LANGS = ['nb', 'nn', 'en', 'ar', 'uk'];
/** Expansions per query word: the commonest words of a prefix come first. */
const MAX_EXPANSIONS = 60;

/** Preferred names are what people type; hidden labels are ESCO's misspellings and outdated terms. */
const KIND_WEIGHT: Readonly<Record<LabelKind, number>> = { preferred: 1, alt: 0.97, hidden: 0.9, term: 0.97 };
/** Labels of the first preferred language, of the rest of the chain, and of every other language. */
const LANG_WEIGHT = { first: 1, chain: 0.93, other: 0.72 };
/** A hit that covers all the query's words beats one that covers the whole of a short label. */
const QUERY_COVERAGE_SHARE = 0.6;

// Endings tried, longest first, on a word the vocabulary lacks: English plurals, Norwegian plural and
// definite forms ("elektrikere", "kokker", "sjaforen"). Only a form the vocabulary holds is kept.
const VARIANT_ENDINGS = ['ene', 'ere', 'ies', 'es', 'er', 'en', 'et', 'a', 'e', 's'];

interface Label {
  concept: number;
  kind: LabelKind;
  lang: string;
  text: string;
  words: Int32Array;
  idfMass: number;
}

type Expansions = Map<number, number>;

/**
 * Job titles → occupations over every label of every language, in memory. A word counts by its rarity
 * (IDF over labels), so "kokk" decides and "assistant" hardly does; a hit is scored by how much of the
 * query's weight and of the label's weight the two share. Words are matched exactly first; a missing word
 * may match as a plural, a prefix, a compound's tail or half, or with a typo, each for less. There is no
 * word the query must contain: any word that matches gives an answer.
 */
export class TitleIndex {
  private readonly concepts: string[] = [];
  private readonly labels: Label[] = [];
  private readonly vocab = new Map<string, number>();
  private readonly words: string[] = [];
  private readonly postings: number[][] = [];
  private readonly idf: number[] = [];
  /** Word ids sorted by word, and by reversed word, for prefix and compound-tail lookups. */
  private readonly sorted: number[];
  private readonly reversed: { key: string; id: number }[];
  /** Word ids by first character and length, for typo lookups. */
  private readonly byShape = new Map<string, number[]>();
  /** Languages each word occurs in. */
  private readonly wordLangs: Set<string>[] = [];
  /** Per search, per label: each query word's best match and the label weight it covers; whether touched. */
  private readonly wordMatch: Float32Array;
  private readonly wordMass: Float32Array;
  private readonly seen: Uint8Array;

  constructor(entries: Iterable<LabelEntry>) {
    const conceptIdx = new Map<string, number>();
    const seen = new Set<string>();
    for (const e of entries) {
      const folded = fold(e.label);
      if (!folded) continue;
      const key = `${e.conceptId}\u0000${e.lang}\u0000${folded}`;
      if (seen.has(key)) continue; // the same label as preferred and alt, or in two kinds
      seen.add(key);
      let c = conceptIdx.get(e.conceptId);
      if (c === undefined) {
        c = this.concepts.push(e.conceptId) - 1;
        conceptIdx.set(e.conceptId, c);
      }
      const ids = [...new Set(folded.split(' '))].map((w) => this.wordId(w, e.lang));
      const label = this.labels.push({
        concept: c,
        kind: e.kind,
        lang: e.lang,
        text: e.label,
        words: Int32Array.from(ids),
        idfMass: 0,
      });
      for (const id of ids) this.postings[id].push(label - 1);
    }
    const n = this.labels.length;
    for (let w = 0; w < this.words.length; w++) this.idf[w] = Math.log(1 + n / this.postings[w].length);
    for (const l of this.labels) for (const w of l.words) l.idfMass += this.idf[w];
    this.wordMatch = new Float32Array(n * MAX_QUERY_WORDS);
    this.wordMass = new Float32Array(n * MAX_QUERY_WORDS);
    this.seen = new Uint8Array(n);
    this.sorted = this.words.map((_, i) => i).sort((a, b) => cmp(this.words[a], this.words[b]));
    this.reversed = this.words
      .map((w, id) => ({ key: [...w].reverse().join(''), id }))
      .sort((a, b) => cmp(a.key, b.key));
    for (let id = 0; id < this.words.length; id++) {
      const shape = `${this.words[id][0]}${this.words[id].length}`;
      (this.byShape.get(shape) ?? this.byShape.set(shape, []).get(shape)!).push(id);
    }
  }

  get size(): number {
    return this.labels.length;
  }

  search(title: string, options: TitleSearchOptions = {}): TitleHit[] {
    const langs = options.langs ?? [];
    const limit = options.limit ?? 10;
    const query = cleanTitle(title).words.slice(0, MAX_QUERY_WORDS);
    if (query.length === 0) return [];
    const lastOpen = options.prefix === true && !/\s$/.test(title);
    const expansions = query
      .flatMap((w, i) => this.expand(w, { prefix: lastOpen && i === query.length - 1, langs }))
      .slice(0, MAX_QUERY_WORDS);
    // A word weighs what its best match weighs: a prefix's rare completions must not inflate it.
    const weights = expansions.map((e) => {
      let best = 0;
      let weight = 0;
      for (const [id, q] of e)
        if (q > best || (q === best && this.idf[id] > weight)) [best, weight] = [q, this.idf[id]];
      return weight;
    });
    // In English the last word of a title is most often its head noun, the occupation itself ("Java
    // developer", ".NET developer", "registered nurse"); the words before it narrow it down. Norwegian
    // titles list occupations instead ("Elektriker / Automatiker"), and compounds carry their own head.
    const head = expansions.length - 1;
    if (head > 0 && [...expansions[head].keys()].some((id) => this.wordLangs[id].has('en'))) {
      weights[head] *= HEAD_WORD_WEIGHT;
    }
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    if (totalWeight === 0) return [];

    // Gathered along the postings into scratch arrays (one search at a time: there is no await here), so a
    // common word's ten thousand labels cost one pass, not a rescan of each label's words.
    const nq = expansions.length;
    const touched: number[] = [];
    for (let q = 0; q < nq; q++) {
      for (const [id, quality] of expansions[q]) {
        const mass = this.idf[id] * quality;
        for (const l of this.postings[id]) {
          if (!this.seen[l]) {
            this.seen[l] = 1;
            touched.push(l);
          }
          // Each query word covers one word of the label, the one it matches best: "nurse" does not cover
          // both words of "nursery nurse".
          const at = l * MAX_QUERY_WORDS + q;
          if (quality > this.wordMatch[at] || (quality === this.wordMatch[at] && mass > this.wordMass[at])) {
            this.wordMatch[at] = quality;
            this.wordMass[at] = mass;
          }
        }
      }
    }

    const best = new Map<number, { score: number; label: number }>();
    for (const l of touched) {
      const label = this.labels[l];
      let queryMass = 0;
      let labelMass = 0;
      for (let at = l * MAX_QUERY_WORDS; at < l * MAX_QUERY_WORDS + nq; at++) {
        queryMass += weights[at - l * MAX_QUERY_WORDS] * this.wordMatch[at];
        labelMass += this.wordMass[at];
        this.wordMatch[at] = 0;
        this.wordMass[at] = 0;
      }
      const coverage =
        QUERY_COVERAGE_SHARE * (queryMass / totalWeight) +
        (1 - QUERY_COVERAGE_SHARE) * Math.min(1, labelMass / label.idfMass);
      this.seen[l] = 0;
      const score = coverage * KIND_WEIGHT[label.kind] * langWeight(label.lang, langs);
      const prev = best.get(label.concept);
      if (!prev || score > prev.score) best.set(label.concept, { score, label: l });
    }
    return [...best.entries()]
      .sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
      .slice(0, limit)
      .map(([c, { score, label }]) => ({
        conceptId: this.concepts[c],
        score: Math.round(score * 1000) / 1000,
        label: this.labels[label].text,
        lang: this.labels[label].lang,
        kind: this.labels[label].kind,
      }));
  }

  /** The vocabulary words one query word stands for, each with how well it matches; may be several words. */
  private expand(word: string, opts: { prefix: boolean; langs: readonly string[] }): Expansions[] {
    const exact = this.vocab.get(word);
    const out: Expansions = new Map();
    if (exact !== undefined) out.set(exact, MATCH.exact);
    else {
      const variant = this.variant(word);
      if (variant !== undefined) out.set(variant, MATCH.variant);
    }
    // A finished word that is known ("nurse") stands for itself; only the word being typed, or an unknown
    // one, also stands for the longer words it starts ("nursery" counts little for "nurse").
    const prefixMin = opts.prefix ? LAST_PREFIX_MIN_LEN : PREFIX_MIN_LEN;
    if (word.length >= prefixMin && (opts.prefix || out.size === 0)) {
      const damp = out.size > 0 ? KNOWN_WORD_PREFIX_DAMP : 1;
      for (const id of this.withPrefix(word)) {
        if (out.has(id)) continue;
        const share = word.length / this.words[id].length;
        out.set(id, damp * (MATCH.prefixMin + (MATCH.prefixMax - MATCH.prefixMin) * share));
      }
    }
    if (word.length >= COMPOUND_TAIL_MIN_LEN) {
      for (const id of this.withSuffix(word)) if (!out.has(id)) out.set(id, MATCH.compoundTail);
    }
    if (exact !== undefined || out.size > 0) return [out];
    const parts = this.split(word);
    if (parts) return parts;
    // Typos are looked for among the preferred languages' words first, so that a typed English title does
    // not drift to a look-alike word of another language; only when there is none, among the words of the
    // languages people here type in (a Norwegian title asked for in English), never Icelandic or Lithuanian.
    const typos = this.typos(word, opts.langs);
    for (const id of typos.length > 0 ? typos : this.typos(word, TYPED_LANGS)) out.set(id, MATCH.typo);
    return [out];
  }

  private variant(word: string): number | undefined {
    for (const ending of VARIANT_ENDINGS) {
      if (!word.endsWith(ending) || word.length - ending.length < 3) continue;
      const base = word.slice(0, -ending.length);
      const id = this.vocab.get(base) ?? (ending === 'ies' ? this.vocab.get(`${base}y`) : undefined);
      if (id !== undefined) return id;
    }
    return undefined;
  }

  /**
   * A compound the vocabulary lacks, by its parts: both halves when it has them ("lager" + "sjef"), else a
   * known head of 5+ letters ("truckforer" of "truckforerbevis"), else the labels' words that end the same
   * way ("kattepasser" → "dyrepasser", "hundepasser").
   */
  private split(word: string): Expansions[] | undefined {
    let halves: [number, number] | undefined;
    let bestMin = 0;
    let head: number | undefined;
    for (let i = COMPOUND_PART_MIN_LEN; i <= word.length - COMPOUND_PART_MIN_LEN; i++) {
      // Norwegian joins with an s or e ("sykepleier", "lagersjef"): the head may end in one.
      const h = this.vocab.get(word.slice(0, i)) ?? this.vocab.get(word.slice(0, i - 1));
      if (h === undefined) continue;
      if (i >= COMPOUND_HEAD_MIN_LEN) head = h;
      const tail = this.vocab.get(word.slice(i));
      const shorter = Math.min(i, word.length - i);
      if (tail !== undefined && shorter > bestMin) [halves, bestMin] = [[h, tail], shorter];
    }
    if (halves) return halves.map((id) => new Map([[id, MATCH.compoundPart]]));
    if (head !== undefined) return [new Map([[head, MATCH.compoundHead]])];
    for (let cut = 2; cut <= word.length - COMPOUND_TAIL_MIN_LEN - 1; cut++) {
      const tail = word.slice(cut);
      const ids = this.withSuffix(tail);
      const own = this.vocab.get(tail);
      if (own !== undefined) ids.push(own);
      if (ids.length > 0) return [new Map(ids.map((id) => [id, MATCH.sameEnding]))];
    }
    return undefined;
  }

  private withPrefix(word: string): number[] {
    let lo = lowerBound(this.sorted.length, (i) => cmp(this.words[this.sorted[i]], word) < 0);
    const ids: number[] = [];
    for (; lo < this.sorted.length; lo++) {
      const id = this.sorted[lo];
      if (!this.words[id].startsWith(word)) break;
      if (this.words[id] !== word) ids.push(id);
    }
    return this.commonest(ids);
  }

  private withSuffix(word: string): number[] {
    const key = [...word].reverse().join('');
    let lo = lowerBound(this.reversed.length, (i) => cmp(this.reversed[i].key, key) < 0);
    const ids: number[] = [];
    for (; lo < this.reversed.length; lo++) {
      const r = this.reversed[lo];
      if (!r.key.startsWith(key)) break;
      // What comes before must be long enough to be a word of its own ("bussjafor"), not a few letters.
      if (r.key !== key && r.key.length - key.length >= COMPOUND_PART_MIN_LEN) ids.push(r.id);
    }
    return this.commonest(ids);
  }

  private commonest(ids: number[]): number[] {
    return ids.length <= MAX_EXPANSIONS
      ? ids
      : ids.sort((a, b) => this.postings[b].length - this.postings[a].length).slice(0, MAX_EXPANSIONS);
  }

  /** Words one typo away (two in long words) that occur in one of `langs`, same first letter. */
  private typos(word: string, langs: readonly string[]): number[] {
    if (word.length < TYPO_MIN_LEN) return [];
    const max = word.length >= TWO_TYPOS_MIN_LEN ? 2 : 1;
    const out: number[] = [];
    for (let len = word.length - max; len <= word.length + max; len++) {
      for (const id of this.byShape.get(`${word[0]}${len}`) ?? []) {
        if (langs.length > 0 && !langs.some((l) => this.wordLangs[id].has(l))) continue;
        if (osaDistance(word, this.words[id]) <= max) out.push(id);
      }
    }
    return out;
  }

  private wordId(word: string, lang: string): number {
    let id = this.vocab.get(word);
    if (id === undefined) {
      id = this.words.push(word) - 1;
      this.vocab.set(word, id);
      this.postings.push([]);
      this.wordLangs.push(new Set());
    }
    this.wordLangs[id].add(lang);
    return id;
  }
}

function langWeight(lang: string, langs: readonly string[]): number {
  if (langs.length === 0) return 1;
  const at = langs.indexOf(lang);
  return at === 0 ? LANG_WEIGHT.first : at > 0 ? LANG_WEIGHT.chain : LANG_WEIGHT.other;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first index in [0, n) for which `before` is false (it must be true, then false). */
function lowerBound(n: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
