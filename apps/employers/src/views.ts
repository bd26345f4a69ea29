import type { ContactView, EmployerView, InteractionView, OpeningView } from '@brobygger/contracts';
import type { Employer, EmployerContact, Interaction, PartnershipChange } from './employer.entity';
import type { Opening } from './opening.entity';

const opt = <T>(v: T | null | undefined): T | undefined => (v === null || v === undefined ? undefined : v);

export function toContactView(c: EmployerContact): ContactView {
  return JSON.parse(
    JSON.stringify({ id: c.id, name: c.name, role: opt(c.role), email: opt(c.email), phone: opt(c.phone) }),
  ) as ContactView;
}

export function toEmployerView(
  e: Employer,
  contacts: EmployerContact[],
  history: PartnershipChange[],
): EmployerView {
  return JSON.parse(
    JSON.stringify({
      id: e.id,
      name: e.name,
      orgNumber: e.orgNumber,
      nace: opt(e.nace),
      address: e.address,
      website: opt(e.website),
      contacts: contacts.map(toContactView),
      partnership: {
        status: e.partnershipStatus,
        agreementFrom: opt(e.agreementFrom),
        agreementTo: opt(e.agreementTo),
        commitments: e.commitments,
        history: history.map((h) => ({
          from: h.fromStatus ?? null,
          to: h.toStatus,
          by: h.actor,
          at: h.at.toISOString(),
          reason: h.reason,
        })),
      },
      version: e.version,
      createdAt: e.createdAt.toISOString(),
    }),
  ) as EmployerView;
}

export function toInteractionView(i: Interaction): InteractionView {
  return {
    id: i.id,
    kind: i.kind,
    on: i.on,
    notes: i.notes,
    by: i.actor,
    createdAt: i.createdAt.toISOString(),
  };
}

/** Who reads an opening: candidates see what the employer publishes, never internal notes or screening. */
export type OpeningAudience = 'internal' | 'candidate';

export function toOpeningView(o: Opening, audience: OpeningAudience): OpeningView {
  const view: OpeningView = {
    id: o.id,
    // An opening advertised without the employer's name must not name it through the id either.
    employerId: audience === 'candidate' && o.anonymousEmployer ? undefined : o.employerId,
    title: o.title,
    type: o.type,
    occupationId: opt(o.occupationId),
    description: opt(o.description),
    mustHaveSkills: o.mustHaveSkills,
    niceToHaveSkills: o.niceToHaveSkills,
    languages: o.languages,
    workplace: o.workplace,
    hoursPercent: opt(o.hoursPercent),
    shifts: opt(o.shifts),
    startDate: opt(o.startDate),
    durationWeeks: opt(o.durationWeeks),
    positions: o.positions,
    applicationDeadline: opt(o.applicationDeadline),
    drivingLicences: o.drivingLicences,
    certificates: o.certificates,
    workPermitRequired: o.workPermitRequired,
    languageSupport: o.languageSupport,
    mentor: o.mentor,
    anonymousEmployer: o.anonymousEmployer,
    ...(audience === 'internal' ? { internalNotes: opt(o.internalNotes), screening: o.screening } : {}),
    status: o.status,
    version: o.version,
    publishedAt: o.publishedAt?.toISOString(),
    closedAt: o.closedAt?.toISOString(),
    // Why it closed is the employer's business with the organisation, like the internal notes.
    ...(audience === 'internal' ? { closeReason: opt(o.closeReason) } : {}),
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
  return JSON.parse(JSON.stringify(view)) as OpeningView; // drops the undefined keys
}
