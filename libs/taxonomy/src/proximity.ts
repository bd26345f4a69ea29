/*
 * How close two skills are, for a scorer that gives partial credit when a candidate has a skill near the one
 * asked for. The neighbours are computed once (at taxonomy import) from ESCO's hierarchy, its skill → skill
 * relations and the occupations two skills share; asking about a pair is then a map lookup.
 */
import type { ProximityReason, SkillNeighbour } from '@brobygger/contracts';

/** The wire's shape (libs/contracts): the taxonomy service hands these to other services as they are. */
export type Neighbour = SkillNeighbour;
export type { ProximityReason };

/** broader: `to` is the broader skill of `from`; essential/optional: ESCO's skill → skill relations. */
export interface SkillRelation {
  from: string;
  to: string;
  kind: 'broader' | 'essential' | 'optional';
}

export interface OccupationSkillLink {
  occupationId: string;
  skillId: string;
  relation: 'essential' | 'optional';
}

export const PROXIMITY_SCORES = {
  broaderOrNarrower: 0.8,
  relatedEssential: 0.7,
  sibling: 0.6,
  relatedOptional: 0.5,
  /** The most that sharing occupations alone can give: it is the weakest kind of evidence. */
  sharedOccupationsMax: 0.5,
} as const;

/** Order of preference when a pair is close for several reasons and the scores tie. */
const REASON_ORDER: ProximityReason[] = [
  'same',
  'broader',
  'narrower',
  'sibling',
  'related',
  'shared-occupations',
];

export interface NeighbourOptions {
  /** Shared-occupation neighbours kept per skill. */
  topK?: number;
  /** Occupations two skills must share before that counts. */
  minShared?: number;
  /** Siblings only under a parent with at most this many children: a huge group says little. */
  maxSiblings?: number;
  /** Skills linked to more occupations than this (e.g. "communication") are left out of co-occurrence. */
  maxOccupations?: number;
}

export function computeNeighbours(
  relations: readonly SkillRelation[],
  links: readonly OccupationSkillLink[],
  opts: NeighbourOptions = {},
): Neighbour[] {
  const { topK = 10, minShared = 2, maxSiblings = 30, maxOccupations = 500 } = opts;
  const best = new Map<string, Neighbour>();
  const offer = (skillId: string, other: string, score: number, reason: ProximityReason) => {
    if (skillId === other) return;
    const key = `${skillId}\u0000${other}`;
    const current = best.get(key);
    if (
      !current ||
      score > current.score ||
      (score === current.score && REASON_ORDER.indexOf(reason) < REASON_ORDER.indexOf(current.reason))
    ) {
      best.set(key, { skillId, other, score, reason });
    }
  };

  const children = new Map<string, string[]>();
  for (const r of relations) {
    if (r.kind === 'broader') {
      offer(r.from, r.to, PROXIMITY_SCORES.broaderOrNarrower, 'broader');
      offer(r.to, r.from, PROXIMITY_SCORES.broaderOrNarrower, 'narrower');
      (children.get(r.to) ?? children.set(r.to, []).get(r.to)!).push(r.from);
    } else {
      const score =
        r.kind === 'essential' ? PROXIMITY_SCORES.relatedEssential : PROXIMITY_SCORES.relatedOptional;
      offer(r.from, r.to, score, 'related');
      offer(r.to, r.from, score, 'related');
    }
  }
  for (const kids of children.values()) {
    if (kids.length > maxSiblings) continue;
    for (const a of kids) for (const b of kids) offer(a, b, PROXIMITY_SCORES.sibling, 'sibling');
  }

  // Weighted Jaccard over occupation sets: essential links count 1, optional 0.5.
  const bySkill = new Map<string, Map<string, number>>();
  const byOccupation = new Map<string, { skillId: string; w: number }[]>();
  for (const l of links) {
    const w = l.relation === 'essential' ? 1 : 0.5;
    (bySkill.get(l.skillId) ?? bySkill.set(l.skillId, new Map()).get(l.skillId)!).set(l.occupationId, w);
  }
  const weight = new Map<string, number>();
  for (const [skillId, occ] of bySkill) {
    if (occ.size > maxOccupations) continue;
    weight.set(
      skillId,
      [...occ.values()].reduce((a, b) => a + b, 0),
    );
    for (const [occupationId, w] of occ) {
      (byOccupation.get(occupationId) ?? byOccupation.set(occupationId, []).get(occupationId)!).push({
        skillId,
        w,
      });
    }
  }
  for (const [skillId, occ] of bySkill) {
    if (!weight.has(skillId)) continue;
    const overlap = new Map<string, { min: number; shared: number }>();
    for (const [occupationId, w] of occ) {
      for (const o of byOccupation.get(occupationId) ?? []) {
        if (o.skillId === skillId) continue;
        const acc = overlap.get(o.skillId) ?? { min: 0, shared: 0 };
        acc.min += Math.min(w, o.w);
        acc.shared += 1;
        overlap.set(o.skillId, acc);
      }
    }
    const scored = [...overlap.entries()]
      .filter(([, acc]) => acc.shared >= minShared)
      .map(([other, acc]) => {
        const union = weight.get(skillId)! + weight.get(other)! - acc.min;
        return { other, jaccard: union > 0 ? acc.min / union : 0 };
      })
      .sort((a, b) => b.jaccard - a.jaccard || (a.other < b.other ? -1 : 1))
      .slice(0, topK);
    for (const s of scored) {
      const score = Math.min(PROXIMITY_SCORES.sharedOccupationsMax, 0.5 * s.jaccard);
      if (score > 0) offer(skillId, s.other, Math.round(score * 1000) / 1000, 'shared-occupations');
    }
  }
  return [...best.values()].sort((a, b) =>
    a.skillId < b.skillId
      ? -1
      : a.skillId > b.skillId
        ? 1
        : b.score - a.score || (a.other < b.other ? -1 : 1),
  );
}

/** O(1) per pair once built from the neighbours of the skills a scorer cares about. */
export class SkillProximity {
  private readonly byPair = new Map<string, Neighbour>();
  private readonly bySkill = new Map<string, Neighbour[]>();

  constructor(neighbours: readonly Neighbour[]) {
    for (const n of neighbours) {
      this.byPair.set(`${n.skillId}\u0000${n.other}`, n);
      (this.bySkill.get(n.skillId) ?? this.bySkill.set(n.skillId, []).get(n.skillId)!).push(n);
    }
    for (const list of this.bySkill.values())
      list.sort((a, b) => b.score - a.score || (a.other < b.other ? -1 : 1));
  }

  proximity(a: string, b: string): { score: number; reason: ProximityReason | null } {
    if (a === b) return { score: 1, reason: 'same' };
    const n = this.byPair.get(`${a}\u0000${b}`);
    return n ? { score: n.score, reason: n.reason } : { score: 0, reason: null };
  }

  neighbours(a: string): Neighbour[] {
    return this.bySkill.get(a) ?? [];
  }
}
