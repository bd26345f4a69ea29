import { STOPWORDS, fold, stem } from './text';

/** Labels are short; past this many characters the tail adds cost but no information. */
export const MAX_COMPARED_CHARS = 64;

// Three DP rows reused by every call: the distance runs thousands of times per lookup, and allocating
// per call would dominate.
const ROW_LEN = MAX_COMPARED_CHARS + 1;
let prev2 = new Int32Array(ROW_LEN);
let prev = new Int32Array(ROW_LEN);
let cur = new Int32Array(ROW_LEN);

/**
 * Optimal string alignment distance (Damerau–Levenshtein without repeated edits of one substring):
 * insertions, deletions, substitutions and transpositions of adjacent characters each cost 1. Both
 * strings are cut to their first 64 UTF-16 units.
 */
export function osaDistance(a: string, b: string): number {
  const n = Math.min(a.length, MAX_COMPARED_CHARS);
  const m = Math.min(b.length, MAX_COMPARED_CHARS);
  if (n === 0) return m;
  if (m === 0) return n;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}

/** 1 − distance / longer length, on the first 64 characters: 1 for equal strings, 0 for nothing in common. */
export function editSimilarity(a: string, b: string): number {
  const len = Math.max(Math.min(a.length, MAX_COMPARED_CHARS), Math.min(b.length, MAX_COMPARED_CHARS));
  return len === 0 ? 1 : 1 - osaDistance(a, b) / len;
}

// Two words count as the same word below this edit similarity only if a typo separates them; lower
// values come from unrelated words that happen to share letters ("mig"/"mag", "hygiene"/"safety").
const WORD_MATCH_FLOOR = 0.7;

function wordSimilarity(a: string, b: string, stemA: string, stemB: string): number {
  if (a === b || stemA === stemB) return 1;
  // Short words differ by one letter from too many others ("cook"/"cool") to forgive a typo in them.
  if (a.length < 4 || b.length < 4) return 0;
  // The length difference alone already costs that many edits.
  if (Math.abs(a.length - b.length) > (1 - WORD_MATCH_FLOOR) * Math.max(a.length, b.length)) return 0;
  const s = editSimilarity(a, b);
  return s >= WORD_MATCH_FLOOR ? s : 0;
}

/** A folded text with its words and their stems, split once and compared many times. */
export interface SplitText {
  text: string;
  words: readonly string[];
  stems: readonly string[];
}

export function splitText(folded: string): SplitText {
  const words = folded ? folded.split(' ') : [];
  return { text: folded, words, stems: words.map(stem) };
}

// Filler words ("of", "our", "skills") count this much of a content word, so "help our customers" is
// nearly "help customers".
const FILLER_WEIGHT = 0.25;

function wordWeight(w: string): number {
  return STOPWORDS.has(w) ? FILLER_WEIGHT : 1;
}

/**
 * Soft Dice overlap of two word lists: each word scores its best match in the other list (1 for the
 * same word or stem, the edit similarity for a likely typo, else 0), weighted (filler words count a
 * quarter) and divided by the total weight. Word order does not matter.
 */
export function tokenOverlap(a: SplitText, b: SplitText): number {
  const na = a.words.length;
  const nb = b.words.length;
  if (na === 0 || nb === 0) return na === nb ? 1 : 0;
  let sum = 0;
  let total = 0;
  const bestB = new Float64Array(nb);
  for (let i = 0; i < na; i++) {
    let best = 0;
    for (let j = 0; j < nb; j++) {
      const s = wordSimilarity(a.words[i], b.words[j], a.stems[i], b.stems[j]);
      if (s > best) best = s;
      if (s > bestB[j]) bestB[j] = s;
    }
    const w = wordWeight(a.words[i]);
    sum += w * best;
    total += w;
  }
  for (let j = 0; j < nb; j++) {
    const w = wordWeight(b.words[j]);
    sum += w * bestB[j];
    total += w;
  }
  return sum / total;
}

const SPACE_EDIT_FACTOR = 0.97;

/**
 * Similarity of two folded, split labels. The word view decides: words match when equal, equal after
 * stemming ("cooking"/"cook") or one or two typos apart ("weldng"), in any order. The character view
 * compares the texts without spaces and catches words run together or split ("fork lift"); it is
 * squared, because two labels that share one long word ("code reviews"/"book reviews") are already
 * close character by character without meaning the same thing.
 */
export function splitSimilarity(a: SplitText, b: SplitText): number {
  if (a.text === b.text) return 1;
  if (a.text.length === 0 || b.text.length === 0) return 0;
  // A space added or dropped is still an edit, so "fork lift" stays below an exact match.
  const chars = SPACE_EDIT_FACTOR * editSimilarity(a.text.replaceAll(' ', ''), b.text.replaceAll(' ', ''));
  const words = tokenOverlap(a, b);
  return Math.max(0.9 * words + 0.1 * chars, chars * chars);
}

/** How alike two labels are, in [0, 1], after `fold`: "weldng"/"welding" ≈ 0.86, "mig welding"/"welding mig" ≈ 0.93. */
export function labelSimilarity(a: string, b: string): number {
  return splitSimilarity(splitText(fold(a)), splitText(fold(b)));
}
