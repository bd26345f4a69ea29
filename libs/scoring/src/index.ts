export * from './score';
export * from './skill-key';
export * from './features';
// The w2 scorer's names clash with score.ts, which apps/matching still uses: until w2 replaces it,
// `scoreMatch`, `Weights` and `DEFAULT_WEIGHTS` mean w1 and w2 is exported under the aliases below.
export {
  MATCH_FACTORS,
  scoreMatch as scoreMatchV2,
  type Gate,
  type GateKind,
  type LanguageGap,
  type MatchedSkill,
  type MatchFactor,
  type MatchPart,
  type MatchScore,
  type MatchScoreExplanation,
  type NearMiss,
  type ScoreOptions,
} from './match-score';
export {
  DEFAULT_WEIGHTS as DEFAULT_MATCH_WEIGHTS,
  validateWeights,
  type Weights as MatchWeights,
} from './weights';
