/*
 * `npm run eval:taxonomy` (scripts/eval-taxonomy.ts builds, then runs this from dist/): how well free text lands on ESCO skills, on data no one here wrote, next to a
 * baseline of plain exact label match. Prints figures; asserts nothing (figures are not tests).
 *
 * 1. Normalisation. 1,000 skills with at least two alternative labels are drawn with a fixed seed; one
 *    alternative label of each is held out: removed from the index (with any case or spacing variant of it on
 *    the same skill) and used as the query. 30% of the queries then get a 1–2 character typo (deletion,
 *    insertion, substitution or transposition, never on the first letter). Reported: accuracy@1 and @5.
 * 2. Extraction. Every sentence of the human-labelled benchmark in data/eval with at least one ESCO skill:
 *    R-precision@5 of the ranked skills, and micro precision / recall / F1 of what the service would return.
 *
 * Pure in-process work over data/taxonomy: the same LabelIndex the taxonomy service answers
 * POST /api/v1/taxonomy/normalise with. Takes about a minute.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import {
  accuracyAtK,
  fold,
  injectTypo,
  LabelIndex,
  REUSE_LEVEL_PRIOR,
  rPrecisionAtK,
  seededRandom,
  setPrecisionRecall,
  type LabelEntry,
} from '@brobygger/taxonomy';
import { shippedData } from './data-dir';
import { readTaxonomy } from './import/taxonomy-source';

const HELD_OUT = 1000;
const TYPO_SHARE = 0.3;
const SEED = 20261121;
/** The service's default NORMALISE_MIN_CONFIDENCE. */
const MIN_CONFIDENCE = 0.5;
/** The extraction figures' cut-off (kept where it was, so they compare with earlier runs). */
const EXTRACT_MIN_CONFIDENCE = 0.6;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const t0 = Date.now();
const data = readTaxonomy(shippedData('taxonomy'));
const priors = new Map(data.skills.map((s) => [s.id, REUSE_LEVEL_PRIOR[s.reuseLevel ?? ''] ?? 0]));
const entries: LabelEntry[] = data.skillLabels.map((l) => ({
  conceptId: l.skillId,
  label: l.label,
  kind: l.kind,
  lang: l.lang,
}));

// ---- 1. normalisation of held-out alternative labels ----------------------------------------------------
const rnd = seededRandom(SEED);
const altsBySkill = new Map<string, string[]>();
for (const s of data.skills) altsBySkill.set(s.id, []);
const preferred = new Map(data.skills.map((s) => [s.id, fold(s.preferredLabel)]));
for (const l of data.skillLabels) {
  if (l.kind === 'alt' && fold(l.label) !== preferred.get(l.skillId))
    altsBySkill.get(l.skillId)!.push(l.label);
}
const eligible = [...altsBySkill.entries()].filter(([, alts]) => alts.length >= 2).map(([id]) => id);
// Fisher–Yates with the seeded generator: the same 1,000 skills on every run and machine.
for (let i = eligible.length - 1; i > 0; i--) {
  const j = Math.floor(rnd() * (i + 1));
  [eligible[i], eligible[j]] = [eligible[j], eligible[i]];
}
const queries = eligible.slice(0, HELD_OUT).map((id) => {
  const alts = altsBySkill.get(id)!;
  const label = alts[Math.floor(rnd() * alts.length)];
  const typo = rnd() < TYPO_SHARE;
  const text = typo ? injectTypo(label, rnd, rnd() < 0.5 ? 1 : 2) : label;
  return { id, label, text, typo };
});
const heldOut = new Set(queries.map((q) => `${q.id}\u0000${fold(q.label)}`));
const index = new LabelIndex(
  entries.filter((e) => !heldOut.has(`${e.conceptId}\u0000${fold(e.label)}`)),
  priors,
);
const ours = queries.map((q) => ({
  ...q,
  ranked: index.lookup(q.text, 5).map((h) => h.conceptId),
}));
const baseline = queries.map((q) => ({
  ...q,
  ranked: [...new Set(index.exact(q.text).map((h) => h.conceptId))].slice(0, 5),
}));
const row = (name: string, rs: { id: string; ranked: string[] }[]) => {
  const r = rs.map((x) => ({ gold: x.id, ranked: x.ranked }));
  return `${name.padEnd(34)} ${pct(accuracyAtK(r, 1)).padStart(7)} ${pct(accuracyAtK(r, 5)).padStart(7)}`;
};
const clean = (rs: typeof ours) => rs.filter((x) => !x.typo);
const typoed = (rs: typeof ours) => rs.filter((x) => x.typo);

console.log(`\nTaxonomy ${data.version}: ${data.skills.length} skills, ${entries.length} skill labels`);
console.log(
  `\n1. Normalisation: ${queries.length} held-out alternative labels ` +
    `(${typoed(ours).length} with a 1–2 character typo), seed ${SEED}`,
);
console.log(`${''.padEnd(34)} ${'acc@1'.padStart(7)} ${'acc@5'.padStart(7)}`);
console.log(row('baseline (exact label), all', baseline));
console.log(row('Brobygger (LabelIndex), all', ours));
console.log(row('baseline, without typos', clean(baseline)));
console.log(row('Brobygger, without typos', clean(ours)));
console.log(row('baseline, with typos', typoed(baseline)));
console.log(row('Brobygger, with typos', typoed(ours)));
const answered = ours.filter((x) => {
  const top = index.lookup(x.text, 1)[0];
  return top && top.confidence >= MIN_CONFIDENCE;
});
const rightWhenAnswered = answered.filter((x) => x.ranked[0] === x.id).length;
console.log(
  `Brobygger at the service's cut-off (confidence ≥ ${MIN_CONFIDENCE}): answers ${pct(answered.length / queries.length)}` +
    ` of queries, right on ${pct(rightWhenAnswered / Math.max(1, answered.length))} of those`,
);

// ---- 2. extraction on the human-labelled benchmark -------------------------------------------------------
const fullIndex = new LabelIndex(entries, priors);
const rows = parse<Record<string, string>>(
  gunzipSync(readFileSync(join(shippedData('eval'), 'skill_extraction_annotations.csv.gz'))),
  {
    columns: true,
  },
);
const gold = new Map<string, Set<string>>();
for (const r of rows) {
  const id = r['esco_skill_id_v1.1.1'];
  if (!id) continue;
  (gold.get(r.sentence) ?? gold.set(r.sentence, new Set()).get(r.sentence)!).add(id);
}
const labelsByFold = new Map<string, Set<string>>();
for (const e of entries) {
  const f = fold(e.label);
  (labelsByFold.get(f) ?? labelsByFold.set(f, new Set()).get(f)!).add(e.conceptId);
}
/** The baseline: every label that appears word for word in the sentence, longest first. */
function exactMentions(sentence: string): string[] {
  const words = fold(sentence).split(' ');
  const found: { id: string; len: number }[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(8, words.length - i); n >= 1; n--) {
      for (const id of labelsByFold.get(words.slice(i, i + n).join(' ')) ?? []) found.push({ id, len: n });
    }
  }
  found.sort((a, b) => b.len - a.len);
  return [...new Set(found.map((f) => f.id))];
}
const sentences = [...gold.entries()];
const extracted = sentences.map(([s, g]) => ({
  gold: g,
  hits: fullIndex.extract(s, { limit: 20, minConfidence: 0 }),
}));
const oursRanked = extracted.map((x) => ({ gold: x.gold, ranked: x.hits.map((h) => h.conceptId) }));
const oursPredicted = extracted.map((x) => ({
  gold: x.gold,
  predicted: x.hits.filter((h) => h.confidence >= EXTRACT_MIN_CONFIDENCE).map((h) => h.conceptId),
}));
const baseRanked = sentences.map(([s, g]) => ({ gold: g, ranked: exactMentions(s) }));
const prRow = (name: string, rp5: number, pr: { precision: number; recall: number; f1: number }) =>
  `${name.padEnd(34)} ${pct(rp5).padStart(7)} ${pct(pr.precision).padStart(9)} ${pct(pr.recall).padStart(7)} ${pct(pr.f1).padStart(7)}`;
console.log(
  `\n2. Extraction: ${sentences.length} benchmark sentences with ${[...gold.values()].reduce((n, g) => n + g.size, 0)} gold skills`,
);
console.log(
  `${''.padEnd(34)} ${'RP@5'.padStart(7)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'F1'.padStart(7)}`,
);
console.log(
  prRow(
    'baseline (exact label in text)',
    rPrecisionAtK(baseRanked, 5),
    setPrecisionRecall(baseRanked.map((x) => ({ gold: x.gold, predicted: x.ranked }))),
  ),
);
console.log(
  prRow(
    `Brobygger (extract, ≥ ${EXTRACT_MIN_CONFIDENCE})`,
    rPrecisionAtK(oursRanked, 5),
    setPrecisionRecall(oursPredicted),
  ),
);
console.log(`\n(${((Date.now() - t0) / 1000).toFixed(0)} s)`);
