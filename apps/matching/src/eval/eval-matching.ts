/*
 * `npm run eval:matching` (scripts/eval-matching.ts builds, finds or starts Meilisearch, then runs this from
 * dist/): how high the matching engine ranks the right candidates of an opening, on data no one here wrote,
 * next to a baseline of plain Meilisearch text search over the candidates' skill labels. Prints figures and
 * writes them to $EVAL_OUT_DIR/matching-<timestamp>.json; asserts nothing (figures are not tests).
 *
 * The world (synthetic-world.ts, fixed seed):
 * - Openings: 120 ESCO occupations with at least 5 essential skills and at least one other occupation in their
 *   ISCO unit group, "held out": their occupation–skill links are left out of the skill proximity the scorer
 *   gets, so it cannot have learnt which skills go together in them. Must-haves: up to 10 of the essential
 *   skills, drawn at random (the median occupation has 19; an opening with 19 must-haves is rare), each typed
 *   as an alternative label (the preferred label when there is none); a second spelling of every opening has a
 *   1–2 character typo (injectTypo) on 30% of the texts. Both are scored: "with typos" is the headline,
 *   "without typos" the same openings clean. Texts are resolved as the taxonomy service resolves them (the full
 *   LabelIndex with reuse-level priors, best hit at confidence ≥ 0.5; an unresolved text stays text with no
 *   id, as in production). The alternative labels are in that index, as in production, so a clean text
 *   resolves exactly unless another skill shares the label: this measures matching, not normalisation
 *   (eval:taxonomy holds labels out for that).
 * - Candidates: for each opening 3–5 from its occupation (its right candidates) and 6 from other occupations of
 *   its ISCO unit group (hard distractors), plus 2,000 from occupations no opening is built from. Each holds
 *   40–80% of their occupation's essential and optional skills plus 0–3 random ones, as ESCO ids with preferred
 *   labels (a resolved profile), and has worked in that occupation. Right candidates are those whose occupation
 *   is the opening's. Place, Norwegian (B1 asked, B1 held), availability, hours, permit and opening type are the
 *   same for everyone, so only skills move a score.
 *
 * Brobygger: every candidate scored with scoreMatch and DEFAULT_WEIGHTS, best first, ties by id (ids are given
 * in shuffled order, so a tie is a coin toss). Near misses use skill proximity computed in-process as the
 * taxonomy import computes it (computeNeighbours over broader, skill–skill and occupation–skill relations),
 * without the held-out occupations' links: the headline. Also shown: without proximity, with proximity from all
 * occupations (what production has, since the taxonomy knows every occupation), and with the opening's
 * occupationId set. That last one leaks the answer: the experience factor gives full credit exactly to the
 * candidates who worked in the opening's occupation, which is how right candidates are defined here, so it is
 * an upper bound, not a result.
 *
 * Baseline (meili-baseline.ts): one Meilisearch document per candidate with the preferred and alternative
 * labels of their skills, searched with the opening's typed texts joined into one query. Meilisearch reads only
 * the first 10 words of a query, so most of an opening's skills are never searched for; matchingStrategy
 * 'last' (the default) and 'frequency' are both run, and the better by MRR with typos is the baseline of the
 * first ratio. Because the 10-word limit makes that baseline weak, a generous one is shown too: one search per
 * typed skill, candidates ranked by their summed ranking scores. Candidates a search does not return within
 * 1,000 hits count as not found; the engine's ranking is cut at 1,000 too.
 *
 * Everyday text (everyday-world.ts, its own seed): a second, smaller world whose openings and candidates type
 * their skills in everyday words, bokmål or English, from the dev part of data/eval/everyday-skills.csv (the
 * held part stays for eval:taxonomy's report), on the occupations those words cover. Scored twice with
 * proximity of all occupations: the words resolved as above (`resolve`, the service's resolution; change it
 * with the service's), and the skills the words were typed for as ESCO ids (a perfect resolver), so the gap
 * between the two MRRs is what resolving everyday words costs the ranking.
 *
 * Metrics (ranking-metrics.ts): MRR (reciprocal rank of the first right candidate), MAP and recall@10 of the
 * right candidates, averaged over openings. The scoring runs in worker threads while Meilisearch indexes and
 * searches: about 2½ CPU-minutes in all (this process, its worker and Meilisearch), so under 2 minutes on 2
 * idle cores, and longer on a machine busy with other work.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import type { OpeningScoringRequirements, SkillClaim, SkillNeighbour } from '@brobygger/contracts';
import { env, loadConfig, meiliEnv } from '@brobygger/platform';
import { DEFAULT_WEIGHTS } from '@brobygger/scoring';
import {
  computeNeighbours,
  LabelIndex,
  parseEverydaySet,
  resolverEntries,
  REUSE_LEVEL_PRIOR,
  seededRandom,
  type SkillRelation,
} from '@brobygger/taxonomy';
// Eval tooling, never part of the matching service: the release reader belongs to the taxonomy app, and the
// eval reads the same files the taxonomy import does rather than a second copy of the parser.
import { shippedData } from '../../../taxonomy/src/data-dir';
import { readTaxonomy, resolverSourcesOf } from '../../../taxonomy/src/import/taxonomy-source';
import { BaselineSearch, baselineDocument, createBaselineIndex, dropBaselineIndex } from './meili-baseline';
import {
  drawEverydayWorld,
  EVERYDAY_WORLD_LANGS,
  type EverydayWorld,
  type TypedWord,
} from './everyday-world';
import {
  rankCandidates,
  rankInWorkers,
  requiredSkillProximity,
  type RankingJob,
  type ScoredCandidate,
} from './our-ranking';
import { reciprocalRank, summarise, type RankedCandidates, type RankingSummary } from './ranking-metrics';
import {
  candidateFeatures,
  drawCandidates,
  drawOpenings,
  EVAL_TODAY,
  openingRequirements,
  worldTaxonomy,
  type HeldOutOpening,
  type Resolve,
} from './synthetic-world';

const SEED = 20260302;
const OPENINGS = { count: 120, minEssential: 5, maxMustHaves: 10, typoShare: 0.3 };
const CANDIDATES = {
  rightPerOpening: [3, 5],
  siblingsPerOpening: 6,
  background: 2000,
  keepShare: [0.4, 0.8],
  extraSkills: [0, 3],
} as const;
/** The everyday-text case (everyday-world.ts): its own seed, so the world above is drawn as before. */
const EVERYDAY_SEED = 20261208;
const EVERYDAY = { ...CANDIDATES, count: 60, background: 500, minWords: 3, maxMustHaves: 10 } as const;
/** The taxonomy service's default NORMALISE_MIN_CONFIDENCE. */
const MIN_CONFIDENCE = 0.5;
/** Hits asked of Meilisearch per search, and how far down either ranking is read. */
const CUTOFF = 1000;
const INDEX = 'matching-eval-candidates';

const evalEnv = {
  ...meiliEnv,
  EVAL_OUT_DIR: env.string({ describe: 'folder for the JSON result' }),
};

type Spelling = 'typos' | 'clean';
const SPELLINGS: readonly Spelling[] = ['typos', 'clean'];

const log = (line: string) => process.stderr.write(`[eval-matching] ${line}\n`);

async function main(): Promise<void> {
  const t0 = Date.now();
  const config = loadConfig(evalEnv, process.env);

  // ---- the world ---------------------------------------------------------------------------------------
  const data = readTaxonomy(shippedData('taxonomy'));
  const taxonomy = worldTaxonomy(data);
  const rnd = seededRandom(SEED);
  const openings = drawOpenings(taxonomy, rnd, OPENINGS);
  const candidates = drawCandidates(taxonomy, openings, rnd, CANDIDATES);
  const relevant = openings.map(
    (o) => new Set(candidates.filter((c) => c.occupationId === o.occupationId).map((c) => c.id)),
  );
  log(`${openings.length} openings, ${candidates.length} candidates (${seconds(t0)})`);

  // ---- the openings as the services store them -------------------------------------------------------------
  // The service's own index: ESCO's labels, Norwegian labels, the glossary and occupation names.
  const index = new LabelIndex(
    resolverEntries(resolverSourcesOf(data)).entries,
    new Map(data.skills.map((s) => [s.id, REUSE_LEVEL_PRIOR[s.reuseLevel ?? ''] ?? 0])),
  );
  const resolved = new Map<string, ReturnType<Resolve>>();
  const resolve: Resolve = (text) => {
    if (!resolved.has(text)) {
      const top = index.lookup(text, 5, { exactSuffices: true }).find((h) => h.confidence >= MIN_CONFIDENCE);
      resolved.set(
        text,
        top && { skillId: top.conceptId, label: taxonomy.preferred.get(top.conceptId) ?? top.label },
      );
    }
    return resolved.get(text);
  };
  const textsOf = (o: HeldOutOpening, s: Spelling) =>
    o.skills.map((k) => (s === 'typos' ? k.typed : k.clean));
  const requirements = (s: Spelling, withOccupation = false) =>
    openings.map((o) =>
      openingRequirements(textsOf(o, s), resolve, withOccupation ? o.occupationId : undefined),
    );
  const opened = { typos: requirements('typos'), clean: requirements('clean') };
  const resolution = resolutionStats(openings, resolve);
  log(`typed skills resolved (${seconds(t0)})`);
  const everydayItems = parseEverydaySet(
    readFileSync(join(shippedData('eval'), 'everyday-skills.csv'), 'utf8'),
  ).filter((i) => i.split === 'dev' && (EVERYDAY_WORLD_LANGS as readonly string[]).includes(i.lang));
  const everyday = everydayCase(
    drawEverydayWorld(taxonomy, everydayItems, seededRandom(EVERYDAY_SEED), EVERYDAY),
    resolve,
    taxonomy.preferred,
  );

  // ---- Brobygger, in worker threads while Meilisearch works below -------------------------------------------
  const heldOut = new Set(openings.map((o) => o.occupationId));
  const skillIds = new Set(data.skills.map((s) => s.id));
  const relations: SkillRelation[] = [
    ...data.skillBroader.map((b) => ({ from: b.conceptId, to: b.broaderId, kind: 'broader' as const })),
    ...data.skillRelations.map((r) => ({ from: r.skillId, to: r.relatedSkillId, kind: r.relation })),
  ];
  const requiredIds = new Set(
    [...SPELLINGS.map((s) => opened[s]), ...Object.values(everyday.openings)]
      .flat()
      .flatMap((r) => r.mustHave.flatMap((m) => (m.skillId ? [m.skillId] : []))),
  );
  // The everyday case's required skills are in requiredIds too, so one computation serves both; the scorer only
  // reads the rows of an opening's own required skills, so the extra rows change no figure of the world above.
  // As the taxonomy import computes them (ESCO's skill groups have `skill/` ids too, hence isSkill); only the
  // rows of required skills are kept, as the matching service asks for no more.
  const neighbourRows = (links: typeof data.occupationSkills): SkillNeighbour[] =>
    computeNeighbours(relations, links, { isSkill: (id) => skillIds.has(id) }).filter((n) =>
      requiredIds.has(n.skillId),
    );
  const heldOutNeighbours = neighbourRows(data.occupationSkills.filter((l) => !heldOut.has(l.occupationId)));
  const allNeighbours = neighbourRows(data.occupationSkills);
  log(`skill neighbours computed (${seconds(t0)})`);

  const withOccupation = { typos: requirements('typos', true), clean: requirements('clean', true) };
  // One job per configuration over both spellings: most openings resolve to the same requirements either way,
  // and the worker ranks each distinct requirement list once.
  const both = (r: Record<Spelling, OpeningScoringRequirements[]>) => [...r.typos, ...r.clean];
  const jobs: RankingJob[] = [
    { key: 'ours', openings: both(opened), neighbours: heldOutNeighbours },
    { key: 'oursAllOccupations', openings: both(opened), neighbours: allNeighbours },
    { key: 'oursWithOccupation', openings: both(withOccupation), neighbours: heldOutNeighbours },
    { key: 'oursNoProximity', openings: both(opened) },
  ];
  const ranking = rankInWorkers(
    join(__dirname, 'ranking-worker.js'),
    {
      candidates: candidates.map((c) => ({ id: c.id, features: candidateFeatures(c, taxonomy.preferred) })),
      today: EVAL_TODAY,
      cutoff: CUTOFF,
    },
    jobs,
    // One core is left to Meilisearch, which indexes and searches meanwhile: starved, it took longer than
    // the scoring it made room for.
    Math.max(1, availableParallelism() - 1),
  );
  // Awaited below; a failure before then must not surface as an unhandled rejection.
  ranking.catch(() => undefined);

  // ---- the baseline ----------------------------------------------------------------------------------------
  const results: Record<string, Record<Spelling, RankedCandidates[]>> = {};
  const meili = new Meilisearch({ host: config.MEILI_URL, apiKey: config.MEILI_MASTER_KEY });
  const uid = `${config.MEILI_INDEX_PREFIX}${INDEX}`;
  const search = new BaselineSearch(meili, uid, CUTOFF);
  const searched = (f: (texts: readonly string[]) => Promise<string[]>) =>
    bySpellingAsync(async (s) => {
      const out: RankedCandidates[] = [];
      for (const [i, o] of openings.entries())
        out.push({ relevant: relevant[i], ranked: await f(textsOf(o, s)) });
      return out;
    });
  try {
    await createBaselineIndex(
      meili,
      uid,
      candidates.map((c) => baselineDocument(c, taxonomy.preferred, taxonomy.alts)),
    );
    log(`baseline index built (${seconds(t0)})`);
    for (const strategy of ['last', 'frequency'] as const) {
      results[`baseline:${strategy}`] = await searched((texts) => search.joined(texts, strategy));
    }
    // 'frequency' because it did best per skill in a trial on this seed (MRR with typos: 'frequency' 0.815,
    // 'all' 0.790, 'last' 0.777): the baseline gets its best setting.
    results.baselinePerSkill = await searched((texts) => search.perSkill(texts, 'frequency'));
    log(`baseline searched (${seconds(t0)})`);
  } finally {
    await dropBaselineIndex(meili, uid);
  }

  const ranked = await ranking;
  for (const { key } of jobs) {
    const lists = ranked.get(key)!;
    results[key] = bySpelling((s) =>
      openings.map((_, i) => ({
        relevant: relevant[i],
        ranked: lists[(s === 'typos' ? 0 : openings.length) + i],
      })),
    );
  }
  log(`candidates scored and ranked (${seconds(t0)})`);
  const everydaySummaries = bySkillForm((form) =>
    summarise(rankEveryday(everyday, form, allNeighbours), CUTOFF),
  );
  log(`everyday case ranked (${seconds(t0)})`);

  // ---- figures ---------------------------------------------------------------------------------------------
  const summaries = Object.fromEntries(
    Object.entries(results).map(([name, r]) => [name, bySpelling((s) => summarise(r[s], CUTOFF))]),
  );
  const strategy =
    summaries['baseline:frequency'].typos.mrr > summaries['baseline:last'].typos.mrr ? 'frequency' : 'last';
  const baselineKey = `baseline:${strategy}`;
  const rightCount = relevant.reduce((n, r) => n + r.size, 0);
  const everydayRight = everyday.world.candidates.filter((c) => c.role === 'right').length;
  const rows: [string, string][] = [
    ["Meilisearch, joined query, 'last'", 'baseline:last'],
    ["Meilisearch, joined query, 'frequency'", 'baseline:frequency'],
    ["Meilisearch, a search per skill, 'frequency'", 'baselinePerSkill'],
    ['Brobygger, no near misses', 'oursNoProximity'],
    ['Brobygger (held-out proximity)', 'ours'],
    ['Brobygger, proximity of all occupations', 'oursAllOccupations'],
    ["Brobygger + opening's occupation (leaks)", 'oursWithOccupation'],
  ];
  const ratio = (key: string) => bySpelling((s) => ratios(summaries.ours[s], summaries[key][s]));
  const ratioRows: [string, Record<Spelling, RankingSummary>][] = [
    [`Brobygger ÷ joined query ('${strategy}')`, ratio(baselineKey)],
    ['Brobygger ÷ one search per skill', ratio('baselinePerSkill')],
  ];

  const width = Math.max(...[...rows, ...ratioRows].map(([label]) => label.length));
  const line = (label: string, a: string, b: string) => `${label.padEnd(width)}  ${a}    ${b}`;
  const ratioFigures = (r: RankingSummary) => figures(r, 2, '×');
  const lines = [
    '',
    `Matching (taxonomy ${data.version}, weights ${DEFAULT_WEIGHTS.version}, seed ${SEED}): ` +
      `${openings.length} held-out openings, ${candidates.length} candidates; ${rightCount} right ` +
      `(${(rightCount / openings.length).toFixed(1)} per opening) and ${CANDIDATES.siblingsPerOpening} per ` +
      'opening from sibling occupations of its ISCO group',
    `Must-haves typed: ${resolution.typos.texts}, ${resolution.typos.typoed} of them with a typo. Resolved to the ` +
      `intended skill / another / none: without typos ${pctTriple(resolution.clean)}, ` +
      `with typos ${pctTriple(resolution.typos)}`,
    '',
    line('', 'with typos (30% of skills)'.padEnd(20), 'without typos'),
    line('', head(), head()),
    ...rows.map(([label, key]) => line(label, figures(summaries[key].typos), figures(summaries[key].clean))),
    ...ratioRows.map(([label, r]) => line(label, ratioFigures(r.typos), ratioFigures(r.clean))),
    '',
    `Headline (with typos): MRR ${summaries.ours.typos.mrr.toFixed(3)}, ` +
      `${ratioRows[0][1].typos.mrr.toFixed(2)}× the joined query ('${strategy}', MRR ` +
      `${summaries[baselineKey].typos.mrr.toFixed(3)}), ${ratioRows[1][1].typos.mrr.toFixed(2)}× one search per ` +
      `skill (MRR ${summaries.baselinePerSkill.typos.mrr.toFixed(3)})`,
    '',
    `Everyday text (everyday-world.ts; data/eval/everyday-skills.csv, dev part, bokmål and English; seed ` +
      `${EVERYDAY_SEED}; proximity of all occupations): ${everyday.world.openings.length} openings, ` +
      `${everyday.world.candidates.length} candidates, ${everydayRight} right; ` +
      `${pct(everyday.resolvedShare)} of the typed words resolved to a skill`,
    line('', head(), ''),
    line('skills as ESCO ids (a perfect resolver)', figures(everydaySummaries.ids), ''),
    line('skills as everyday text, resolved', figures(everydaySummaries.text), ''),
    `(${seconds(t0)})`,
  ];
  console.log(lines.join('\n'));

  mkdirSync(config.EVAL_OUT_DIR, { recursive: true });
  const file = join(config.EVAL_OUT_DIR, `matching-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        taxonomyVersion: data.version,
        seed: SEED,
        openings: OPENINGS,
        candidates: { ...CANDIDATES, total: candidates.length, right: rightCount },
        cutoff: CUTOFF,
        minConfidence: MIN_CONFIDENCE,
        resolution,
        baselineStrategy: strategy,
        summaries,
        ratios: Object.fromEntries(ratioRows),
        everyday: {
          seed: EVERYDAY_SEED,
          options: EVERYDAY,
          openings: everyday.world.openings.length,
          candidates: everyday.world.candidates.length,
          right: everydayRight,
          resolvedShare: everyday.resolvedShare,
          summaries: everydaySummaries,
        },
        // Enough to look into an opening, or to compare two systems opening by opening.
        perOpening: openings.map((o, i) => ({
          occupationId: o.occupationId,
          right: relevant[i].size,
          typed: o.skills,
          mustHaves: bySpelling((s) => opened[s][i].mustHave),
          reciprocalRank: Object.fromEntries(
            Object.entries(results).map(([name, r]) => [
              name,
              bySpelling((s) => reciprocalRank(r[s][i], CUTOFF)),
            ]),
          ),
        })),
        seconds: (Date.now() - t0) / 1000,
      },
      null,
      2,
    ),
  );
  log(`written to ${file}`);
}

function bySpelling<T>(f: (s: Spelling) => T): Record<Spelling, T> {
  return { typos: f('typos'), clean: f('clean') };
}

async function bySpellingAsync<T>(f: (s: Spelling) => Promise<T>): Promise<Record<Spelling, T>> {
  return { typos: await f('typos'), clean: await f('clean') };
}

interface Resolution {
  texts: number;
  typoed: number;
  intended: number;
  other: number;
  none: number;
}

/** How the typed texts resolved: to the skill they were typed for, to another skill, or to nothing. */
function resolutionStats(
  openings: readonly HeldOutOpening[],
  resolve: Resolve,
): Record<Spelling, Resolution> {
  return bySpelling((s) => {
    const out: Resolution = { texts: 0, typoed: 0, intended: 0, other: 0, none: 0 };
    for (const k of openings.flatMap((o) => o.skills)) {
      const r = resolve(s === 'typos' ? k.typed : k.clean);
      out.texts++;
      if (s === 'typos' && k.typed !== k.clean) out.typoed++;
      if (!r) out.none++;
      else if (r.skillId === k.skillId) out.intended++;
      else out.other++;
    }
    return out;
  });
}

type SkillForm = 'ids' | 'text';

function bySkillForm<T>(f: (form: SkillForm) => T): Record<SkillForm, T> {
  return { ids: f('ids'), text: f('text') };
}

interface EverydayCase {
  world: EverydayWorld;
  openings: Record<SkillForm, OpeningScoringRequirements[]>;
  candidates: Record<SkillForm, ScoredCandidate[]>;
  /** Share of the typed words (openings' and candidates') that resolve to any skill. */
  resolvedShare: number;
}

/**
 * The everyday world as the services would hold it: each word resolved as the service resolves text (`text`),
 * or replaced by the skill it was typed for (`ids`: what a perfect resolver would give). On both sides, words
 * landing on one skill are one skill (the first wins), as openingRequirements does.
 */
function everydayCase(
  world: EverydayWorld,
  resolve: Resolve,
  preferred: ReadonlyMap<string, string>,
): EverydayCase {
  const asId = (w: TypedWord): SkillClaim => ({
    skillId: w.skillId,
    label: preferred.get(w.skillId) ?? w.skillId,
  });
  const asText = (w: TypedWord): SkillClaim => {
    const r = resolve(w.text);
    return r ? { skillId: r.skillId, label: r.label } : { skillId: null, label: w.text };
  };
  const claim = { ids: asId, text: asText };
  const words = [...world.openings.flatMap((o) => o.mustHaves), ...world.candidates.flatMap((c) => c.words)];
  return {
    world,
    openings: bySkillForm((form) =>
      world.openings.map((o) => {
        const byText = new Map(o.mustHaves.map((w) => [w.text, claim[form](w)]));
        return openingRequirements(
          o.mustHaves.map((w) => w.text),
          (text) => {
            const c = byText.get(text);
            return c?.skillId ? { skillId: c.skillId, label: c.label } : undefined;
          },
        );
      }),
    ),
    candidates: bySkillForm((form) =>
      world.candidates.map((c) => {
        const skills = new Map<string, SkillClaim>();
        for (const s of c.words.map(claim[form])) {
          const key = s.skillId ?? `text:${s.label.toLowerCase()}`;
          if (!skills.has(key)) skills.set(key, s);
        }
        return { id: c.id, features: { ...candidateFeatures(c, preferred), skills: [...skills.values()] } };
      }),
    ),
    resolvedShare: words.filter((w) => resolve(w.text)).length / Math.max(1, words.length),
  };
}

/** Every everyday candidate ranked for each everyday opening, in one of the two forms. */
function rankEveryday(c: EverydayCase, form: SkillForm, neighbours: SkillNeighbour[]): RankedCandidates[] {
  const required = new Set(
    c.openings[form].flatMap((r) => r.mustHave.flatMap((m) => (m.skillId ? [m.skillId] : []))),
  );
  const proximity = requiredSkillProximity(neighbours, required);
  return c.world.openings.map((o, i) => ({
    relevant: new Set(c.world.candidates.filter((x) => x.occupationId === o.occupationId).map((x) => x.id)),
    ranked: rankCandidates(c.openings[form][i], c.candidates[form], { today: EVAL_TODAY, proximity }).slice(
      0,
      CUTOFF,
    ),
  }));
}

function pct(x: number): string {
  return `${(100 * x).toFixed(0)}%`;
}

function ratios(a: RankingSummary, b: RankingSummary): RankingSummary {
  const r = (x: number, y: number) => (y === 0 ? NaN : x / y);
  return { n: a.n, mrr: r(a.mrr, b.mrr), map: r(a.map, b.map), recallAt10: r(a.recallAt10, b.recallAt10) };
}

function head(): string {
  return ['MRR', 'MAP', 'R@10'].map((h) => h.padStart(6)).join(' ');
}

function figures(s: RankingSummary, digits = 3, unit = ''): string {
  return [s.mrr, s.map, s.recallAt10]
    .map((x) => (Number.isNaN(x) ? 'n/a' : `${x.toFixed(digits)}${unit}`).padStart(6))
    .join(' ');
}

function pctTriple(r: Resolution): string {
  const pct = (x: number) => `${((100 * x) / Math.max(1, r.texts)).toFixed(0)}%`;
  return `${pct(r.intended)} / ${pct(r.other)} / ${pct(r.none)}`;
}

function seconds(t0: number): string {
  return `${((Date.now() - t0) / 1000).toFixed(0)} s`;
}

main().catch((err: unknown) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
