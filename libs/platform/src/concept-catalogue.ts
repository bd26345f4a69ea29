import { Injectable } from '@nestjs/common';
import {
  Patterns,
  type ConceptLabels,
  type DescribedConcepts,
  type NormaliseResult,
  type NormalisedText,
  type FieldError,
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
  private readonly textCache = new Map<string, { resolved: NormalisedText; at: number }>();

  constructor(private readonly rpc: RpcCaller) {}

  /**
   * What each text resolved to (same order): the readings best first and how sure the taxonomy is. Answers
   * are cached like labels: a spreadsheet names the same few hundred skills in thousands of rows.
   */
  async resolveTexts(texts: string[]): Promise<NormalisedText[]> {
    const now = Date.now();
    const ask = [...new Set(texts)].filter((t) => {
      const hit = this.textCache.get(t);
      return !hit || now - hit.at > CACHE_TTL_MS;
    });
    // Small calls: each keeps the taxonomy service busy for a bounded time, and a timeout loses little.
    for (let i = 0; i < ask.length; i += NORMALISE_CHUNK) {
      const chunk = ask.slice(i, i + NORMALISE_CHUNK);
      // Stored labels are English (ESCO's one name every skill has), as for skills chosen by id; readers ask
      // the taxonomy for the name in their own language.
      const res = await this.rpc.call<NormaliseResult>(Patterns.taxonomy.normalise, {
        texts: chunk,
        lang: 'en',
      });
      const results: NormalisedText[] = res.kind === 'texts' ? res.results : [];
      chunk.forEach((t, j) =>
        this.textCache.set(t, {
          resolved: results[j] ?? { text: t, skills: [], certainty: 'none' },
          at: now,
        }),
      );
    }
    const out = texts.map((t) => this.textCache.get(t)!.resolved);
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

/** How many other readings of an unsure text a profile or opening offers to choose from. */
const MAX_ALTERNATIVES = 3;

/**
 * A list of skills as stored: ids checked against `known`, texts resolved through `byText` (the text kept
 * beside the id, or kept alone when nothing is close, with how sure the taxonomy was and, when unsure, the
 * other readings to choose from). Two items that name one skill are one entry: the first one's text, the higher
 * level, years and minimum level of the two, and the other texts beside it (`alsoTexts`), so nothing typed is
 * silently dropped. `extra` copies what the caller keeps per skill (level, years, minimum level). Problems
 * name `<field>.<i>.skillId`.
 */
export function resolveSkillList<T extends SkillInput, X extends object>(
  field: string,
  items: T[],
  byText: Map<string, NormalisedText>,
  known: Map<string, ConceptLabels>,
  extra: (item: T) => X,
  errors: FieldError[],
): (SkillClaimView & X)[] {
  const byKey = new Map<string, SkillClaimView & X>();
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
      claim = claimOfText(byText.get(s.text!));
    }
    const key = claim.skillId ?? `text:${s.text!.toLowerCase()}`;
    const first = byKey.get(key);
    if (first) {
      if (s.text && s.text !== first.text && !first.alsoTexts?.includes(s.text))
        first.alsoTexts = [...(first.alsoTexts ?? []), s.text];
      keepHigher(first as Record<string, unknown>, extra(s) as Record<string, unknown>);
      return;
    }
    const entry = { ...claim, ...(s.text ? { text: s.text } : {}), ...extra(s) };
    byKey.set(key, entry);
    out.push(entry);
  });
  return out;
}

/**
 * Of two items that name one skill, the higher level, years and minimum level count: "sveising" 1 year and
 * "MIG welding" 8 years is a welder of 8 years.
 */
function keepHigher(kept: Record<string, unknown>, other: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(other)) {
    const had = kept[k];
    if (typeof v === 'number' && (typeof had !== 'number' || v > had)) kept[k] = v;
  }
}

function claimOfText(r: NormalisedText | undefined): SkillClaimView {
  const [best, ...others] = r?.skills ?? [];
  if (!best) return { skillId: null, label: null, certainty: 'none' };
  const certainty = r!.certainty;
  return {
    skillId: best.id,
    label: best.label,
    confidence: best.confidence,
    certainty,
    ...(best.source ? { source: best.source } : {}),
    ...(certainty === 'unsure' && others.length
      ? {
          alternatives: others
            .slice(0, MAX_ALTERNATIVES)
            .map((o) => ({ skillId: o.id, label: o.label, confidence: o.confidence })),
        }
      : {}),
  };
}
