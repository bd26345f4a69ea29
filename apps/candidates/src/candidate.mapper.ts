import {
  cefrRank,
  type CandidateMatchingFeatures,
  type CandidateView,
  type ConceptLabels,
} from '@brobygger/contracts';
import type { CandidateDocument } from '@brobygger/search';
import type { Candidate } from './candidate.entity';
import { languageLevelTokens, languageNames, levelName, norwegianLevel } from './languages';

/** Who is looking decides what they see: only staff see staff notes, assignment and the import id. */
export type Audience = 'staff' | 'self';

export function toCandidateView(c: Candidate, audience: Audience): CandidateView {
  const opt = <T>(v: T | null | undefined) => (v === null || v === undefined ? undefined : v);
  const view: CandidateView = {
    id: c.id,
    fullName: c.fullName,
    email: opt(c.email),
    phone: opt(c.phone),
    preferredLanguage: c.preferredLanguage,
    home: c.home,
    commuteKm: opt(c.commuteKm),
    drives: opt(c.drives),
    languages: c.languages,
    skills: c.skills,
    experience: c.experience,
    education: c.education,
    certificates: c.certificates,
    drivingLicences: c.drivingLicences,
    workPermit: opt(c.workPermit),
    availability: opt(c.availability),
    wishes: c.wishes,
    introductionProgramme: opt(c.introductionProgramme),
    notificationDigest: c.notificationDigest,
    consent: {
      searchable: c.consentSearchable,
      shareWithEmployers: c.consentShareWithEmployers,
      notifyEmail: c.consentNotifyEmail,
      notifySms: c.consentNotifySms,
      notifyInApp: c.consentNotifyInApp,
      changedAt: c.consentChangedAt,
    },
    status: c.status,
    assignedStaff: opt(c.assignedStaff),
    ...(audience === 'staff' ? { staffNotes: opt(c.staffNotes), externalRef: opt(c.externalRef) } : {}),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
  return JSON.parse(JSON.stringify(view)) as CandidateView; // drops the undefined keys
}

export interface DocumentLabels {
  skills: Map<string, ConceptLabels>;
  occupations: Map<string, ConceptLabels>;
}

const uuidOf = (id: string) => id.slice(id.indexOf('/') + 1);
const dateSeconds = (d: string | undefined) => (d ? Math.floor(Date.parse(`${d}T00:00:00Z`) / 1000) : 0);

/** The search document: what search needs, never contact details or notes (see CandidateDocument). */
export function toCandidateDocument(c: Candidate, labels: DocumentLabels): CandidateDocument {
  const skillTerms = new Set<string>();
  for (const s of c.skills) {
    if (s.text) skillTerms.add(s.text);
    for (const l of (s.skillId && labels.skills.get(s.skillId)?.otherLabels) || []) skillTerms.add(l);
  }
  const titles = new Set<string>();
  const occupationIds = [
    ...c.experience.flatMap((e) => (e.occupationId ? [e.occupationId] : [])),
    ...c.wishes.occupationIds,
  ];
  for (const e of c.experience) if (e.title) titles.add(e.title);
  for (const id of occupationIds) {
    const o = labels.occupations.get(id);
    if (o) [o.label, ...o.otherLabels].forEach((l) => titles.add(l));
  }
  return {
    id: c.id,
    version: c.version,
    fullName: c.fullName,
    status: c.status,
    municipality: c.home.municipality ?? null,
    municipalityName: c.home.municipalityName ?? null,
    _geo: c.home.lat !== undefined && c.home.lng !== undefined ? { lat: c.home.lat, lng: c.home.lng } : null,
    skillIds: c.skills.flatMap((s) => (s.skillId ? [uuidOf(s.skillId)] : [])),
    skills: c.skills.map((s) => s.label ?? s.text ?? ''),
    skillTerms: [...skillTerms],
    titles: [...titles],
    certificates: c.certificates,
    languages: c.languages.map((l) => l.code),
    languageNames: [...new Set(c.languages.flatMap((l) => languageNames(l.code)))],
    languageLevels: languageLevelTokens(c.languages),
    languageDisplay: c.languages.map((l) => ({ code: l.code, level: levelName(l) })),
    norwegianLevel: norwegianLevel(c.languages),
    drivingLicences: c.drivingLicences,
    permitStatus: c.workPermit?.status ?? null,
    openingTypes: c.wishes.openingTypes,
    availableFrom: dateSeconds(c.availability?.from),
    updatedAt: Math.floor(c.updatedAt.getTime() / 1000),
  };
}

/** A profile as matching may score it: skills, languages, place, licences, permit, availability, wishes. */
export function toMatchingFeatures(c: Candidate): CandidateMatchingFeatures {
  return {
    candidateId: c.id,
    version: c.version,
    matchable: c.status === 'active',
    notifyInApp: c.consentNotifyInApp,
    shareWithEmployers: c.consentShareWithEmployers,
    features: {
      // Until matching scores by id alone, labels stand in where the text resolved to nothing: the taxonomy's
      // label when it did (openings resolve theirs the same way), else the text as written.
      skills: c.skills.map((s) => ({
        skillId: s.skillId,
        label: s.label ?? s.text ?? '',
        ...(s.level ? { level: s.level } : {}),
      })),
      languages: c.languages.map((l) => ({
        code: l.code,
        spoken: cefrRank(l.spoken, l.native),
        written: cefrRank(l.written ?? l.spoken, l.native),
      })),
      ...(c.home.lat !== undefined && c.home.lng !== undefined
        ? { home: { lat: c.home.lat, lng: c.home.lng } }
        : {}),
      ...(c.commuteKm !== null && c.commuteKm !== undefined ? { commuteKm: c.commuteKm } : {}),
      drivingLicences: c.drivingLicences,
      certificates: c.certificates,
      permit: c.workPermit?.status ?? 'unknown',
      ...(c.availability?.from ? { availableFrom: c.availability.from } : {}),
      ...(c.availability?.hoursPercent ? { hoursPercent: c.availability.hoursPercent } : {}),
      ...(c.availability?.shiftsOk !== undefined ? { shiftsOk: c.availability.shiftsOk } : {}),
      wishedOpeningTypes: c.wishes.openingTypes,
      wishedOccupationIds: c.wishes.occupationIds,
      experienceOccupationIds: c.experience.flatMap((e) => (e.occupationId ? [e.occupationId] : [])),
    },
  };
}
