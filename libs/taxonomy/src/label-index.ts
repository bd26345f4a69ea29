import { IntBuffer } from './int-buffer';
import { type SplitText, splitSimilarity, splitText } from './similarity';
import { FUNCTION_WORDS, STOPWORDS, fold, stem } from './text';

/**
 * `term` is not an ESCO label of the concept but a word people use for it: a glossary entry ("renhold" for the
 * cleaning skills) or an occupation's name standing for its core skills ("kokk"). A term may point at several
 * concepts, best first, which `weight` orders.
 */
export type LabelKind = 'preferred' | 'alt' | 'hidden' | 'term';

export interface LabelEntry {
  conceptId: string;
  label: string;
  kind: LabelKind;
  lang: string;
  /** In (0, 1], default 1: multiplies the confidence of a match on this entry (a term's second concept). */
  weight?: number;
  /** Where the entry comes from (e.g. `glossary`, `occupation/<uuid>`), handed back with a match. */
  tag?: string;
}

/** How generally useful a concept is, in [0, 1]; see `REUSE_LEVEL_PRIOR`. */
export interface ConceptPrior {
  conceptId: string;
  prior: number;
}

export interface LabelMatch {
  conceptId: string;
  label: string;
  kind: LabelKind;
  tag?: string;
}

export interface LookupResult extends LabelMatch {
  confidence: number;
}

export interface ExtractedSkill {
  conceptId: string;
  confidence: number;
  /** Folded words of the text that produced the hit: the phrase itself, or the label's words found. */
  matched: string;
  /** The concept's label those words matched. */
  label: string;
}

export interface ExtractOptions {
  limit?: number;
  minConfidence?: number;
}

export interface ConceptLabel {
  label: string;
  kind: LabelKind;
  lang: string;
}

/** ESCO reuse level → prior: skills usable in more jobs are a slightly safer guess. */
export const REUSE_LEVEL_PRIOR: Readonly<Record<string, number>> = {
  transversal: 1,
  'cross-sector': 0.75,
  'sector-specific': 0.5,
  'occupation-specific': 0.25,
};

/** `ConceptPrior[]` in the form the `LabelIndex` constructor takes. */
export function priorMap(priors: readonly ConceptPrior[]): Map<string, number> {
  return new Map(priors.map((p) => [p.conceptId, p.prior]));
}

const KINDS: readonly LabelKind[] = ['preferred', 'alt', 'hidden', 'term'];
const KIND_CODE: Readonly<Record<LabelKind, number>> = { preferred: 0, alt: 1, hidden: 2, term: 3 };
/**
 * Which of two equally confident matches wins: ESCO's own name of a concept, then a curated term, then an
 * alternative label. ESCO's alternative labels are often a broader or narrower term of some other concept's
 * name ("CSS" is the name of one skill and an alternative label of "style sheet languages").
 */
const TIE_ORDER = [0, 2, 3, 1];

// Hidden labels are misspellings and outdated terms ESCO keeps for search, so a match on one is a little
// less certain than a match on a name ESCO shows.
const LOOKUP_KIND_WEIGHT = [1, 0.99, 0.95, 1];
const EXACT_CONFIDENCE = [1, 1, 0.95, 1];
// A prior moves a score by at most this fraction: it should break near-ties, not overrule the text.
// (On the ESCO extraction benchmark a stronger prior did not help.)
const PRIOR_WEIGHT = 0.04;

// Lookup rescoring costs one edit distance per label of each candidate concept. This many best trigram
// matches kept the right concept in the pool for 99 % of ESCO labels with two typos, at a few
// milliseconds per lookup on the full index; 150 cost twice the time for no gain.
const LOOKUP_CANDIDATE_ENTRIES = 80;
const LOOKUP_MIN_DICE = 0.15;
const MAX_LOOKUP_CHARS = 256;
const DICE_BINS = 100;
// Trigrams in more than 5 % of labels (at least 2,000) are skipped when gathering candidates.
const COMMON_TRIGRAM_MIN = 2000;
const COMMON_TRIGRAM_SHARE = 0.05;
// Below 1, because 1 means "this is literally one of the concept's labels".
const MAX_FUZZY_CONFIDENCE = 0.99;

const MAX_PHRASE_TOKENS = 6;
const DEFAULT_EXTRACT_LIMIT = 10;
// On the ESCO benchmark 0.35 keeps precision and recall about equal (0.32 / 0.34, 1.6 skills per
// sentence; 0.4 gives 0.41 / 0.31). The benchmark leaves many true mentions unlabelled, so real precision
// is higher, and a lone rare word ("forklift" for "operate forklift") lands just above 0.35.
const DEFAULT_EXTRACT_MIN_CONFIDENCE = 0.35;

/**
 * Weights of the extraction score (see `LabelIndex.extract`), set by a small grid search for
 * R-precision@5 on the human-labelled ESCO skill extraction benchmark. Only the kind weights, the BM25
 * share and the prefix credit moved the result by more than 0.01; the rest are round values.
 */
const EXTRACT = {
  /** Label kind weights. Annotators, like ad writers, use ESCO's preferred names; alt labels are often a
   * broader or narrower term ("agile" is an alt label of "ICT project management methodologies"). */
  kindWeight: [1, 0.65, 0.8, 0.8],
  /** A whole label found as a phrase scores between this and 1, by how rare its words are; a one-word
   * label starts lower because common words ("data", "design") are labels of many things. */
  phraseBase: 0.75,
  phraseBaseOneWord: 0.5,
  /** Ceiling for a label whose words are found, not necessarily as one phrase. */
  contentMax: 0.85,
  /** Share of the content score that depends on label words standing next to each other in the text. */
  adjacencyWeight: 0.35,
  /** Share of the content score that depends on how rare the matched words are. */
  rarityWeight: 0.4,
  /** IDF mass at which a match counts as 63 % rare (1 − 1/e). */
  rarityScale: 5,
  /** Credit for a word that only shares a long prefix with a label word ("persuade"/"persuasive"). */
  prefixMatchWeight: 0.5,
  prefixMinLength: 5,
  /** ... and that prefix must cover this share of the shorter word. */
  prefixMinShare: 0.7,
  /** Share of the final score that follows the concept's BM25 rank among this segment's concepts. */
  bm25Share: 0.8,
  bm25K1: 1.2,
  bm25B: 0.75,
};

// Sentence ends, semicolons, line breaks and bullets separate mentions: a label's words found on both
// sides of one of these are not one mention.
const SEGMENT_SPLIT_RE = /(?<=[.!?])\s+|[;\n\r•▪●◦|]+/u;

interface Hit {
  score: number;
  entry: number;
  matched: string;
}

/** A segment's content words: which label words occur where, and how much each counts. */
interface ContentQuery {
  /** Vocabulary word → positions among the segment's content words. */
  positions: Map<number, number[]>;
  /** 1 for a word of the text, `prefixMatchWeight` for a label word that only shares a prefix with one. */
  weight: Map<number, number>;
  /** Folded word and its stem at each content position, for `matched`. */
  wordAt: string[];
  stemAt: string[];
}

/**
 * In-memory index of concept labels (ESCO skills or occupations, any language) for resolving what a
 * person typed and for finding skills in job-ad text. Built once; queries only read it (apart from
 * scratch arrays used within one synchronous call), so one instance can serve every request.
 *
 * Everything per label lives in flat typed arrays indexed by entry number: 120k labels as objects with
 * their own arrays of trigrams and words would cost several times the memory and build time.
 */
export class LabelIndex {
  private readonly conceptIds: string[] = [];
  private readonly conceptIndex = new Map<string, number>();
  private readonly conceptOf: Int32Array;
  private readonly kinds: Uint8Array;
  private readonly weights: Float32Array;
  private readonly langOf: Uint16Array;
  private readonly langs: string[] = [];
  private readonly tagOf: Uint16Array;
  private readonly tags: string[] = [''];
  private readonly labels: string[];
  private readonly folded: string[];
  /** Stems of the folded label, space-separated: the phrase key, and the word view for lookup. */
  private readonly stemmed: string[];
  private readonly priorFactor: Float32Array;
  /** Entries of concept c are conceptEntries[conceptStart[c] .. conceptStart[c + 1]), preferred first. */
  private readonly conceptStart: Int32Array;
  private readonly conceptEntries: Int32Array;

  /** Folded label → its last entry; earlier entries with the same folded label follow via exactNext. */
  private readonly exactHead = new Map<string, number>();
  private readonly exactNext: Int32Array;
  /** The same over the label's stemmed words, which is what phrases of a text are compared with. */
  private readonly phraseHead = new Map<string, number>();
  private readonly phraseNext: Int32Array;

  /** Character trigram → entries containing it. */
  private readonly trigramIds = new Map<number, number>();
  private readonly trigramStart: Int32Array;
  private readonly trigramPostings: Int32Array;
  private readonly trigramCount: Uint16Array;

  /** Stemmed content word → id; each entry's content words in label order; word → entries. */
  private readonly vocab = new Map<string, number>();
  private readonly vocabWords: string[];
  /** First `prefixMinLength` letters → words of the vocabulary starting with them. */
  private readonly prefixIndex = new Map<string, number[]>();
  private readonly entryTokenStart: Int32Array;
  private readonly entryTokens: Int32Array;
  private readonly tokenStart: Int32Array;
  private readonly tokenPostings: Int32Array;
  private readonly idf: Float32Array;
  private readonly entryIdfSum: Float32Array;
  /** BM25 document length of a concept: content words over all its labels. */
  private readonly conceptLength: Float32Array;
  private readonly meanConceptLength: number;

  // Scratch for queries, allocated once. Queries never await, so no two use it at once.
  private readonly hits: Uint16Array;
  private readonly seen: Uint32Array;
  private seenMark = 0;
  private readonly conceptTf: Float64Array;
  private readonly conceptBm25: Float64Array;

  constructor(entries: readonly LabelEntry[], priors?: ReadonlyMap<string, number>) {
    const n = entries.length;
    this.conceptOf = new Int32Array(n);
    this.kinds = new Uint8Array(n);
    this.weights = new Float32Array(n);
    this.langOf = new Uint16Array(n);
    this.tagOf = new Uint16Array(n);
    this.labels = new Array<string>(n);
    this.folded = new Array<string>(n);
    this.stemmed = new Array<string>(n);
    this.exactNext = new Int32Array(n).fill(-1);
    this.phraseNext = new Int32Array(n).fill(-1);
    this.hits = new Uint16Array(n);
    this.seen = new Uint32Array(n);
    this.entryTokenStart = new Int32Array(n + 1);

    const langIndex = new Map<string, number>();
    const tagIndex = new Map<string, number>([['', 0]]);
    const trigramOffset = new Int32Array(n + 1);
    const trigramSeq = new IntBuffer(n * 16);
    const trigramLastEntry = new IntBuffer(1 << 14);
    const tokenSeq = new IntBuffer(n * 3);

    for (let e = 0; e < n; e++) {
      const entry = entries[e];
      this.conceptOf[e] = intern(this.conceptIndex, this.conceptIds, entry.conceptId);
      this.langOf[e] = intern(langIndex, this.langs, entry.lang);
      this.kinds[e] = KIND_CODE[entry.kind];
      this.weights[e] = clamp01(entry.weight ?? 1);
      this.tagOf[e] = intern(tagIndex, this.tags, entry.tag ?? '');
      this.labels[e] = entry.label;
      const f = fold(entry.label);
      this.folded[e] = f;
      chain(this.exactHead, this.exactNext, f, e);

      const words = f ? f.split(' ') : [];
      const stems = words.map(stem);
      this.stemmed[e] = stems.join(' ');
      chain(this.phraseHead, this.phraseNext, this.stemmed[e], e);
      const content = stems.filter((_, i) => !FUNCTION_WORDS.has(words[i]));
      for (const s of content.length ? content : stems) {
        let t = this.vocab.get(s);
        if (t === undefined) {
          t = this.vocab.size;
          this.vocab.set(s, t);
        }
        tokenSeq.push(t);
      }
      this.entryTokenStart[e + 1] = tokenSeq.length;

      const padded = ` ${f} `;
      for (let j = 0; j + 3 <= padded.length; j++) {
        const code = trigramCode(padded, j);
        let id = this.trigramIds.get(code);
        if (id === undefined) {
          id = this.trigramIds.size;
          this.trigramIds.set(code, id);
          trigramLastEntry.push(-1);
        }
        // One posting per entry and trigram, so a repeated trigram does not count twice.
        if (trigramLastEntry.get(id) !== e) {
          trigramLastEntry.set(id, e);
          trigramSeq.push(id);
        }
      }
      trigramOffset[e + 1] = trigramSeq.length;
    }
    this.entryTokens = tokenSeq.toArray();

    this.trigramCount = new Uint16Array(n);
    for (let e = 0; e < n; e++)
      this.trigramCount[e] = Math.min(0xffff, trigramOffset[e + 1] - trigramOffset[e]);
    [this.trigramStart, this.trigramPostings] = invert(
      trigramSeq.toArray(),
      trigramOffset,
      this.trigramIds.size,
    );
    [this.tokenStart, this.tokenPostings] = invert(this.entryTokens, this.entryTokenStart, this.vocab.size);

    this.vocabWords = [...this.vocab.keys()];
    for (let t = 0; t < this.vocabWords.length; t++) {
      const word = this.vocabWords[t];
      if (word.length < EXTRACT.prefixMinLength || !/^[a-z]+$/.test(word)) continue;
      const key = word.slice(0, EXTRACT.prefixMinLength);
      const list = this.prefixIndex.get(key);
      if (list) list.push(t);
      else this.prefixIndex.set(key, [t]);
    }

    const nc = this.conceptIds.length;
    [this.conceptStart, this.conceptEntries] = groupByConcept(this.conceptOf, this.kinds, nc);
    this.conceptTf = new Float64Array(nc);
    this.conceptBm25 = new Float64Array(nc);

    // IDF over concepts, not labels: a concept with twenty synonyms that say "welding" is still one
    // welding skill.
    const df = new Int32Array(this.vocab.size);
    const lastConcept = new Int32Array(this.vocab.size).fill(-1);
    this.conceptLength = new Float32Array(nc);
    for (let c = 0; c < nc; c++) {
      for (let k = this.conceptStart[c]; k < this.conceptStart[c + 1]; k++) {
        const e = this.conceptEntries[k];
        this.conceptLength[c] += this.entryTokenStart[e + 1] - this.entryTokenStart[e];
        for (let p = this.entryTokenStart[e]; p < this.entryTokenStart[e + 1]; p++) {
          const t = this.entryTokens[p];
          if (lastConcept[t] !== c) {
            lastConcept[t] = c;
            df[t]++;
          }
        }
      }
    }
    this.meanConceptLength = nc ? Math.max(1, this.entryTokens.length / nc) : 1;
    this.idf = new Float32Array(this.vocab.size);
    for (let t = 0; t < df.length; t++) this.idf[t] = Math.log(1 + (nc - df[t] + 0.5) / (df[t] + 0.5));
    this.entryIdfSum = new Float32Array(n);
    for (let e = 0; e < n; e++) {
      let sum = 0;
      for (let p = this.entryTokenStart[e]; p < this.entryTokenStart[e + 1]; p++)
        sum += this.idf[this.entryTokens[p]];
      this.entryIdfSum[e] = sum;
    }

    this.priorFactor = new Float32Array(nc).fill(1);
    if (priors) {
      for (let c = 0; c < nc; c++) {
        const prior = priors.get(this.conceptIds[c]);
        if (prior !== undefined) this.priorFactor[c] = 1 - PRIOR_WEIGHT * (1 - clamp01(prior));
      }
    }
  }

  /** Number of label entries. */
  get size(): number {
    return this.kinds.length;
  }

  /** Labels of one concept: preferred first, then alt, then hidden, each in input order. */
  labelsOf(conceptId: string): ConceptLabel[] {
    const c = this.conceptIndex.get(conceptId);
    if (c === undefined) return [];
    return this.entriesOf(c).map((e) => ({
      label: this.labels[e],
      kind: KINDS[this.kinds[e]],
      lang: this.langs[this.langOf[e]],
    }));
  }

  /** Entries whose folded label equals the folded text: preferred first, then alt, then hidden. */
  exact(text: string): LabelMatch[] {
    return this.exactEntries(fold(text)).map((e) => this.match(e));
  }

  /**
   * Best `k` concepts for a short text someone typed (a skill or job name, perhaps misspelt or worded a
   * little differently from every label). An exact label scores 1 (0.95 for a hidden one). Otherwise the
   * labels sharing most character trigrams are gathered, all labels of their concepts are compared with
   * `labelSimilarity`, and each concept keeps its best label; preferred labels and concepts with a high
   * prior get a small boost. A confidence of 0.6 or more is usually right; text that resembles no label
   * stays below 0.5. Ties are broken by concept id.
   */
  lookup(text: string, k = 5, opts: { exactSuffices?: boolean } = {}): LookupResult[] {
    const f = fold(text);
    if (!f || k <= 0) return [];
    const query = splitText(f);
    const best = new Map<number, { confidence: number; entry: number }>();
    for (const e of this.exactEntries(f)) {
      const c = this.conceptOf[e];
      const confidence = EXACT_CONFIDENCE[this.kinds[e]] * this.weights[e];
      const prev = best.get(c);
      if (!prev || confidence > prev.confidence) best.set(c, { confidence, entry: e });
    }

    // With `exactSuffices`, a text that is a preferred or alternative label word for word gets no fuzzy search:
    // no fuzzy candidate could rank above it (they are capped below 1), and that search is most of the cost.
    const exactOnly = opts.exactSuffices === true && [...best.values()].some((b) => b.confidence === 1);
    for (const c of exactOnly ? [] : this.trigramCandidates(f)) {
      if (best.has(c)) continue;
      let bestScore = -1;
      let bestEntry = -1;
      for (const e of this.entriesOf(c)) {
        const s = splitSimilarity(query, this.split(e)) * LOOKUP_KIND_WEIGHT[this.kinds[e]] * this.weights[e];
        if (s > bestScore) {
          bestScore = s;
          bestEntry = e;
        }
      }
      const confidence = Math.min(MAX_FUZZY_CONFIDENCE, calibrateLookup(bestScore) * this.priorFactor[c]);
      best.set(c, { confidence, entry: bestEntry });
    }

    return [...best.values()]
      .map(({ confidence, entry }) => ({ entry, confidence: round4(confidence) }))
      .sort(
        (a, b) =>
          b.confidence - a.confidence ||
          TIE_ORDER[this.kinds[a.entry]] - TIE_ORDER[this.kinds[b.entry]] ||
          compareIds(this.conceptIds[this.conceptOf[a.entry]], this.conceptIds[this.conceptOf[b.entry]]),
      )
      .slice(0, k)
      .map(({ entry, confidence }) => ({ ...this.match(entry), confidence }));
  }

  /**
   * Concepts mentioned in a sentence or paragraph of a job ad, best first (ties by concept id).
   *
   * The text is cut into segments at sentence ends, semicolons, line breaks and bullets, and each segment
   * is scored on its own:
   * 1. Phrases: any 1–6 consecutive words whose stems equal a label's stems ("MIG welding") score
   *    between 0.75 and 1 (one-word labels from 0.5), higher the rarer the label's words.
   * 2. Content words: for every label sharing a content word with the segment, the IDF-weighted share
   *    of the label's words present (a word sharing a long prefix with a label word counts half), times
   *    how many of the label's word pairs stand next to each other in the text, times how rare the
   *    matched words are. A label whose words are all present scores far above one sharing a single
   *    common word; "problem-solving" finds "solve problems".
   * 3. Each concept keeps its best label, weighted by kind (preferred 1, hidden 0.8, alt 0.65), then by
   *    its BM25 score over all its labels' words relative to the best concept of the segment: a concept
   *    whose labels keep returning to the segment's words beats one that matched by a single synonym.
   * Over segments each concept keeps its best score; a low prior lowers it by up to 4 %.
   * `matched` holds the folded words that produced the score.
   */
  extract(paragraph: string, opts: ExtractOptions = {}): ExtractedSkill[] {
    const limit = opts.limit ?? DEFAULT_EXTRACT_LIMIT;
    const minConfidence = opts.minConfidence ?? DEFAULT_EXTRACT_MIN_CONFIDENCE;
    const best = new Map<number, Hit>();
    for (const segment of paragraph.split(SEGMENT_SPLIT_RE)) {
      const words = segment ? fold(segment).split(' ').filter(Boolean) : [];
      if (words.length === 0) continue;
      const stems = words.map(stem);
      const hits = new Map<number, Hit>();
      this.matchPhrases(words, stems, hits);
      const query = this.contentQuery(words, stems);
      this.matchContent(query, hits);
      const relevance = this.relativeBm25(query, hits);
      for (const [c, hit] of hits) {
        const share = EXTRACT.bm25Share;
        const score = hit.score * (1 - share + share * (relevance.get(c) ?? 0)) * this.priorFactor[c];
        keepBest(best, c, { ...hit, score });
      }
    }
    const out: ExtractedSkill[] = [];
    for (const [c, hit] of best) {
      const confidence = round4(hit.score);
      if (confidence > 0 && confidence >= minConfidence) {
        out.push({
          conceptId: this.conceptIds[c],
          confidence,
          matched: hit.matched,
          label: this.labels[hit.entry],
        });
      }
    }
    return out
      .sort((a, b) => b.confidence - a.confidence || compareIds(a.conceptId, b.conceptId))
      .slice(0, Math.max(0, limit));
  }

  private matchPhrases(words: readonly string[], stems: readonly string[], hits: Map<number, Hit>): void {
    for (let i = 0; i < words.length; i++) {
      let key = '';
      for (let len = 1; len <= MAX_PHRASE_TOKENS && i + len <= words.length; len++) {
        key = len === 1 ? stems[i] : `${key} ${stems[i + len - 1]}`;
        // A lone "experience" or "plus" in an ad is filler even if some label happens to be that word.
        if (len === 1 && STOPWORDS.has(words[i])) continue;
        for (let e = this.phraseHead.get(key) ?? -1; e >= 0; e = this.phraseNext[e]) {
          const oneWord = this.entryTokenStart[e + 1] - this.entryTokenStart[e] <= 1;
          const base = oneWord ? EXTRACT.phraseBaseOneWord : EXTRACT.phraseBase;
          const score =
            (base + (1 - base) * rarity(this.entryIdfSum[e])) *
            EXTRACT.kindWeight[this.kinds[e]] *
            this.weights[e];
          keepBest(hits, this.conceptOf[e], { score, entry: e, matched: words.slice(i, i + len).join(' ') });
        }
      }
    }
  }

  private contentQuery(words: readonly string[], stems: readonly string[]): ContentQuery {
    // Positions count content words only, so in "analytical and problem-solving" "problem" comes right
    // after "analytical".
    const positions = new Map<number, number[]>();
    const weight = new Map<number, number>();
    const wordAt: string[] = [];
    const stemAt: string[] = [];
    const add = (t: number, at: number, w: number) => {
      const list = positions.get(t);
      if (list) list.push(at);
      else positions.set(t, [at]);
      weight.set(t, Math.max(w, weight.get(t) ?? 0));
    };
    for (let i = 0; i < words.length; i++) {
      if (STOPWORDS.has(words[i])) continue;
      const at = wordAt.length;
      wordAt.push(words[i]);
      stemAt.push(stems[i]);
      const t = this.vocab.get(stems[i]);
      if (t !== undefined) add(t, at, 1);
      for (const related of this.prefixRelatives(stems[i]))
        if (related !== t) add(related, at, EXTRACT.prefixMatchWeight);
    }
    return { positions, weight, wordAt, stemAt };
  }

  /** Vocabulary words sharing a long prefix with `word`: "persuad" finds "persuasiv". */
  private prefixRelatives(word: string): number[] {
    const min = EXTRACT.prefixMinLength;
    if (word.length < min) return [];
    const out: number[] = [];
    for (const t of this.prefixIndex.get(word.slice(0, min)) ?? []) {
      const other = this.vocabWords[t];
      let common = min;
      while (common < word.length && common < other.length && word[common] === other[common]) common++;
      if (common >= EXTRACT.prefixMinShare * Math.min(word.length, other.length)) out.push(t);
    }
    return out;
  }

  private matchContent(query: ContentQuery, hits: Map<number, Hit>): void {
    const mark = this.nextSeenMark();
    for (const t of query.positions.keys()) {
      for (let p = this.tokenStart[t]; p < this.tokenStart[t + 1]; p++) {
        const e = this.tokenPostings[p];
        if (this.seen[e] === mark) continue;
        this.seen[e] = mark;
        this.scoreContent(e, query, hits);
      }
    }
  }

  private scoreContent(e: number, query: ContentQuery, hits: Map<number, Hit>): void {
    const { positions, weight } = query;
    const start = this.entryTokenStart[e];
    const end = this.entryTokenStart[e + 1];
    let matchedIdf = 0;
    for (let p = start; p < end; p++) {
      const t = this.entryTokens[p];
      const w = weight.get(t);
      if (w !== undefined) matchedIdf += w * this.idf[t];
    }
    const total = this.entryIdfSum[e];
    if (matchedIdf <= 0 || total <= 0) return;
    let adjacency = 1;
    if (end - start > 1) {
      let sum = 0;
      for (let p = start; p + 1 < end; p++) {
        const a = positions.get(this.entryTokens[p]);
        const b = positions.get(this.entryTokens[p + 1]);
        if (a && b) sum += pairAdjacency(a, b);
      }
      adjacency = sum / (end - start - 1);
    }
    const coverage = Math.min(1, matchedIdf / total);
    const score =
      EXTRACT.contentMax *
      coverage *
      (1 - EXTRACT.adjacencyWeight + EXTRACT.adjacencyWeight * adjacency) *
      (1 - EXTRACT.rarityWeight + EXTRACT.rarityWeight * rarity(matchedIdf)) *
      EXTRACT.kindWeight[this.kinds[e]] *
      this.weights[e];
    const c = this.conceptOf[e];
    const prev = hits.get(c);
    if (prev && prev.score >= score) return;
    keepBest(hits, c, { score, entry: e, matched: this.matchedWords(e, query) });
  }

  /** The segment's words that matched label `e`, in text order. */
  private matchedWords(e: number, query: ContentQuery): string {
    const at = new Set<number>();
    for (let p = this.entryTokenStart[e]; p < this.entryTokenStart[e + 1]; p++) {
      const t = this.entryTokens[p];
      const found = query.positions.get(t);
      // Show the word itself where the text has it, not a word that only shares its prefix.
      if (found) at.add(found.find((i) => query.stemAt[i] === this.vocabWords[t]) ?? found[0]);
    }
    return [...at]
      .sort((x, y) => x - y)
      .map((i) => query.wordAt[i])
      .join(' ');
  }

  /**
   * BM25 of each hit concept, its labels' words taken together as one document, divided by the best
   * in the segment. Relative, so it only reorders the segment's concepts and never lifts a weak match.
   */
  private relativeBm25(query: ContentQuery, hits: ReadonlyMap<number, Hit>): Map<number, number> {
    const { bm25K1: k1, bm25B: b } = EXTRACT;
    const touched: number[] = [];
    for (const [t, w] of query.weight) {
      const counted: number[] = [];
      for (let p = this.tokenStart[t]; p < this.tokenStart[t + 1]; p++) {
        const c = this.conceptOf[this.tokenPostings[p]];
        if (this.conceptTf[c]++ === 0) counted.push(c);
      }
      for (const c of counted) {
        const tf = this.conceptTf[c];
        this.conceptTf[c] = 0;
        const norm = k1 * (1 - b + (b * this.conceptLength[c]) / this.meanConceptLength);
        if (this.conceptBm25[c] === 0) touched.push(c);
        this.conceptBm25[c] += (w * this.idf[t] * tf * (k1 + 1)) / (tf + norm);
      }
    }
    let max = 0;
    for (const c of hits.keys()) max = Math.max(max, this.conceptBm25[c]);
    const out = new Map<number, number>();
    for (const c of hits.keys()) out.set(c, max > 0 ? this.conceptBm25[c] / max : 0);
    for (const c of touched) this.conceptBm25[c] = 0;
    return out;
  }

  /** Concepts of the entries sharing most character trigrams with the folded text, best first. */
  private trigramCandidates(f: string): number[] {
    // Lookup is for short texts; the cut also keeps per-entry hit counts far below the Uint16 limit.
    const padded = ` ${f.slice(0, MAX_LOOKUP_CHARS)} `;
    const codes = new Set<number>();
    const ids: number[] = [];
    for (let j = 0; j + 3 <= padded.length; j++) {
      const code = trigramCode(padded, j);
      if (codes.has(code)) continue;
      codes.add(code);
      const id = this.trigramIds.get(code);
      if (id !== undefined) ids.push(id);
    }
    const touched: number[] = [];
    // Trigrams such as "ing" or " co" occur in thousands of labels: walking their postings is most of the
    // cost and they barely separate candidates. They still count in the query's trigram total.
    const limit = Math.max(COMMON_TRIGRAM_MIN, this.size * COMMON_TRIGRAM_SHARE);
    const postings = (id: number) => this.trigramStart[id + 1] - this.trigramStart[id];
    // A text made only of common trigrams ("sing") still needs candidates.
    const allCommon = ids.every((id) => postings(id) > limit);
    for (const id of ids) {
      if (!allCommon && postings(id) > limit) continue;
      for (let p = this.trigramStart[id]; p < this.trigramStart[id + 1]; p++) {
        const e = this.trigramPostings[p];
        if (this.hits[e]++ === 0) touched.push(e);
      }
    }
    // Only the best few hundred of possibly tens of thousands of entries matter: a histogram of Dice
    // values finds the cut-off, and only entries above it are sorted.
    const dice = new Float32Array(touched.length);
    const bins = new Int32Array(DICE_BINS + 1);
    for (let i = 0; i < touched.length; i++) {
      const e = touched[i];
      dice[i] = (2 * this.hits[e]) / (codes.size + this.trigramCount[e]);
      this.hits[e] = 0;
      if (dice[i] >= LOOKUP_MIN_DICE) bins[Math.min(DICE_BINS, Math.floor(dice[i] * DICE_BINS))]++;
    }
    let cutBin = DICE_BINS;
    let above = bins[DICE_BINS];
    while (cutBin > 0 && above < LOOKUP_CANDIDATE_ENTRIES) above += bins[--cutBin];
    const cut = Math.max(LOOKUP_MIN_DICE, cutBin / DICE_BINS);
    const scored: Array<{ e: number; dice: number }> = [];
    for (let i = 0; i < touched.length; i++)
      if (dice[i] >= cut) scored.push({ e: touched[i], dice: dice[i] });
    scored.sort((a, b) => b.dice - a.dice || a.e - b.e);
    const concepts: number[] = [];
    const taken = new Set<number>();
    for (let i = 0; i < scored.length && i < LOOKUP_CANDIDATE_ENTRIES; i++) {
      const c = this.conceptOf[scored[i].e];
      if (!taken.has(c)) {
        taken.add(c);
        concepts.push(c);
      }
    }
    return concepts;
  }

  private split(e: number): SplitText {
    const text = this.folded[e];
    return {
      text,
      words: text ? text.split(' ') : [],
      stems: this.stemmed[e] ? this.stemmed[e].split(' ') : [],
    };
  }

  private exactEntries(f: string): number[] {
    const found: number[] = [];
    for (let e = this.exactHead.get(f) ?? -1; e >= 0; e = this.exactNext[e]) found.push(e);
    return found.sort((a, b) => TIE_ORDER[this.kinds[a]] - TIE_ORDER[this.kinds[b]] || a - b);
  }

  private entriesOf(c: number): number[] {
    return Array.from(this.conceptEntries.subarray(this.conceptStart[c], this.conceptStart[c + 1]));
  }

  private match(e: number): LabelMatch {
    const tag = this.tags[this.tagOf[e]];
    return {
      conceptId: this.conceptIds[this.conceptOf[e]],
      label: this.labels[e],
      kind: KINDS[this.kinds[e]],
      ...(tag ? { tag } : {}),
    };
  }

  private nextSeenMark(): number {
    if (this.seenMark === 0xffffffff) {
      this.seen.fill(0);
      this.seenMark = 0;
    }
    return ++this.seenMark;
  }
}

/**
 * Label similarity is optimistic in its lower half: unrelated labels still share some letters and filler
 * words. This stretches [0.4, 1] over [0.3, 1] and squeezes the rest, so text that resembles no label
 * lands well under 0.5, while a label with one or two typos stays above 0.6.
 */
function calibrateLookup(s: number): number {
  if (s >= 1) return 1;
  if (s <= 0.4) return (s / 0.4) * 0.3;
  return 0.3 + ((s - 0.4) / 0.6) * 0.7;
}

/** 1 when some occurrence of b directly follows one of a; 0.5 when they are at most two words apart. */
function pairAdjacency(a: readonly number[], b: readonly number[]): number {
  let near = 0;
  for (const x of a) {
    for (const y of b) {
      if (y === x + 1) return 1;
      if (Math.abs(y - x) <= 2) near = 0.5;
    }
  }
  return near;
}

function rarity(idfMass: number): number {
  return 1 - Math.exp(-idfMass / EXTRACT.rarityScale);
}

function keepBest(best: Map<number, Hit>, c: number, hit: Hit): void {
  const prev = best.get(c);
  if (!prev || hit.score > prev.score || (hit.score === prev.score && hit.entry < prev.entry))
    best.set(c, hit);
}

function intern(index: Map<string, number>, values: string[], value: string): number {
  let i = index.get(value);
  if (i === undefined) {
    i = values.length;
    index.set(value, i);
    values.push(value);
  }
  return i;
}

function chain(head: Map<string, number>, next: Int32Array, key: string, e: number): void {
  const first = head.get(key);
  if (first !== undefined) next[e] = first;
  head.set(key, e);
}

/** Three UTF-16 units packed into one exact double (48 bits), so trigrams are number-keyed. */
function trigramCode(s: string, j: number): number {
  return s.charCodeAt(j) * 4294967296 + s.charCodeAt(j + 1) * 65536 + s.charCodeAt(j + 2);
}

/** Entry → keys (CSR) becomes key → entries (CSR), entries ascending. */
function invert(keys: Int32Array, offset: Int32Array, nKeys: number): [Int32Array, Int32Array] {
  const start = new Int32Array(nKeys + 1);
  for (let i = 0; i < keys.length; i++) start[keys[i] + 1]++;
  for (let k = 0; k < nKeys; k++) start[k + 1] += start[k];
  const fill = start.slice(0, nKeys);
  const postings = new Int32Array(keys.length);
  // An entry lists a word once per occurrence; its postings should list the entry once.
  const lastForKey = new Int32Array(nKeys).fill(-1);
  let used = 0;
  for (let e = 0; e + 1 < offset.length; e++) {
    for (let p = offset[e]; p < offset[e + 1]; p++) {
      const k = keys[p];
      if (lastForKey[k] === e) continue;
      lastForKey[k] = e;
      postings[fill[k]++] = e;
      used++;
    }
  }
  if (used === keys.length) return [start, postings];
  // Duplicates left gaps at the end of some keys' ranges: compact.
  const compactStart = new Int32Array(nKeys + 1);
  const compact = new Int32Array(used);
  let w = 0;
  for (let k = 0; k < nKeys; k++) {
    compactStart[k] = w;
    for (let p = start[k]; p < fill[k]; p++) compact[w++] = postings[p];
  }
  compactStart[nKeys] = w;
  return [compactStart, compact];
}

/** Entries grouped by concept (CSR), each group ordered preferred, alt, hidden, then input order. */
function groupByConcept(
  conceptOf: Int32Array,
  kinds: Uint8Array,
  nConcepts: number,
): [Int32Array, Int32Array] {
  const start = new Int32Array(nConcepts + 1);
  for (let e = 0; e < conceptOf.length; e++) start[conceptOf[e] + 1]++;
  for (let c = 0; c < nConcepts; c++) start[c + 1] += start[c];
  const entries = new Int32Array(conceptOf.length);
  // Three passes, one per kind, keep each group sorted by kind without a comparison sort.
  const fill = start.slice(0, nConcepts);
  for (let kind = 0; kind < KINDS.length; kind++) {
    for (let e = 0; e < conceptOf.length; e++) if (kinds[e] === kind) entries[fill[conceptOf[e]]++] = e;
  }
  return [start, entries];
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
