import type { MatchExplanation, ScorePart } from '@brobygger/contracts';
import { skillKey } from './skill-key';

/**
 * What the scorer may read. Name, contact, nationality, gender, age, religion and family are not here and so
 * cannot influence a score.
 */
export interface ScoringCandidate {
  skills: { label: string; level?: number }[];
}

export interface ScoringOpening {
  mustHaveSkills: string[];
  niceToHaveSkills: string[];
}

export interface Weights {
  version: string;
  mustHave: number;
  niceToHave: number;
}

/** Bump `version` with any change, so stored matches say which weights produced them. */
export const DEFAULT_WEIGHTS: Weights = { version: 'w1', mustHave: 70, niceToHave: 30 };

export interface ScoreResult {
  score: number;
  explanation: MatchExplanation;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Scores one candidate against one opening. The explanation's parts add up to the score. With no
 * nice-to-haves, must-haves carry the full 100 points (and the other way round).
 */
export function scoreMatch(
  c: ScoringCandidate,
  o: ScoringOpening,
  w: Weights = DEFAULT_WEIGHTS,
): ScoreResult {
  const have = new Set(c.skills.map((s) => skillKey(s.label)));
  const must = [...new Set(o.mustHaveSkills.map(skillKey))];
  const nice = [...new Set(o.niceToHaveSkills.map(skillKey))].filter((k) => !must.includes(k));
  const total = (must.length ? w.mustHave : 0) + (nice.length ? w.niceToHave : 0);
  const scale = total ? 100 / total : 0;

  const part = (factor: string, keys: string[], weight: number): ScorePart => {
    const matched = keys.filter((k) => have.has(k));
    const max = keys.length ? round1(weight * scale) : 0;
    return {
      factor,
      points: keys.length ? round1((max * matched.length) / keys.length) : 0,
      maxPoints: max,
      detail: `${matched.length} of ${keys.length}`,
    };
  };
  const parts = [
    part('must-have skills', must, w.mustHave),
    part('nice-to-have skills', nice, w.niceToHave),
  ].filter((p) => p.maxPoints > 0);
  return {
    score: round1(parts.reduce((sum, p) => sum + p.points, 0)),
    explanation: {
      parts,
      matchedSkills: [...must, ...nice].filter((k) => have.has(k)),
      missingMustHaves: must.filter((k) => !have.has(k)),
    },
  };
}
