import { Injectable } from '@nestjs/common';
import {
  Patterns,
  type ConceptLabels,
  type DescribedConcepts,
  type NormaliseResult,
  type NormalisedText,
  type FieldError,
  type ResolvedSkill,
  type SkillClaimView,
} from '@brobygger/contracts';
import { RpcCaller } from './rpc';

/** Labels change only when a new taxonomy release is imported; `npm run search:reindex` picks those up. */
const CACHE_TTL_MS = 60 * 60_000;
const DESCRIBE_CHUNK = 5_000;
const NORMALISE_CHUNK = 200;
/** A bound on memory; past it the cache starts over (cheaper than an LRU, and rare). */
const MAX_CACHED_TEXTS = 100_000;

/**
 * The taxonomy as the services that keep skills see it (candidates, employers): free text to skill ids, and the labels of ids for search
 * documents. Labels are cached per process, so indexing a hundred thousand profiles drawn from a few thousand
 * skills asks the taxonomy service a few times, not once per profile.
 */
@Injectable()
export class ConceptCatalogue {
  private readonly cache = new Map<string, { labels: ConceptLabels; at: number }>();
  private readonly textCache = new Map<string, { skill: ResolvedSkill | undefined; at: number }>();

  constructor(private readonly rpc: RpcCaller) {}

  /**
   * The best skill for each text (same order), or undefined where nothing is close enough. Answers are
   * cached like labels: a spreadsheet names the same few hundred skills in thousands of rows.
   */
  async resolveTexts(texts: string[]): Promise<(ResolvedSkill | undefined)[]> {
    const now = Date.now();
    const ask = [...new Set(texts)].filter((t) => {
      const hit = this.textCache.get(t);
      return !hit || now - hit.at > CACHE_TTL_MS;
    });
    // Small calls: each keeps the taxonomy service busy for a bounded time, and a timeout loses little.
    for (let i = 0; i < ask.length; i += NORMALISE_CHUNK) {
      const chunk = ask.slice(i, i + NORMALISE_CHUNK);
      const res = await this.rpc.call<NormaliseResult>(Patterns.taxonomy.normalise, {
        texts: chunk,
        lang: 'nb',
      });
      const results: NormalisedText[] = res.kind === 'texts' ? res.results : [];
      chunk.forEach((t, j) => this.textCache.set(t, { skill: results[j]?.skills[0], at: now }));
    }
    const out = texts.map((t) => this.textCache.get(t)?.skill);
    if (this.textCache.size > MAX_CACHED_TEXTS) this.textCache.clear();
    return out;
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

/** A skill as given: a taxonomy id, or text to resolve, and whatever else the caller keeps with it. */
export interface SkillInput {
  skillId?: string;
  text?: string;
}

/**
 * A list of skills as stored: ids checked against `known`, texts resolved through `byText` (the text kept
 * beside the id, or kept alone when nothing is close), one entry per skill (the first wins). `extra` copies
 * what the caller keeps per skill (level, years, minimum level). Problems name `<field>.<i>.skillId`.
 */
export function resolveSkillList<T extends SkillInput, X extends object>(
  field: string,
  items: T[],
  byText: Map<string, ResolvedSkill | undefined>,
  known: Map<string, ConceptLabels>,
  extra: (item: T) => X,
  errors: FieldError[],
): (SkillClaimView & X)[] {
  const seen = new Set<string>();
  const out: (SkillClaimView & X)[] = [];
  items.forEach((s, i) => {
    let claim: SkillClaimView;
    if (s.skillId) {
      const c = known.get(s.skillId);
      if (!c) {
        errors.push({ field: `${field}.${i}.skillId`, messages: [`unknown skill id ${s.skillId}`] });
        return;
      }
      claim = { skillId: s.skillId, label: c.label, confidence: 1 };
    } else {
      const r = byText.get(s.text!);
      claim = r
        ? { skillId: r.id, label: r.label, confidence: r.confidence }
        : { skillId: null, label: null };
    }
    // Two texts that resolve to one skill are one skill; the first keeps its text and level.
    const key = claim.skillId ?? `text:${s.text!.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ ...claim, ...(s.text ? { text: s.text } : {}), ...extra(s) });
  });
  return out;
}
