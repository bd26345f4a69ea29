/**
 * Ranking and set metrics plus deterministic noise, for evaluation scripts that measure the taxonomy
 * against labelled data. Items with nothing to measure are skipped rather than counted as 0 or 1, and an
 * empty input gives 0.
 */

type Gold = ReadonlySet<string> | readonly string[];

function goldSet(gold: Gold): ReadonlySet<string> {
  return gold instanceof Set ? gold : new Set(gold as readonly string[]);
}

/**
 * Share of items with a right answer among the first `k` ranked ids: the gold id, or any of several accepted
 * ids when more than one answer is right.
 */
export function accuracyAtK(
  results: ReadonlyArray<{ gold: string | Gold; ranked: readonly string[] }>,
  k: number,
): number {
  if (results.length === 0) return 0;
  let hits = 0;
  for (const r of results) {
    const gold = typeof r.gold === 'string' ? new Set([r.gold]) : goldSet(r.gold);
    if (r.ranked.slice(0, k).some((id) => gold.has(id))) hits++;
  }
  return hits / results.length;
}

/**
 * R-precision cut at k: per item, the share of the first min(k, |gold|) ranked ids that are gold, so an
 * item with one gold id is judged on its first result only. Averaged over items with any gold.
 */
export function rPrecisionAtK(
  results: ReadonlyArray<{ gold: Gold; ranked: readonly string[] }>,
  k: number,
): number {
  let sum = 0;
  let n = 0;
  for (const r of results) {
    const gold = goldSet(r.gold);
    if (gold.size === 0) continue;
    const cut = Math.min(k, gold.size);
    const top = new Set(r.ranked.slice(0, cut));
    let hits = 0;
    for (const id of top) if (gold.has(id)) hits++;
    sum += hits / cut;
    n++;
  }
  return n === 0 ? 0 : sum / n;
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
}

/** Micro-averaged precision, recall and F1 of predicted id sets against gold sets (duplicates count once). */
export function setPrecisionRecall(
  results: ReadonlyArray<{ gold: Gold; predicted: readonly string[] }>,
): PrecisionRecall {
  let tp = 0;
  let predicted = 0;
  let relevant = 0;
  for (const r of results) {
    const gold = goldSet(r.gold);
    const pred = new Set(r.predicted);
    for (const id of pred) if (gold.has(id)) tp++;
    predicted += pred.size;
    relevant += gold.size;
  }
  const precision = predicted === 0 ? 0 : tp / predicted;
  const recall = relevant === 0 ? 0 : tp / relevant;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** mulberry32: a tiny seeded generator of floats in [0, 1), so evaluation noise is the same every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// QWERTY neighbours: real typos hit an adjacent key far more often than a random one.
const KEY_NEIGHBOURS: Readonly<Record<string, string>> = {
  q: 'wa',
  w: 'qeas',
  e: 'wrsd',
  r: 'etdf',
  t: 'ryfg',
  y: 'tugh',
  u: 'yihj',
  i: 'uojk',
  o: 'ipkl',
  p: 'ol',
  a: 'qwsz',
  s: 'awedxz',
  d: 'serfcx',
  f: 'drtgvc',
  g: 'ftyhbv',
  h: 'gyujnb',
  j: 'huikmn',
  k: 'jiolm',
  l: 'kop',
  z: 'asx',
  x: 'zsdc',
  c: 'xdfv',
  v: 'cfgb',
  b: 'vghn',
  n: 'bhjm',
  m: 'njk',
};
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';
const LETTER_RE = /\p{L}/u;

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && LETTER_RE.test(ch);
}

function pick<T>(xs: readonly T[], rnd: () => number): T {
  return xs[Math.min(xs.length - 1, Math.floor(rnd() * xs.length))];
}

/** A letter near `ch` on the keyboard, never `ch` itself; the case follows `ch`. */
function nearbyLetter(ch: string, rnd: () => number): string {
  const lower = ch.toLowerCase();
  const options = KEY_NEIGHBOURS[lower] ?? ALPHABET.replace(lower, '');
  const out = pick([...options], rnd);
  return ch !== lower ? out.toUpperCase() : out;
}

type Edit = 'delete' | 'insert' | 'substitute' | 'transpose';
const EDITS: readonly Edit[] = ['delete', 'insert', 'substitute', 'transpose'];

/**
 * Applies `edits` random typos to `s`: deleting a letter, inserting a letter next on the keyboard to its
 * neighbour, substituting a keyboard neighbour, or swapping two adjacent different letters. Only letters
 * are touched, and never the first letter of a word, which people rarely get wrong. A second edit keeps
 * clear of the first, so one edit is exactly one OSA edit away from `s` and two are at most two (fewer
 * if they happen to cancel). Text with no letter that may be edited is returned unchanged. Same `rnd`
 * sequence, same result.
 */
export function injectTypo(s: string, rnd: () => number, edits: 1 | 2): string {
  let chars = [...s];
  let blocked: [number, number] = [-1, -1];
  for (let n = 0; n < edits; n++) {
    const first = EDITS.indexOf(pick(EDITS, rnd));
    for (let attempt = 0; attempt < EDITS.length; attempt++) {
      const next = applyEdit(chars, EDITS[(first + attempt) % EDITS.length], blocked, rnd);
      if (next) {
        chars = next.chars;
        // The changed characters and their neighbours: editing there again could merge the two typos
        // into something OSA counts as three edits ("ab" → "ba" → "bxa").
        blocked = [next.lo - 1, next.hi + 1];
        break;
      }
    }
  }
  return chars.join('');
}

interface EditResult {
  chars: string[];
  /** Range of changed positions in the new text. */
  lo: number;
  hi: number;
}

/** Positions of letters that are not the first letter of their word and lie outside `blocked`. */
function editable(chars: readonly string[], blocked: readonly [number, number]): number[] {
  const out: number[] = [];
  for (let i = 1; i < chars.length; i++) {
    if (i >= blocked[0] && i <= blocked[1]) continue;
    if (isLetter(chars[i]) && isLetter(chars[i - 1])) out.push(i);
  }
  return out;
}

function applyEdit(
  chars: readonly string[],
  edit: Edit,
  blocked: readonly [number, number],
  rnd: () => number,
): EditResult | null {
  const positions = editable(chars, blocked);
  const out = [...chars];
  switch (edit) {
    case 'delete': {
      if (positions.length === 0) return null;
      const i = pick(positions, rnd);
      out.splice(i, 1);
      return { chars: out, lo: i - 1, hi: i };
    }
    case 'insert': {
      if (positions.length === 0) return null;
      // Insert before a non-initial letter, so the new letter sits inside the word.
      const i = pick(positions, rnd);
      out.splice(i, 0, nearbyLetter(chars[i - 1], rnd));
      return { chars: out, lo: i, hi: i };
    }
    case 'substitute': {
      if (positions.length === 0) return null;
      const i = pick(positions, rnd);
      out[i] = nearbyLetter(chars[i], rnd);
      return { chars: out, lo: i, hi: i };
    }
    case 'transpose': {
      const pairs = positions.filter(
        (i) =>
          isLetter(chars[i + 1]) &&
          chars[i] !== chars[i + 1] &&
          !(i + 1 >= blocked[0] && i + 1 <= blocked[1]),
      );
      if (pairs.length === 0) return null;
      const i = pick(pairs, rnd);
      out[i] = chars[i + 1];
      out[i + 1] = chars[i];
      return { chars: out, lo: i, hi: i + 1 };
    }
  }
}

/**
 * Mean reciprocal rank of the first gold id among the first `k` ranked ids (0 when none is there), and the
 * share of items with a gold id at rank 1 and within the first 5. An item may accept several gold ids.
 */
export function rankMetrics(
  results: ReadonlyArray<{ gold: Gold; ranked: readonly string[] }>,
  k = 10,
): { mrr: number; top1: number; top5: number } {
  if (results.length === 0) return { mrr: 0, top1: 0, top5: 0 };
  let mrr = 0;
  let top1 = 0;
  let top5 = 0;
  for (const r of results) {
    const gold = goldSet(r.gold);
    const at = r.ranked.slice(0, k).findIndex((id) => gold.has(id));
    if (at < 0) continue;
    mrr += 1 / (at + 1);
    if (at === 0) top1++;
    if (at < 5) top5++;
  }
  const n = results.length;
  return { mrr: mrr / n, top1: top1 / n, top5: top5 / n };
}
