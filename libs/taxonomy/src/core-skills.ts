import { fold } from './text';

export interface EssentialLink {
  occupationId: string;
  occupationLabel: string;
  iscoGroup: string;
  skillId: string;
  skillLabel: string;
  skillType: string;
}

/** How many skills an occupation's name stands for when someone types it as a skill ("kokk", "welder"). */
export const CORE_SKILLS_PER_OCCUPATION = 3;

/**
 * The few essential skills that best say what an occupation's people do, for resolving an occupation's name
 * typed where a skill was asked for. ESCO lists 10–40 essential skills per occupation, many of them generic
 * ("report on possible equipment hazards") or rare specialities ("weld in hyperbaric conditions"). A skill
 * counts more when the occupation's own name is in it ("cook" → "use cooking techniques"), when the other
 * occupations of the same ISCO group also need it and few outside do, and when it is a competence rather
 * than knowledge.
 */
export function coreSkills(
  links: readonly EssentialLink[],
  k = CORE_SKILLS_PER_OCCUPATION,
): Map<string, string[]> {
  const occupationsOf = new Map<string, number>();
  const inGroup = new Map<string, number>();
  const byOccupation = new Map<string, EssentialLink[]>();
  for (const l of links) {
    occupationsOf.set(l.skillId, (occupationsOf.get(l.skillId) ?? 0) + 1);
    const g = `${l.iscoGroup}\u0000${l.skillId}`;
    inGroup.set(g, (inGroup.get(g) ?? 0) + 1);
    const list = byOccupation.get(l.occupationId);
    if (list) list.push(l);
    else byOccupation.set(l.occupationId, [l]);
  }
  const out = new Map<string, string[]>();
  for (const [occupationId, list] of byOccupation) {
    const nameStems = wordStems(list[0].occupationLabel);
    const score = (l: EssentialLink) =>
      (sharesStem(nameStems, wordStems(l.skillLabel)) ? 1 : 0) +
      (inGroup.get(`${l.iscoGroup}\u0000${l.skillId}`) ?? 0) / Math.sqrt(occupationsOf.get(l.skillId) ?? 1) -
      (l.skillType === 'knowledge' ? 0.3 : 0);
    const ranked = list
      .map((l) => ({ id: l.skillId, s: score(l) }))
      .sort((a, b) => b.s - a.s || (a.id < b.id ? -1 : 1));
    out.set(
      occupationId,
      ranked.slice(0, k).map((r) => r.id),
    );
  }
  return out;
}

/** First four letters of each word of four or more: "welder" and "welding" meet at "weld". */
function wordStems(label: string): Set<string> {
  return new Set(
    fold(label)
      .split(' ')
      .filter((w) => w.length >= 4)
      .map((w) => w.slice(0, 4)),
  );
}

function sharesStem(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}
