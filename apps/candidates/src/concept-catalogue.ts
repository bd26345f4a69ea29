import { Injectable } from '@nestjs/common';
import {
  MAX_NORMALISE_TEXTS,
  Patterns,
  type ConceptLabels,
  type DescribedConcepts,
  type NormaliseResult,
  type NormalisedText,
  type ResolvedSkill,
} from '@brobygger/contracts';
import { RpcCaller } from '@brobygger/platform';

/** Labels change only when a new taxonomy release is imported; `npm run search:reindex` picks those up. */
const CACHE_TTL_MS = 60 * 60_000;
const DESCRIBE_CHUNK = 5_000;

/**
 * The taxonomy as the candidates service sees it: free text to skill ids, and the labels of ids for search
 * documents. Labels are cached per process, so indexing a hundred thousand profiles drawn from a few thousand
 * skills asks the taxonomy service a few times, not once per profile.
 */
@Injectable()
export class ConceptCatalogue {
  private readonly cache = new Map<string, { labels: ConceptLabels; at: number }>();

  constructor(private readonly rpc: RpcCaller) {}

  /** The best skill for each text (same order), or undefined where nothing is close enough. */
  async resolveTexts(texts: string[]): Promise<(ResolvedSkill | undefined)[]> {
    const unique = [...new Set(texts)];
    const best = new Map<string, ResolvedSkill | undefined>();
    for (let i = 0; i < unique.length; i += MAX_NORMALISE_TEXTS) {
      const chunk = unique.slice(i, i + MAX_NORMALISE_TEXTS);
      const res = await this.rpc.call<NormaliseResult>(Patterns.taxonomy.normalise, {
        texts: chunk,
        lang: 'nb',
      });
      const results: NormalisedText[] = res.kind === 'texts' ? res.results : [];
      chunk.forEach((t, j) => best.set(t, results[j]?.skills[0]));
    }
    return texts.map((t) => best.get(t));
  }

  /** Labels of the ids the taxonomy knows; unknown (or retired) ids are absent from the maps. */
  async describe(
    skillIds: Iterable<string>,
    occupationIds: Iterable<string>,
  ): Promise<{ skills: Map<string, ConceptLabels>; occupations: Map<string, ConceptLabels> }> {
    const now = Date.now();
    const missing = (ids: Iterable<string>) =>
      [...new Set(ids)].filter((id) => {
        const hit = this.cache.get(id);
        return !hit || now - hit.at > CACHE_TTL_MS;
      });
    const skillsToAsk = missing(skillIds);
    const occupationsToAsk = missing(occupationIds);
    for (let i = 0; i < Math.max(skillsToAsk.length, occupationsToAsk.length); i += DESCRIBE_CHUNK) {
      const res = await this.rpc.call<DescribedConcepts>(Patterns.taxonomy.describe, {
        skillIds: skillsToAsk.slice(i, i + DESCRIBE_CHUNK),
        occupationIds: occupationsToAsk.slice(i, i + DESCRIBE_CHUNK),
      });
      for (const c of [...res.skills, ...res.occupations]) this.cache.set(c.id, { labels: c, at: now });
    }
    const pick = (ids: Iterable<string>) => {
      const out = new Map<string, ConceptLabels>();
      for (const id of ids) {
        const hit = this.cache.get(id);
        if (hit) out.set(id, hit.labels);
      }
      return out;
    };
    return { skills: pick(skillIds), occupations: pick(occupationIds) };
  }
}
