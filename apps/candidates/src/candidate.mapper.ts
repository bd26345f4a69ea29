import type { CandidateMatchingFeatures, CandidateView } from '@brobygger/contracts';
import type { CandidateDocument } from '@brobygger/search';
import type { Candidate } from './candidate.entity';

export function toCandidateView(c: Candidate): CandidateView {
  return {
    id: c.id,
    fullName: c.fullName,
    ...(c.email ? { email: c.email } : {}),
    ...(c.phone ? { phone: c.phone } : {}),
    preferredLanguage: c.preferredLanguage,
    ...(c.municipality ? { municipality: c.municipality } : {}),
    skills: c.skills,
    consent: {
      searchable: c.consentSearchable,
      shareWithEmployers: c.consentShareWithEmployers,
      notifyInApp: c.consentNotifyInApp,
    },
    status: c.status,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function toCandidateDocument(c: Candidate): CandidateDocument {
  return {
    id: c.id,
    fullName: c.fullName,
    municipality: c.municipality ?? null,
    skills: c.skills.map((s) => s.label),
    preferredLanguage: c.preferredLanguage,
    updatedAt: c.updatedAt.getTime(),
  };
}

export function toMatchingFeatures(c: Candidate): CandidateMatchingFeatures {
  return {
    candidateId: c.id,
    version: c.version,
    matchable: c.status === 'active',
    notifyInApp: c.consentNotifyInApp,
    skills: c.skills.map((s) => ({ label: s.label, ...(s.level ? { level: s.level } : {}) })),
  };
}
