import type {
  CandidateScoringFeatures,
  CreateCandidateDto,
  CreateEmployerDto,
  CreateOpeningDto,
  OpeningScoringRequirements,
} from '@brobygger/contracts';

let seq = 0;

export function newCandidate(overrides: Partial<CreateCandidateDto> = {}): CreateCandidateDto {
  seq += 1;
  return {
    fullName: `Test Candidate ${seq}`,
    preferredLanguage: 'nb',
    skills: [{ text: 'welding', level: 3 }],
    consent: { searchable: true, shareWithEmployers: false, notifyInApp: true },
    ...overrides,
  };
}

/** A valid, unique Norwegian organisation number (MOD11 check digit). */
export function newOrgNumber(): string {
  for (;;) {
    const body = String(80_000_000 + Math.floor(Math.random() * 19_999_999)).padStart(8, '0');
    const weights = [3, 2, 7, 6, 5, 4, 3, 2];
    const rest = weights.reduce((s, w, i) => s + w * Number(body[i]), 0) % 11;
    const check = rest === 0 ? 0 : 11 - rest;
    if (check !== 10) return `${body}${check}`;
  }
}

export function newEmployer(overrides: Partial<CreateEmployerDto> = {}): CreateEmployerDto {
  seq += 1;
  return { name: `Test Employer ${seq} AS`, orgNumber: newOrgNumber(), ...overrides };
}

export function newOpening(overrides: Partial<CreateOpeningDto> = {}): CreateOpeningDto {
  seq += 1;
  return {
    title: `Welder ${seq}`,
    type: 'permanent',
    mustHaveSkills: [{ text: 'welding' }],
    niceToHaveSkills: [],
    ...overrides,
  };
}

/**
 * What the scorer reads of a candidate with these skills (by label, unresolved) and nothing else: for tests
 * that seed matching's read model and want skills alone to move a score.
 */
export function scoringCandidate(skillLabels: string[]): CandidateScoringFeatures {
  return {
    skills: skillLabels.map((label) => ({ skillId: null, label })),
    languages: [],
    drivingLicences: [],
    certificates: [],
    permit: 'unknown',
    wishedOpeningTypes: [],
    wishedOccupationIds: [],
    experienceOccupationIds: [],
  };
}

/** An on-site permanent opening as the scorer reads it, asking for these skills (by label) and nothing else. */
export function scoringOpening(mustHave: string[], niceToHave: string[] = []): OpeningScoringRequirements {
  return {
    type: 'permanent',
    mustHave: mustHave.map((label) => ({ skillId: null, label })),
    niceToHave: niceToHave.map((label) => ({ skillId: null, label })),
    otherLanguages: [],
    mode: 'on-site',
    drivingLicences: [],
    certificates: [],
    workPermitRequired: false,
    languageSupport: false,
  };
}
