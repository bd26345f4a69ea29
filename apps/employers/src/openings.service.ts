import { Injectable } from '@nestjs/common';
import { LockMode, MikroORM, OptimisticLockError, type EntityManager } from '@mikro-orm/postgresql';
import {
  cefrRank,
  Conflict,
  Forbidden,
  Patterns,
  Unprocessable,
  ValidationFailed,
  jobId,
  type CloseOpeningDto,
  type CreateOpeningDto,
  type FieldError,
  type NormaliseResult,
  type OccupationDetail,
  type OccupationHit,
  type OpeningListQuery,
  type OpeningRequirements,
  type OpeningSuggestions,
  type OpeningView,
  type Page,
  type ScreeningFlagView,
  type SkillRequirementDto,
  type SkillRequirementView,
  type OpeningScoringRequirements,
  type SuggestionSource,
  type SuggestForDraftDto,
  type UpdateOpeningDto,
} from '@brobygger/contracts';
import { addToOutbox, OutboxRelay } from '@brobygger/persistence';
import {
  ConceptCatalogue,
  RpcCaller,
  requestContext,
  resolveSkillList,
  osloToday,
} from '@brobygger/platform';
import { flagKey, screenFields } from '@brobygger/screening';
import { withLicencesOf } from '@brobygger/taxonomy';
import { Employer } from './employer.entity';
import { resolvePlace } from '@brobygger/geo';
import { actorName, assertMayActFor, EmployerNotFound } from './employers.service';
import { Opening } from './opening.entity';
import { OpeningNotFound } from './opening.repository';
import { toOpeningView, type OpeningAudience } from './views';

type OpeningInput = Partial<CreateOpeningDto>;

/** The fields whose change a published opening's candidates must be rescored for. */
const REQUIREMENT_FIELDS: (keyof CreateOpeningDto)[] = [
  'title', // matching keeps it for notifications
  'type',
  'occupationId',
  'mustHaveSkills',
  'niceToHaveSkills',
  'languages',
  'workplace',
  'hoursPercent',
  'shifts',
  'startDate',
  'drivingLicences',
  'certificates',
  'workPermitRequired',
  'languageSupport',
  'anonymousEmployer', // what candidates' messages may say about the employer
];

const MAX_DELAY_MS = 20 * 24 * 3600_000;

const minLevelOf = (s: SkillRequirementDto) => (s.minLevel !== undefined ? { minLevel: s.minLevel } : {});

/** The moment a deadline day is over in Norway (the first instant of the next day, Oslo time). */
export function endOfOsloDay(day: string): Date {
  const noonUtc = new Date(`${day}T12:00:00Z`);
  const offsetMin =
    (new Date(noonUtc.toLocaleString('en-US', { timeZone: 'Europe/Oslo' })).getTime() -
      new Date(noonUtc.toLocaleString('en-US', { timeZone: 'UTC' })).getTime()) /
    60_000;
  return new Date(Date.parse(`${day}T00:00:00Z`) + 24 * 3600_000 - offsetMin * 60_000);
}

function audience(): OpeningAudience {
  return requestContext.get()?.actor?.role === 'candidate' ? 'candidate' : 'internal';
}

@Injectable()
export class OpeningsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly relay: OutboxRelay,
    private readonly catalogue: ConceptCatalogue,
    private readonly rpc: RpcCaller,
  ) {}

  async create(employerId: string, dto: CreateOpeningDto): Promise<OpeningView> {
    assertMayActFor(employerId);
    const em = this.orm.em.fork();
    const employer = await em.findOne(Employer, { id: employerId });
    if (!employer) throw new EmployerNotFound(employerId);
    const o = new Opening();
    o.employerId = employerId;
    // Where the employer is, unless the opening says otherwise.
    o.workplace = { ...employer.address, mode: 'on-site' };
    o.municipality = employer.address.municipality ?? null;
    await this.apply(o, dto);
    em.persist(o);
    await em.flush();
    return toOpeningView(o, 'internal');
  }

  async get(id: string): Promise<OpeningView> {
    const o = await this.orm.em.fork().getRepository(Opening).getById(id);
    this.assertMayRead(o);
    return toOpeningView(o, audience());
  }

  async list(q: OpeningListQuery): Promise<Page<OpeningView>> {
    const actor = requestContext.get()?.actor;
    const who = audience();
    if (
      actor?.role === 'employer' &&
      (!actor.employerId || (q.employer && q.employer !== actor.employerId))
    ) {
      throw new Forbidden('Employer users see their own employer’s openings only');
    }
    const where = {
      // Employer users see their own employer's openings, candidates published ones: whatever they asked.
      ...(actor?.role === 'employer'
        ? { employerId: actor.employerId }
        : q.employer
          ? { employerId: q.employer }
          : {}),
      ...(who === 'candidate'
        ? { status: 'published' as const }
        : q.status?.length
          ? { status: { $in: q.status } }
          : {}),
      ...(q.type?.length ? { type: { $in: q.type } } : {}),
      ...(q.occupation ? { occupationId: q.occupation } : {}),
      ...(q.municipality ? { municipality: q.municipality } : {}),
    };
    const [rows, total] = await this.orm.em.fork().findAndCount(Opening, where, {
      orderBy: { updatedAt: 'desc', id: 'asc' },
      limit: q.limit,
      offset: q.offset,
    });
    return { items: rows.map((o) => toOpeningView(o, who)), total, limit: q.limit, offset: q.offset };
  }

  /**
   * A change against the version read. A published opening whose requirements change is rescored (the
   * event is in the same transaction); a moved deadline gets its own closing job.
   */
  async update(id: string, patch: UpdateOpeningDto): Promise<OpeningView> {
    const o = await this.inTransaction(async (em) => {
      const o = await em.getRepository(Opening).getForUpdate(id);
      assertMayActFor(o.employerId);
      if (o.version !== patch.version) {
        throw new Conflict(`opening ${id} was changed by someone else (version ${o.version}): reload`, [
          { field: 'version', messages: [`current version is ${o.version}`] },
        ]);
      }
      if (o.status === 'closed' || o.status === 'filled') {
        throw new Conflict(`opening ${id} is ${o.status}; it can no longer be changed`);
      }
      const deadlineBefore = o.applicationDeadline;
      await this.apply(o, patch);
      // A live opening stays within the rules it was published under: candidates see every change at once.
      if (o.status === 'published') this.assertPublishable(o);
      await em.flush();
      if (o.status === 'published') {
        if (REQUIREMENT_FIELDS.some((f) => patch[f] !== undefined)) this.announce(em, o);
        if (o.applicationDeadline && o.applicationDeadline !== deadlineBefore) this.scheduleDeadline(em, o);
      }
      return o;
    });
    return toOpeningView(o, 'internal');
  }

  async acknowledge(id: string, keys: string[], note: string): Promise<OpeningView> {
    const o = await this.inTransaction(async (em) => {
      const o = await em.getRepository(Opening).getForUpdate(id);
      assertMayActFor(o.employerId);
      const unknown = keys.filter((k) => !o.screening.some((f) => f.key === k));
      if (unknown.length) {
        throw new ValidationFailed([
          { field: 'keys', messages: [`no such flag on this opening: ${unknown.join(', ')}`] },
        ]);
      }
      const by = actorName();
      const at = new Date().toISOString();
      o.screening = o.screening.map((f) =>
        keys.includes(f.key) ? { ...f, acknowledged: { by, at, note } } : f,
      );
      await em.flush();
      return o;
    });
    return toOpeningView(o, 'internal');
  }

  /** Publishing, its event to matching and its deadline job commit together, or not at all. */
  async publish(id: string): Promise<OpeningView> {
    const o = await this.inTransaction(async (em) => {
      const o = await em.getRepository(Opening).getForUpdate(id);
      assertMayActFor(o.employerId);
      if (o.status !== 'draft')
        throw new Conflict(`Opening ${id} is ${o.status}; only a draft can be published`);
      // Shared lock: a partnership being paused right now is either seen paused or waits for this publish.
      const employer = await em.findOneOrFail(
        Employer,
        { id: o.employerId },
        { lockMode: LockMode.PESSIMISTIC_READ },
      );
      if (employer.partnershipStatus !== 'active') {
        throw new Conflict(
          `The partnership with ${employer.name} is ${employer.partnershipStatus}; openings are published for active partners`,
          [{ field: 'partnership', messages: [`partnership is ${employer.partnershipStatus}, not active`] }],
        );
      }
      this.assertPublishable(o);
      if (o.applicationDeadline && o.applicationDeadline < osloToday()) {
        throw new Unprocessable('The application deadline has passed', [
          { field: 'applicationDeadline', messages: ['applicationDeadline is in the past'] },
        ]);
      }
      o.status = 'published';
      o.publishedAt = new Date();
      await em.flush();
      this.announce(em, o);
      if (o.applicationDeadline) this.scheduleDeadline(em, o);
      return o;
    });
    return toOpeningView(o, 'internal');
  }

  async close(id: string, close: CloseOpeningDto): Promise<OpeningView> {
    const o = await this.inTransaction(async (em) => {
      const o = await em.getRepository(Opening).getForUpdate(id);
      assertMayActFor(o.employerId);
      if (o.status === 'closed' || o.status === 'filled')
        throw new Conflict(`Opening ${id} is already ${o.status}`);
      const wasPublished = o.status === 'published';
      o.status = close.outcome;
      o.closedAt = new Date();
      o.closeReason = close.reason ?? null;
      await em.flush();
      if (wasPublished) this.announce(em, o);
      return o;
    });
    return toOpeningView(o, 'internal');
  }

  /**
   * Job handler: the deadline of a published opening has passed. Idempotent and safe when outdated: it acts
   * only when the opening is still published with this very deadline, and the day is over.
   */
  async deadlineReached(openingId: string, deadline: string): Promise<void> {
    await this.inTransaction(async (em) => {
      const o = await em.getRepository(Opening).findOne({ id: openingId });
      if (!o || o.status !== 'published' || o.applicationDeadline !== deadline) return;
      // A deadline further off than one delay can reach: wait again.
      if (Date.now() < endOfOsloDay(deadline).getTime())
        return this.scheduleDeadline(em, o, `w${Date.now()}`);
      o.status = 'closed';
      o.closedAt = new Date();
      o.closeReason = 'application deadline passed';
      await em.flush();
      this.announce(em, o);
    });
  }

  /** Skills and occupation suggested for the opening, each with where it came from. */
  async suggestions(id: string): Promise<OpeningSuggestions> {
    const o = await this.orm.em.fork().getRepository(Opening).getById(id);
    assertMayActFor(o.employerId);
    return this.suggestFor(o);
  }

  /**
   * The same suggestions for an opening still being written: the employer's form asks with the title (and
   * whatever else is filled in) before anything is saved. It reads no stored data, so any staff or employer
   * user may ask.
   */
  suggestForDraft(draft: SuggestForDraftDto): Promise<OpeningSuggestions> {
    return this.suggestFor({
      title: draft.title,
      description: draft.description ?? null,
      occupationId: draft.occupationId ?? null,
      mustHaveSkills: draft.mustHaveSkills ?? [],
      niceToHaveSkills: draft.niceToHaveSkills ?? [],
    });
  }

  private async suggestFor(
    o: Pick<Opening, 'title' | 'description' | 'occupationId'> & {
      mustHaveSkills: { skillId?: string | null }[];
      niceToHaveSkills: { skillId?: string | null }[];
    },
  ): Promise<OpeningSuggestions> {
    const occupations = await this.rpc.call<OccupationHit[]>(Patterns.taxonomy.searchOccupations, {
      // The taxonomy takes 100 characters of query: cut at a word.
      q: o.title.length <= 100 ? o.title : o.title.slice(0, 100).replace(/\s+\S*$/, ''),
      lang: 'nb',
      limit: 3,
    });
    const occupationId = o.occupationId ?? occupations[0]?.id;
    const skills = new Map<string, OpeningSuggestions['skills'][number]>();
    const add = (
      skillId: string,
      label: string,
      source: SuggestionSource,
      confidence: number,
      evidence?: string,
    ) => {
      const s = skills.get(skillId);
      if (s) {
        if (!s.sources.includes(source)) s.sources.push(source);
        s.confidence = Math.max(s.confidence, confidence);
        if (evidence && !s.evidence) s.evidence = evidence;
      } else {
        const chosen = [...o.mustHaveSkills, ...o.niceToHaveSkills].some((x) => x.skillId === skillId);
        skills.set(skillId, {
          skillId,
          label,
          sources: [source],
          confidence,
          chosen,
          ...(evidence ? { evidence } : {}),
        });
      }
    };
    if (occupationId) {
      const occ = await this.rpc.call<OccupationDetail>(Patterns.taxonomy.getOccupation, {
        id: occupationId,
        lang: 'nb',
      });
      occ.essentialSkills.forEach((s) => add(s.id, s.label, 'occupation-essential', 0.9));
      occ.optionalSkills.forEach((s) => add(s.id, s.label, 'occupation-optional', 0.5));
    }
    if (o.description?.trim()) {
      const res = await this.rpc.call<NormaliseResult>(Patterns.taxonomy.normalise, {
        text: o.description.slice(0, 20_000),
        lang: 'nb',
      });
      if (res.kind === 'text')
        res.skills.forEach((s) => add(s.id, s.label, 'description', s.confidence, s.evidence));
    }
    return {
      occupations: occupations.map((h) => ({ id: h.id, label: h.label, source: 'title' as const })),
      // Those named by more sources first, then the surest.
      skills: [...skills.values()].sort(
        (a, b) =>
          b.sources.length - a.sources.length ||
          b.confidence - a.confidence ||
          a.label.localeCompare(b.label),
      ),
    };
  }

  /** What matching reads to score an opening; null when it no longer exists. */
  async requirements(id: string): Promise<OpeningRequirements | null> {
    const em = this.orm.em.fork();
    const o = await em.findOne(Opening, { id });
    if (!o) return null;
    const employer = o.anonymousEmployer ? null : await em.findOne(Employer, { id: o.employerId });
    const skill = (s: SkillRequirementView) => ({
      skillId: s.skillId,
      label: s.label ?? s.text ?? '',
      ...(s.minLevel ? { minLevel: s.minLevel } : {}),
    });
    const w = o.workplace;
    return {
      openingId: o.id,
      employerId: o.employerId,
      version: o.version,
      status: o.status,
      title: o.title,
      requirements: JSON.parse(
        JSON.stringify({
          type: o.type,
          occupationId: o.occupationId ?? undefined,
          mustHave: o.mustHaveSkills.map(skill),
          niceToHave: o.niceToHaveSkills.map(skill),
          norwegianMin: cefrRank(o.languages.norwegianMin) || undefined,
          otherLanguages: (o.languages.others ?? []).map((l) => ({ code: l.code, min: cefrRank(l.min) })),
          workplace: w.lat !== undefined && w.lng !== undefined ? { lat: w.lat, lng: w.lng } : undefined,
          mode: w.mode,
          hoursPercent: o.hoursPercent ?? undefined,
          shifts: o.shifts ?? undefined,
          startDate: o.startDate ?? undefined,
          drivingLicences: o.drivingLicences,
          certificates: o.certificates,
          workPermitRequired: o.workPermitRequired,
          languageSupport: o.languageSupport,
        }),
      ) as OpeningScoringRequirements,
      display: {
        title: o.title,
        type: o.type,
        ...(employer ? { employerName: employer.name } : {}),
        ...(w.mode !== 'remote' && w.municipalityName ? { place: w.municipalityName } : {}),
        ...(o.startDate ? { startDate: o.startDate } : {}),
      },
    };
  }

  // --- shared --------------------------------------------------------------------------------------------

  /** What a published opening must satisfy: must-haves, and no wording flag left unacknowledged. */
  private assertPublishable(o: Opening): void {
    if (!o.mustHaveSkills.length) {
      throw new Unprocessable('An opening needs at least one must-have skill before it is published', [
        { field: 'mustHaveSkills', messages: ['at least one must-have skill is required to publish'] },
      ]);
    }
    const open = o.screening.filter((f) => !f.acknowledged);
    if (open.length) {
      throw new Conflict('The text has wording that may discriminate; acknowledge or change it first', [
        { field: 'screening', messages: open.map((f) => `${f.key}: "${f.phrase}" (${f.reason.en})`) },
      ]);
    }
  }

  private assertMayRead(o: Opening): void {
    // A candidate sees published openings only; an unpublished one does not exist for them.
    if (audience() === 'candidate') {
      if (o.status !== 'published') throw new OpeningNotFound(o.id);
      return;
    }
    assertMayActFor(o.employerId);
  }

  /**
   * Sets what the input carries after checking it: skills resolved through the taxonomy (text kept beside
   * the id), the occupation checked, the workplace resolved to a place, dates that make sense. Then the
   * text is screened; acknowledgements of flags that are still there are kept.
   */
  private async apply(o: Opening, dto: OpeningInput): Promise<void> {
    const errors: FieldError[] = [];
    for (const f of [
      'title',
      'type',
      'mustHaveSkills',
      'positions',
      'workPermitRequired',
      'languageSupport',
      'mentor',
      'anonymousEmployer',
      'workplace',
      'version',
    ] as const) {
      if ((dto as Record<string, unknown>)[f] === null) {
        errors.push({ field: f, messages: [`${f} may be left out of a change, but not set to null`] });
      }
    }
    const skillInputs = [...(dto.mustHaveSkills ?? []), ...(dto.niceToHaveSkills ?? [])];
    const texts = skillInputs.filter((s) => !s.skillId && s.text).map((s) => s.text!);
    const resolved = await this.catalogue.resolveTexts(texts);
    const byText = new Map(texts.map((t, i) => [t, resolved[i]]));
    const known = await this.catalogue.describe(
      skillInputs.flatMap((s) => (s.skillId ? [s.skillId] : [])),
      dto.occupationId ? [dto.occupationId] : [],
    );
    if (dto.occupationId && !known.occupations.has(dto.occupationId)) {
      errors.push({ field: 'occupationId', messages: [`unknown occupation id ${dto.occupationId}`] });
    }
    const must = dto.mustHaveSkills
      ? resolveSkillList('mustHaveSkills', dto.mustHaveSkills, byText, known.skills, minLevelOf, errors)
      : undefined;
    const nice = dto.niceToHaveSkills
      ? resolveSkillList('niceToHaveSkills', dto.niceToHaveSkills, byText, known.skills, minLevelOf, errors)
      : undefined;
    const workplace = dto.workplace ? resolvePlace(dto.workplace, 'workplace', errors) : undefined;

    const deadline = dto.applicationDeadline !== undefined ? dto.applicationDeadline : o.applicationDeadline;
    const start = dto.startDate !== undefined ? dto.startDate : o.startDate;
    if (dto.applicationDeadline && dto.applicationDeadline < osloToday()) {
      errors.push({ field: 'applicationDeadline', messages: ['applicationDeadline is in the past'] });
    }
    if (deadline && start && start < deadline) {
      errors.push({
        field: dto.startDate !== undefined ? 'startDate' : 'applicationDeadline',
        messages: ['the start date comes before the application deadline'],
      });
    }
    if (errors.length) throw new ValidationFailed(errors);

    const plain = [
      'title',
      'type',
      'description',
      'languages',
      'hoursPercent',
      'shifts',
      'startDate',
      'durationWeeks',
      'positions',
      'applicationDeadline',
      'drivingLicences',
      'certificates',
      'workPermitRequired',
      'languageSupport',
      'mentor',
      'anonymousEmployer',
      'internalNotes',
      'occupationId',
    ] as const;
    const target = o as unknown as Record<string, unknown>;
    for (const f of plain) if (dto[f] !== undefined) target[f] = dto[f] ?? null;
    if (dto.drivingLicences === null) o.drivingLicences = [];
    if (dto.certificates === null) o.certificates = [];
    if (dto.languages === null) o.languages = {};
    if (must) {
      o.mustHaveSkills = must;
      // A must-have that names a driving licence ("førerkort klasse B") is a licence requirement too.
      o.drivingLicences = withLicencesOf(o.drivingLicences, dto.mustHaveSkills ?? []);
    }
    if (nice) o.niceToHaveSkills = nice;
    if (dto.niceToHaveSkills === null) o.niceToHaveSkills = [];
    if (dto.workplace) {
      // A new address replaces the place; a mode alone keeps it (and the mode is kept when only the place moves).
      const { mode, ...address } = dto.workplace;
      const moved = Object.values(address).some((v) => v !== undefined);
      const place = moved && workplace ? workplace : o.workplace;
      o.workplace = { ...place, mode: mode ?? o.workplace.mode };
      o.municipality = o.workplace.municipality ?? null;
    }
    this.screen(o);
  }

  private screen(o: Opening): void {
    const before = new Map(o.screening.map((f) => [f.key, f]));
    // The rules match composed letters (å, not a + ring): text pasted from some editors is decomposed.
    o.screening = screenFields({
      title: o.title.normalize('NFC'),
      description: o.description?.normalize('NFC'),
      certificates: o.certificates.join('\n').normalize('NFC') || undefined,
    }).map((f): ScreeningFlagView => {
      const key = flagKey(f);
      const acknowledged = before.get(key)?.acknowledged;
      return {
        key,
        ruleId: f.ruleId,
        category: f.category,
        field: f.field,
        phrase: f.phrase,
        reason: f.reason,
        ...(f.suggestion ? { suggestion: f.suggestion } : {}),
        ...(acknowledged ? { acknowledged } : {}),
      };
    });
  }

  /** Published, requirements changed or closed: matching hears of it through the outbox. */
  private announce(em: EntityManager, o: Opening): void {
    addToOutbox(
      em,
      { name: 'opening.changed', data: { openingId: o.id, version: o.version } },
      { jobId: jobId('ochg', o.id, o.version) },
    );
  }

  /**
   * A delayed job at the end of the deadline day; its id names the deadline, so a moved one gets its own.
   * The outbox keeps delays as 32-bit milliseconds (24 days): a later deadline is reached in hops.
   */
  private scheduleDeadline(em: EntityManager, o: Opening, hop = 'first'): void {
    const deadline = o.applicationDeadline!;
    addToOutbox(
      em,
      { name: 'opening.deadline', data: { openingId: o.id, deadline } },
      {
        // The version makes each scheduling its own job: ids of finished jobs are kept a while, and a deadline
        // moved away and back must not find its old id taken.
        jobId: jobId('odl', o.id, deadline, o.version, hop),
        delayMs: Math.min(MAX_DELAY_MS, Math.max(0, endOfOsloDay(deadline).getTime() - Date.now())),
      },
    );
  }

  private async inTransaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      const out = await this.orm.em.fork().transactional(fn);
      this.relay.nudge();
      return out;
    } catch (err) {
      if (err instanceof OptimisticLockError) {
        throw new Conflict('changed by someone else meanwhile: reload', [
          { field: 'version', messages: ['stale'] },
        ]);
      }
      throw err;
    }
  }
}
