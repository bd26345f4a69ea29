import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Meilisearch } from 'meilisearch';
import {
  labelFallback,
  NotFound,
  type DescribeConceptsQuery,
  type DescribedConcepts,
  type NormalisedText,
  ServiceUnavailable,
  type ExtractedSkill,
  type NormaliseDto,
  type NormaliseResult,
  type OccupationDetail,
  type OccupationHit,
  type ResolutionCertainty,
  type ResolutionSource,
  type ResolvedSkill,
  type SkillHit,
  type SkillName,
  type SkillNamesQuery,
  type SkillNeighbour,
  type SkillRef,
  type SkillType,
  type TaxonomyInfo,
  type TaxonomyLang,
  type TaxonomySearchQueryDto,
} from '@brobygger/contracts';
import { CONFIG } from '@brobygger/platform';
import { SKILLS_INDEX, indexUid, type SkillDocument } from '@brobygger/search';
import { labelSimilarity, type LookupResult } from '@brobygger/taxonomy';
import type { TaxonomyConfig } from './config';
import { OccupationTitles } from './occupations/occupation-titles';
import { SkillResolver, type LoadedLabels } from './skill-resolver';
import { TaxonomyRepository, type StyrkRow } from './taxonomy.repository';

export const MEILI = Symbol('MEILI');

/** Texts normalised between two turns of the event loop. */
const YIELD_EVERY = 10;

/** Every skill has an English name; other languages fall back to it (see labelFallback). */
const SKILL_LABEL_LANG: TaxonomyLang = 'en';
/** Readings of one text worth offering: the best and a few alternatives. */
const MAX_RESOLVED = 5;
/** At or above this a match is a label, a glossary word or an occupation name, not a guess. */
const SURE_CONFIDENCE = 0.88;
/** How far below the threshold an alternative to an unsure answer may be. */
const ALTERNATIVE_SLACK = 0.1;
/** Another reading this close to the best one makes the best one a coin toss. */
const AMBIGUOUS_MARGIN = 0.02;

@Injectable()
export class TaxonomyService {
  private readonly skillsUid: string;
  private readonly minConfidence: number;
  private styrk: Promise<Map<string, StyrkRow>> | undefined;

  constructor(
    private readonly orm: MikroORM,
    @Inject(MEILI) private readonly meili: Meilisearch,
    @Inject(CONFIG) config: TaxonomyConfig,
    private readonly resolver: SkillResolver,
    private readonly titles: OccupationTitles,
  ) {
    this.skillsUid = indexUid(config.MEILI_INDEX_PREFIX, SKILLS_INDEX);
    this.minConfidence = config.NORMALISE_MIN_CONFIDENCE / 100;
  }

  private repo() {
    return new TaxonomyRepository(this.orm.em.fork());
  }

  async info(): Promise<TaxonomyInfo> {
    const r = await this.repo().currentRelease();
    return {
      version: r?.version ?? null,
      skills: r?.skills ?? 0,
      occupations: r?.occupations ?? 0,
      importedAt: r?.importedAt.toISOString() ?? null,
    };
  }

  /**
   * Autocomplete: what the whole text resolves to (the same answer `normalise` gives, so a word typed in
   * full lands where it will be stored), then Meilisearch's prefix matches of what is being typed.
   */
  async searchSkills(q: TaxonomySearchQueryDto): Promise<SkillHit[]> {
    const [loaded, res] = await Promise.all([
      this.resolver.labels(),
      this.meili.index<SkillDocument>(this.skillsUid).search(q.q, { limit: q.limit }),
    ]);
    const hits: SkillHit[] = [];
    const seen = new Set<string>();
    const push = (hit: SkillHit) => {
      if (seen.has(hit.id) || hits.length >= q.limit) return;
      seen.add(hit.id);
      hits.push(hit);
    };
    const docs = new Map(res.hits.map((h) => [h.id, h]));
    if (loaded) {
      for (const r of this.resolveText(loaded, q.q, q.lang).skills) {
        push({
          id: r.id,
          label: r.label,
          lang: r.lang ?? SKILL_LABEL_LANG,
          matchedLabel: r.matchedLabel,
          type: (docs.get(r.id)?.type ?? loaded.types.get(r.id) ?? 'unknown') as SkillType,
          reuseLevel: docs.get(r.id)?.reuseLevel ?? loaded.reuseLevels.get(r.id) ?? null,
        });
      }
    }
    for (const h of res.hits) {
      const inLang = loaded
        ? skillLabelIn(loaded, h.id, q.lang)
        : { label: h.preferred_en, lang: SKILL_LABEL_LANG };
      push({
        id: h.id,
        ...inLang,
        matchedLabel: bestLabel(q.q, [
          h.preferred_en,
          ...h.alt_en,
          ...h.hidden_en,
          ...(h.labels_other ?? []),
        ]),
        type: h.type as SkillType,
        reuseLevel: h.reuseLevel,
      });
    }
    return hits;
  }

  async searchOccupations(q: TaxonomySearchQueryDto): Promise<OccupationHit[]> {
    const [found, styrk] = await Promise.all([this.titles.search(q), this.styrkByIsco()]);
    return found.map((h) => ({
      id: h.id,
      ...preferredIn(h.preferred, q.lang),
      matchedLabel: h.matchedLabel,
      iscoGroup: h.iscoGroup,
      styrk: styrkOf(styrk, h.iscoGroup),
    }));
  }

  async getOccupation(id: string, lang: TaxonomyLang): Promise<OccupationDetail> {
    const repo = this.repo();
    const [occupation, labels, skills, styrk] = await Promise.all([
      repo.occupation(id),
      repo.occupationLabels(id),
      repo.occupationSkills(id),
      this.styrkByIsco(),
    ]);
    if (!occupation) throw new NotFound(`No occupation ${id}`);
    const byLang = Object.fromEntries(labels.map((l) => [`preferred_${l.lang}`, l.label]));
    const preferred = preferredIn(byLang, lang);
    const ref = (s: (typeof skills)[number]): SkillRef => ({
      id: s.id,
      label: s.label,
      lang: SKILL_LABEL_LANG,
      type: s.type as SkillType,
    });
    return {
      id,
      ...preferred,
      matchedLabel: preferred.label,
      iscoGroup: occupation.iscoGroup,
      iscoLabel:
        (lang === 'nb' || lang === 'nn' ? occupation.iscoLabelNb : null) ?? occupation.iscoLabelEn ?? null,
      styrk: styrkOf(styrk, occupation.iscoGroup),
      description: occupation.description,
      essentialSkills: skills.filter((s) => s.relation === 'essential').map(ref),
      optionalSkills: skills.filter((s) => s.relation === 'optional').map(ref),
    };
  }

  async normalise(dto: NormaliseDto): Promise<NormaliseResult> {
    const loaded = await this.resolver.labels();
    if (!loaded) throw new ServiceUnavailable('The taxonomy has not been imported yet');
    if (dto.text !== undefined) {
      const skills: ExtractedSkill[] = loaded.index.extract(dto.text, { limit: 20 }).map((e) => ({
        id: e.conceptId,
        ...skillLabelIn(loaded, e.conceptId, dto.lang),
        confidence: round(e.confidence),
        matchedLabel: bestLabel(
          e.matched,
          loaded.index.labelsOf(e.conceptId).map((l) => l.label),
        ),
        evidence: e.matched,
      }));
      return { kind: 'text', skills };
    }
    const results: NormalisedText[] = [];
    for (const [i, text] of dto.texts!.entries()) {
      // A fuzzy lookup costs ~10 ms of CPU; a thousand texts would hold the event loop for seconds and stall
      // every other call (autocomplete while someone types, label lookups of index jobs). Let them in.
      if (i > 0 && i % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      results.push(this.resolveText(loaded, text, dto.lang));
    }
    return { kind: 'texts', results };
  }

  private resolveText(loaded: LoadedLabels, text: string, lang: TaxonomyLang): NormalisedText {
    const all = loaded.index.lookup(text, MAX_RESOLVED, { exactSuffices: true });
    const answers =
      all[0] && all[0].confidence >= this.minConfidence
        ? all.filter((h) => h.confidence >= this.minConfidence)
        : [];
    const certainty = certaintyOf(answers);
    // Below the threshold nothing is an answer; but when the answer is a guess, weaker readings are still worth
    // offering beside it ("clean roms": clean rooms? clean surfaces?), so a person can pick the one they meant.
    const hits =
      certainty === 'unsure'
        ? all.filter((h) => h.confidence >= this.minConfidence - ALTERNATIVE_SLACK)
        : answers;
    const skills = hits.map((h): ResolvedSkill => ({
      id: h.conceptId,
      ...skillLabelIn(loaded, h.conceptId, lang),
      confidence: round(h.confidence),
      matchedLabel: h.label,
      source: sourceOf(h),
      ...(h.tag?.startsWith('occupation/') ? { occupationId: h.tag } : {}),
    }));
    return { text, skills, certainty };
  }

  async describe(q: DescribeConceptsQuery): Promise<DescribedConcepts> {
    const repo = this.repo();
    const [skills, occupations] = await Promise.all([
      repo.conceptLabels('skill', [...new Set(q.skillIds)]),
      repo.conceptLabels('occupation', [...new Set(q.occupationIds)]),
    ]);
    return { skills, occupations };
  }

  /** Unknown or retired ids are left out. */
  async skillNames(q: SkillNamesQuery): Promise<SkillName[]> {
    const loaded = await this.resolver.labels();
    if (!loaded) throw new ServiceUnavailable('The taxonomy has not been imported yet');
    return [...new Set(q.skillIds)]
      .filter((id) => loaded.preferred.has(id))
      .map((id) => ({ id, ...skillLabelIn(loaded, id, q.lang) }));
  }

  relatedSkills(ids: string[]): Promise<SkillNeighbour[]> {
    return this.repo().neighbours(ids);
  }

  /** STYRK-08 is small and changes only with an import: read once per process. */
  private styrkByIsco(): Promise<Map<string, StyrkRow>> {
    this.styrk ??= this.repo()
      .styrkGroups()
      .then((rows) => new Map(rows.map((r) => [r.iscoCode, r])));
    this.styrk.catch(() => (this.styrk = undefined));
    return this.styrk;
  }
}

/** The skill's preferred label in the asked language or the first of its fallback chain that has one. */
function skillLabelIn(
  loaded: LoadedLabels,
  id: string,
  lang: TaxonomyLang,
): { label: string; lang: TaxonomyLang } {
  const byLang = loaded.preferred.get(id);
  for (const l of labelFallback(lang)) {
    const label = byLang?.get(l);
    if (label) return { label, lang: l };
  }
  return { label: id, lang: SKILL_LABEL_LANG };
}

function sourceOf(h: LookupResult): ResolutionSource {
  if (h.kind !== 'term') return 'esco';
  return h.tag === 'glossary' ? 'glossary' : 'occupation';
}

/**
 * Sure when the best reading is (nearly) literally one of the skill's names, a glossary word or an occupation's
 * name, and no other reading is as likely. The skills a single glossary word or occupation name stands for
 * are one reading, not a doubt between several.
 */
function certaintyOf(hits: LookupResult[]): ResolutionCertainty {
  const [top] = hits;
  if (!top) return 'none';
  if (top.confidence < SURE_CONFIDENCE) return 'unsure';
  // Literally ESCO's own name of a skill, or a curated word: these win a tie by design (see LabelIndex).
  if (top.confidence === 1 && (top.kind === 'preferred' || (top.kind === 'term' && top.tag === 'glossary')))
    return 'sure';
  // The skills one glossary word or one occupation's name stands for are one reading, not rivals.
  const sameReading = (h: LookupResult) => h.kind === top.kind && h.tag === top.tag && h.label === top.label;
  const rival = hits
    .slice(1)
    .some((h) => h.confidence >= top.confidence - AMBIGUOUS_MARGIN && !sameReading(h));
  return rival ? 'unsure' : 'sure';
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function styrkOf(styrk: Map<string, StyrkRow>, isco: string) {
  const s = styrk.get(isco);
  return s ? { code: s.code, name: s.nameNb } : null;
}

/** The preferred label in the asked language or the first language of its fallback chain that has one. */
function preferredIn(
  doc: Record<string, unknown>,
  lang: TaxonomyLang,
): { label: string; lang: TaxonomyLang } {
  for (const l of labelFallback(lang)) {
    const label = doc[`preferred_${l}`];
    if (typeof label === 'string') return { label, lang: l };
  }
  return { label: typeof doc.preferred_en === 'string' ? doc.preferred_en : '', lang: 'en' };
}

/** The label that best explains why a hit matched the query: the one most like what was typed. */
function bestLabel(q: string, labels: string[]): string {
  let best = labels[0] ?? '';
  let bestScore = -1;
  for (const l of labels) {
    const s = labelSimilarity(q, l);
    if (s > bestScore) [best, bestScore] = [l, s];
  }
  return best;
}
