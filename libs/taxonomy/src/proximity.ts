/**
 * How related two skills are, for a scorer that asks about many candidate × opening skill pairs: all the
 * work happens once in `computeNeighbours`, and `SkillProximity` answers each pair with two map reads.
 */

export type ProximityReason = 'same' | 'broader' | 'narrower' | 'sibling' | 'related' | 'shared-occupations';

/** broader: `to` is the broader skill of `from`; essential/optional: ESCO skill→skill relations. */
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

/** `other` seen from `skillId`: reason 'broader' means `other` is broader than `skillId`. */
export interface Neighbour {
  skillId: string;
  other: string;
  score: number;
  reason: ProximityReason;
}

export interface NeighbourOptions {
  /** Shared-occupation neighbours kept per skill (default 10). */
  topK?: number;
  /** Occupations two skills must share to count as neighbours that way (default 2). */
  minShared?: number;
  /** Skills linked to more occupations are left out of shared-occupation pairs (default 500). */
  maxOccupations?: number;
  /** Children of one broader skill are siblings only if there are at most this many (default 30). */
  maxSiblings?: number;
  /**
   * Which ids are skills, for the broader/narrower/sibling rows. By default ids starting with `skill/`;
   * ESCO skill groups share that prefix, so pass the set of real skill ids when the caller has it.
   */
  isSkill?: (id: string) => boolean;
}

/** Ties between reasons of equal score go to the one listed first. */
export const PROXIMITY_REASONS: readonly ProximityReason[] = [
  'same',
  'broader',
  'narrower',
  'sibling',
  'related',
  'shared-occupations',
];

export const PROXIMITY_SCORES = {
  broader: 0.8,
  narrower: 0.8,
  essential: 0.7,
  sibling: 0.6,
  optional: 0.5,
  /** Shared occupations score this times the weighted Jaccard of the two skills' occupations. */
  sharedOccupations: 0.5,
} as const;

// Optional links say less about what a job needs than essential ones.
const OPTIONAL_LINK_WEIGHT = 0.5;
// Pair keys are a * KEY_BASE + b: exact in a double for up to 2^26 distinct ids.
const KEY_BASE = 2 ** 26;

const reasonRank = (r: ProximityReason) => PROXIMITY_REASONS.indexOf(r);

/** Best reason per ordered pair of interned ids. */
class PairTable {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly rows = new Map<number, { score: number; reason: ProximityReason }>();

  intern(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.index.set(id, i);
      this.ids.push(id);
    }
    return i;
  }

  offer(a: number, b: number, score: number, reason: ProximityReason): void {
    if (a === b) return;
    const key = a * KEY_BASE + b;
    const prev = this.rows.get(key);
    if (
      !prev ||
      score > prev.score ||
      (score === prev.score && reasonRank(reason) < reasonRank(prev.reason))
    ) {
      this.rows.set(key, { score, reason });
    }
  }

  toNeighbours(): Neighbour[] {
    const out: Neighbour[] = [];
    for (const [key, { score, reason }] of this.rows) {
      const a = Math.floor(key / KEY_BASE);
      out.push({ skillId: this.ids[a], other: this.ids[key - a * KEY_BASE], score, reason });
    }
    return out.sort(compareNeighbours);
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** By skill, then score descending, then reason order, then the other id. */
function compareNeighbours(x: Neighbour, y: Neighbour): number {
  return (
    compareIds(x.skillId, y.skillId) ||
    y.score - x.score ||
    reasonRank(x.reason) - reasonRank(y.reason) ||
    compareIds(x.other, y.other)
  );
}

/**
 * Every related pair of skills, as directed rows in both directions, with the strongest reason per pair
 * (ties go to the reason listed first in `PROXIMITY_REASONS`):
 * - broader / narrower 0.8, from skill→skill broader relations;
 * - sibling 0.6, children of one broader skill that has at most `maxSiblings` children (a big family
 *   says little about any two of its members);
 * - related 0.7 (essential) or 0.5 (optional), from ESCO skill→skill relations;
 * - shared-occupations 0.5 × weighted Jaccard of the skills' occupations (essential link 1, optional
 *   0.5), for each skill's `topK` best partners sharing at least `minShared` occupations. Both
 *   directions are written, so a skill can have more than `topK` of these rows but proximity stays
 *   symmetric. Skills in more than `maxOccupations` occupations are left out: they pair with
 *   everything, and their pairs are most of the work.
 * Sorted by skill, then score descending.
 */
export function computeNeighbours(
  relations: readonly SkillRelation[],
  links: readonly OccupationSkillLink[],
  opts: NeighbourOptions = {},
): Neighbour[] {
  const topK = opts.topK ?? 10;
  const minShared = opts.minShared ?? 2;
  const maxOccupations = opts.maxOccupations ?? 500;
  const maxSiblings = opts.maxSiblings ?? 30;
  const isSkill = opts.isSkill ?? ((id: string) => id.startsWith('skill/'));
  const table = new PairTable();

  const children = new Map<number, Set<number>>();
  for (const r of relations) {
    if (r.kind === 'broader') {
      if (!isSkill(r.from) || !isSkill(r.to)) continue;
      const child = table.intern(r.from);
      const parent = table.intern(r.to);
      table.offer(child, parent, PROXIMITY_SCORES.broader, 'broader');
      table.offer(parent, child, PROXIMITY_SCORES.narrower, 'narrower');
      let set = children.get(parent);
      if (!set) children.set(parent, (set = new Set()));
      set.add(child);
    } else {
      const a = table.intern(r.from);
      const b = table.intern(r.to);
      const score = r.kind === 'essential' ? PROXIMITY_SCORES.essential : PROXIMITY_SCORES.optional;
      table.offer(a, b, score, 'related');
      table.offer(b, a, score, 'related');
    }
  }
  for (const set of children.values()) {
    if (set.size < 2 || set.size > maxSiblings) continue;
    const kids = [...set];
    for (const a of kids) for (const b of kids) table.offer(a, b, PROXIMITY_SCORES.sibling, 'sibling');
  }

  addSharedOccupations(table, links, topK, minShared, maxOccupations);
  return table.toNeighbours();
}

function addSharedOccupations(
  table: PairTable,
  links: readonly OccupationSkillLink[],
  topK: number,
  minShared: number,
  maxOccupations: number,
): void {
  if (topK <= 0) return;
  // Skill → occupation → weight; an essential link wins over an optional one for the same pair.
  const occIndex = new Map<string, number>();
  const bySkill = new Map<number, Map<number, number>>();
  for (const l of links) {
    const s = table.intern(l.skillId);
    let o = occIndex.get(l.occupationId);
    if (o === undefined) occIndex.set(l.occupationId, (o = occIndex.size));
    const w = l.relation === 'essential' ? 1 : OPTIONAL_LINK_WEIGHT;
    let occs = bySkill.get(s);
    if (!occs) bySkill.set(s, (occs = new Map<number, number>()));
    occs.set(o, Math.max(w, occs.get(o) ?? 0));
  }

  const n = table.ids.length;
  const totalWeight = new Float64Array(n);
  const occSkills: Array<Array<[number, number]>> = Array.from({ length: occIndex.size }, () => []);
  const skills = [...bySkill.keys()].filter((s) => (bySkill.get(s)?.size ?? 0) <= maxOccupations);
  skills.sort((a, b) => compareIds(table.ids[a], table.ids[b]));
  for (const s of skills) {
    for (const [o, w] of bySkill.get(s) ?? []) {
      totalWeight[s] += w;
      occSkills[o].push([s, w]);
    }
  }

  // Per skill: walk its occupations' skill lists, summing min(weight) per partner. Scratch arrays are
  // reset through the touched list, so the whole pass is O(sum over occupations of size²).
  const minSum = new Float64Array(n);
  const shared = new Int32Array(n);
  for (const a of skills) {
    const touched: number[] = [];
    for (const [o, wa] of bySkill.get(a) ?? []) {
      for (const [b, wb] of occSkills[o]) {
        if (b === a) continue;
        if (shared[b] === 0) touched.push(b);
        shared[b]++;
        minSum[b] += Math.min(wa, wb);
      }
    }
    const candidates: Array<{ b: number; jaccard: number }> = [];
    for (const b of touched) {
      if (shared[b] >= minShared) {
        candidates.push({ b, jaccard: minSum[b] / (totalWeight[a] + totalWeight[b] - minSum[b]) });
      }
      shared[b] = 0;
      minSum[b] = 0;
    }
    candidates.sort((x, y) => y.jaccard - x.jaccard || compareIds(table.ids[x.b], table.ids[y.b]));
    for (const { b, jaccard } of candidates.slice(0, topK)) {
      const score = Math.min(
        PROXIMITY_SCORES.sharedOccupations,
        PROXIMITY_SCORES.sharedOccupations * jaccard,
      );
      table.offer(a, b, score, 'shared-occupations');
      table.offer(b, a, score, 'shared-occupations');
    }
  }
}

export interface Proximity {
  score: number;
  reason: ProximityReason | null;
}

const NONE: Proximity = Object.freeze({ score: 0, reason: null });
const SAME: Proximity = Object.freeze({ score: 1, reason: 'same' });

/** Constant-time relatedness of two skills from precomputed `Neighbour` rows. */
export class SkillProximity {
  private readonly index = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly pairs = new Map<number, Neighbour>();
  private readonly bySkill = new Map<number, Neighbour[]>();

  constructor(neighbours: readonly Neighbour[]) {
    for (const row of neighbours) {
      if (row.skillId === row.other) continue;
      const a = this.intern(row.skillId);
      const b = this.intern(row.other);
      const key = a * KEY_BASE + b;
      const prev = this.pairs.get(key);
      if (
        !prev ||
        row.score > prev.score ||
        (row.score === prev.score && reasonRank(row.reason) < reasonRank(prev.reason))
      ) {
        this.pairs.set(key, row);
      }
    }
    for (const [key, row] of this.pairs) {
      const a = Math.floor(key / KEY_BASE);
      const list = this.bySkill.get(a);
      if (list) list.push(row);
      else this.bySkill.set(a, [row]);
    }
    for (const list of this.bySkill.values()) list.sort(compareNeighbours);
  }

  /** Number of directed rows kept. */
  get size(): number {
    return this.pairs.size;
  }

  /** 1 and 'same' for one skill, the stored row for a neighbour, else 0 and null. */
  proximity(a: string, b: string): Proximity {
    if (a === b) return SAME;
    const ia = this.index.get(a);
    const ib = this.index.get(b);
    if (ia === undefined || ib === undefined) return NONE;
    const row = this.pairs.get(ia * KEY_BASE + ib);
    return row ? { score: row.score, reason: row.reason } : NONE;
  }

  /** Neighbours of a skill, highest score first. */
  neighbours(a: string): Neighbour[] {
    const ia = this.index.get(a);
    return ia === undefined ? [] : [...(this.bySkill.get(ia) ?? [])];
  }

  private intern(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.index.set(id, i);
      this.ids.push(id);
    }
    return i;
  }
}
