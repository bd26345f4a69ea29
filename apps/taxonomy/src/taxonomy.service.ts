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
  type ResolvedSkill,
  type SkillHit,
  type SkillNeighbour,
  type SkillRef,
  type SkillType,
  type TaxonomyInfo,
  type TaxonomyLang,
  type TaxonomySearchQueryDto,
} from '@brobygger/contracts';
import { CONFIG } from '@brobygger/platform';
import { SKILLS_INDEX, indexUid, type SkillDocument } from '@brobygger/search';
import { labelSimilarity } from '@brobygger/taxonomy';
import type { TaxonomyConfig } from './config';
import { OccupationTitles } from './occupations/occupation-titles';
import { SkillResolver } from './skill-resolver';
import { TaxonomyRepository, type StyrkRow } from './taxonomy.repository';

export const MEILI = Symbol('MEILI');

/** Texts normalised between two turns of the event loop. */
const YIELD_EVERY = 10;

/** Skills have English labels only; every other language falls back to them (see labelFallback). */
const SKILL_LABEL_LANG: TaxonomyLang = 'en';

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

  async searchSkills(q: TaxonomySearchQueryDto): Promise<SkillHit[]> {
    const res = await this.meili.index<SkillDocument>(this.skillsUid).search(q.q, { limit: q.limit });
    return res.hits.map((h) => ({
      id: h.id,
      label: h.preferred_en,
      lang: SKILL_LABEL_LANG,
      matchedLabel: bestLabel(q.q, [h.preferred_en, ...h.alt_en, ...h.hidden_en]),
      type: h.type as SkillType,
      reuseLevel: h.reuseLevel,
    }));
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
    const label = (id: string) => loaded.preferred.get(id) ?? id;
    if (dto.text !== undefined) {
      const skills: ExtractedSkill[] = loaded.index.extract(dto.text, { limit: 20 }).map((e) => ({
        id: e.conceptId,
        label: label(e.conceptId),
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
      results.push({
        text,
        skills: loaded.index
          .lookup(text, 5, { exactSuffices: true })
          .filter((h) => h.confidence >= this.minConfidence)
          .map((h): ResolvedSkill => ({
            id: h.conceptId,
            label: label(h.conceptId),
            confidence: round(h.confidence),
            matchedLabel: h.label,
          })),
      });
    }
    return { kind: 'texts', results };
  }

  async describe(q: DescribeConceptsQuery): Promise<DescribedConcepts> {
    const repo = this.repo();
    const [skills, occupations] = await Promise.all([
      repo.conceptLabels('skill', [...new Set(q.skillIds)]),
      repo.conceptLabels('occupation', [...new Set(q.occupationIds)]),
    ]);
    return { skills, occupations };
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
