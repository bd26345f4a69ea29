import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  MikroORM,
  OptimisticLockError,
  UniqueConstraintViolationException,
  type EntityManager,
} from '@mikro-orm/postgresql';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import {
  CONSENT_FLAGS,
  NOT_NULLABLE,
  Conflict,
  Forbidden,
  CreateCandidateDto,
  ValidationFailed,
  jobId,
  type CandidateIdentity,
  type CandidateNotificationProfile,
  type CandidateMatchingFeatures,
  type CandidateSearchQueryDto,
  type CandidateSearchResult,
  type CandidateView,
  type ConsentDto,
  type ConceptLabels,
  type ConsentFlag,
  type FacetCount,
  type FieldError,
  type ImportFormat,
  type ImportReport,
  type ImportRowError,
  type Page,
  type ProfileAuditEntry,
  type UpdateCandidateDto,
  type UpdateOwnProfileDto,
} from '@brobygger/contracts';
import { gazetteer, haversineKm, type LatLng } from '@brobygger/geo';
import { addToOutbox, OutboxRelay } from '@brobygger/persistence';
import { fieldErrorsOf, requestContext, unsafeInputProblems } from '@brobygger/platform';
import { Candidate, ProfileAudit } from './candidate.entity';
import { toCandidateDocument, toCandidateView, toMatchingFeatures, type Audience } from './candidate.mapper';
import type { CandidateRow } from './candidate.repository';
import { buildCandidateQuery } from './candidate-search.query';
import { CandidateSearchIndex } from './candidate-search.index';
import { ConceptCatalogue } from '@brobygger/platform';
import { mergeLicences } from '@brobygger/taxonomy';
import { importKeyOf, parseCandidateFile } from './import/candidate-file';
import { languageLabel } from './languages';
import { ProfileInput, type ResolvedParts } from './profile-input';

/**
 * Who is asking decides what they see, from the actor the gateway put in the request context: a candidate
 * sees their own profile without staff notes, and nobody else's; staff see everything (and are audited).
 */
function audienceFor(candidateId: string): Audience {
  const actor = requestContext.get()?.actor;
  // No actor: another service or a script inside the system, which the gateway never lets a user be.
  if (!actor || actor.role === 'staff' || actor.role === 'admin') return 'staff';
  if (actor.role === 'candidate' && actor.candidateId === candidateId) return 'self';
  throw new Forbidden('not allowed to see this candidate profile');
}

/** What a create or a change carries: a change's consent may name only some flags. */
type ProfileChange = Omit<Partial<CreateCandidateDto>, 'consent'> & { consent?: Partial<ConsentDto> };

/** A null where a profile must have a value: 400 naming the field, not a database error. */
function nullProblems(dto: object): FieldError[] {
  return NOT_NULLABLE.filter((f) => (dto as Record<string, unknown>)[f] === null).map((field) => ({
    field,
    messages: [`${field} may be left out of a change, but not set to null`],
  }));
}

/** Documents repaired at once by a drift fix (each waits on Meilisearch; they share its tasks). */
const REPAIR_CONCURRENCY = 64;

/** Rows per transaction in an import: big enough for speed, small enough to keep locks and memory short. */
const IMPORT_CHUNK = 1_000;

/** The fields a write sets directly from the DTO (the rest are resolved or derived). */
const PLAIN_FIELDS = [
  'fullName',
  'preferredLanguage',
  'commuteKm',
  'drives',
  'languages',
  'education',
  'certificates',
  'drivingLicences',
  'workPermit',
  'availability',
  'introductionProgramme',
  'notificationDigest',
  'status',
  'assignedStaff',
  'staffNotes',
] as const;

const LIST_FIELDS = new Set<string>(['languages', 'education', 'certificates', 'drivingLicences']);

const KEY_FIELD: Record<string, string> = { ref: 'externalRef', email: 'email', phone: 'phone' };

const CONSENT_COLUMN: Record<
  ConsentFlag,
  | 'consentSearchable'
  | 'consentShareWithEmployers'
  | 'consentNotifyEmail'
  | 'consentNotifySms'
  | 'consentNotifyInApp'
> = {
  searchable: 'consentSearchable',
  shareWithEmployers: 'consentShareWithEmployers',
  notifyEmail: 'consentNotifyEmail',
  notifySms: 'consentNotifySms',
  notifyInApp: 'consentNotifyInApp',
};

@Injectable()
export class CandidatesService {
  constructor(
    private readonly orm: MikroORM,
    private readonly relay: OutboxRelay,
    private readonly index: CandidateSearchIndex,
    private readonly input: ProfileInput,
    private readonly catalogue: ConceptCatalogue,
  ) {}

  async create(dto: CreateCandidateDto): Promise<CandidateView> {
    const parts = await this.resolveOne(dto);
    const key = importKeyOf({ externalRef: dto.externalRef });
    const candidate = await this.writing((em) => {
      const now = new Date().toISOString();
      // Built with `new` and persisted: every field has a default, and apply() sets what the DTO carries.
      const c = new Candidate();
      c.consentChangedAt = Object.fromEntries(CONSENT_FLAGS.map((f) => [f, now])) as Record<
        ConsentFlag,
        string
      >;
      this.apply(c, dto, parts);
      // Only an external ref makes a profile made here recognisable to imports: e-mail and phone alone are
      // often shared within a family, and must not stop staff from registering a second person.
      c.importKey = key;
      em.persist(c);
      return Promise.resolve(c);
    }, 'create');
    return toCandidateView(candidate, 'staff');
  }

  /** A profile as its audience may see it; a staff view is written to the audit log (in the same transaction). */
  async get(id: string): Promise<CandidateView> {
    const audience = audienceFor(id);
    return this.orm.em.fork().transactional(async (em) => {
      const c = await em.getRepository(Candidate).getById(id);
      if (audience === 'staff') this.audit(em, id, 'view');
      return toCandidateView(c, audience);
    });
  }

  /**
   * A partial update against the version the client read. A stale version is a 409 naming the current one:
   * the client re-reads and decides, instead of silently undoing a colleague's change.
   */
  async update(id: string, patch: UpdateCandidateDto | UpdateOwnProfileDto): Promise<CandidateView> {
    const audience = audienceFor(id);
    const parts = await this.resolveOne(patch);
    const c = await this.writing(async (em) => {
      const found = await em.getRepository(Candidate).getById(id);
      if (found.version !== patch.version) {
        throw new Conflict(
          `candidate ${id} was changed by someone else (version ${found.version}, not ${patch.version}): reload and apply the change again`,
          [{ field: 'version', messages: [`current version is ${found.version}`] }],
        );
      }
      this.apply(found, patch, parts);
      // The key a profile was imported under stays, so the same spreadsheet row still finds it after
      // staff corrected the e-mail; an external ref given by staff becomes the key from then on.
      if ('externalRef' in patch && patch.externalRef) {
        found.importKey = importKeyOf({ externalRef: patch.externalRef });
      }
      return found;
    }, 'update');
    return toCandidateView(c, audience);
  }

  /**
   * Erasure: the row goes, and the same transaction queues the removal of the search document and of every
   * match (matching finds the profile gone). Job payloads only ever held the id. The audit log keeps the id.
   */
  async erase(id: string): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      const c = await em.getRepository(Candidate).getById(id);
      const version = c.version + 1;
      em.remove(c);
      this.audit(em, id, 'erase');
      this.announce(em, id, version);
    });
    this.relay.nudge();
  }

  async auditTrail(id: string, page: { limit: number; offset: number }): Promise<Page<ProfileAuditEntry>> {
    const repo = this.orm.em.fork().getRepository(Candidate);
    const items = await repo.audit(id, page.limit, page.offset);
    return { items, total: await repo.getEntityManager().count(ProfileAudit, { candidateId: id }), ...page };
  }

  /** What matching may read; null once the candidate is erased, so matching drops them. */
  async matchingFeatures(id: string): Promise<CandidateMatchingFeatures | null> {
    const c = await this.orm.em.fork().findOne(Candidate, { id });
    return c ? toMatchingFeatures(c) : null;
  }

  /**
   * Names of the candidates among `ids` who agreed to be shown to employers; the rest are left out, so the
   * caller cannot show an identity the candidate has not released (matching's copy of the consent may lag).
   * Not audited as a staff view: an employer sees a name the candidate chose to share, no profile.
   */
  async identitiesForEmployers(ids: string[]): Promise<CandidateIdentity[]> {
    if (!ids.length) return [];
    const rows = await this.orm.em.fork().find(
      Candidate,
      { id: { $in: ids }, consentShareWithEmployers: true, status: 'active' },
      {
        fields: ['id', 'fullName'],
      },
    );
    return rows.map((c) => ({ id: c.id, fullName: c.fullName }));
  }

  /** Contact details and channel consents, for the one notification being sent now; null once erased. */
  async notificationProfile(id: string): Promise<CandidateNotificationProfile | null> {
    const c = await this.orm.em.fork().findOne(Candidate, { id });
    if (!c) return null;
    return {
      id: c.id,
      active: c.status === 'active',
      preferredLanguage: c.preferredLanguage,
      ...(c.email ? { email: c.email } : {}),
      ...(c.phone ? { phone: c.phone } : {}),
      channels: { email: c.consentNotifyEmail, sms: c.consentNotifySms, inApp: c.consentNotifyInApp },
      digest: c.notificationDigest,
    };
  }

  // --- import --------------------------------------------------------------------------------------------

  /**
   * Stores the valid rows of a spreadsheet export and reports each bad one by line and field. A row is
   * recognised by its external ref, e-mail or phone (importKeyOf): sending the same file again stores nothing
   * twice, it reports those lines as existing. Each chunk of rows goes in with its outbox rows in one
   * transaction, so a crash mid-file leaves whole rows and their index/matching jobs, never half of either.
   */
  async import(format: ImportFormat, content: string): Promise<ImportReport> {
    if (content.includes('\uFFFD')) {
      throw new ValidationFailed([
        {
          field: 'file',
          messages: [
            'the file is not UTF-8 (æ, ø and å came through broken): save it as "CSV UTF-8" and send it again',
          ],
        },
      ]);
    }
    const parsed = parseCandidateFile(format, content);
    // Nothing could be read (wrong columns, too many rows, broken header): the file is refused, not "imported".
    if (!parsed.rows.length && parsed.errors.length) {
      throw new ValidationFailed(
        parsed.errors.map((e) => ({
          field: e.line ? `line ${e.line}: ${e.field}` : e.field,
          messages: [e.message],
        })),
      );
    }
    const errors: ImportRowError[] = [...parsed.errors];
    const valid: { line: number; dto: CreateCandidateDto; key: string }[] = [];
    const lineOfKey = new Map<string, number>();
    for (const row of parsed.rows) {
      // The pipe let the file through whole; the same checks apply to each row here, so a bad cell fails its line.
      const unsafe = unsafeInputProblems(row.data);
      if (unsafe.length) {
        for (const p of unsafe)
          errors.push({ line: row.line, field: p.field, message: p.messages.join('; ') });
        continue;
      }
      const dto = plainToInstance(CreateCandidateDto, row.data);
      const problems = [
        ...fieldErrorsOf(await validate(dto, { whitelist: true, forbidNonWhitelisted: true })),
        ...nullProblems(dto),
      ];
      const key = importKeyOf(dto);
      if (!key)
        problems.push({
          field: 'externalRef',
          messages: [
            'give external_ref, email or phone: a row needs one to be recognised if the file is sent again',
          ],
        });
      else if (lineOfKey.has(key)) {
        problems.push({
          field: KEY_FIELD[key.split(':')[0]],
          messages: [`same person as line ${lineOfKey.get(key)}`],
        });
      }
      if (problems.length) {
        for (const p of problems)
          errors.push({ line: row.line, field: p.field, message: p.messages.join('; ') });
        continue;
      }
      lineOfKey.set(key!, row.line);
      valid.push({ line: row.line, dto, key: key! });
    }

    const existing: number[] = [];
    let created = 0;
    for (let i = 0; i < valid.length; i += IMPORT_CHUNK) {
      const chunk = valid.slice(i, i + IMPORT_CHUNK);
      const taken = await this.orm.em
        .fork()
        .getRepository(Candidate)
        .existingImportKeys(chunk.map((r) => r.key));
      const fresh = chunk.filter((r) => {
        if (taken.has(r.key)) existing.push(r.line);
        return !taken.has(r.key);
      });
      const resolutions = await this.input.resolve(fresh.map((r) => r.dto));
      const rows: { line: number; row: CandidateRow }[] = [];
      fresh.forEach((r, j) => {
        const res = resolutions[j];
        if (!res.ok) {
          for (const e of res.errors)
            errors.push({ line: r.line, field: e.field, message: e.messages.join('; ') });
        } else rows.push({ line: r.line, row: this.rowOf(r.dto, res.parts, r.key) });
      });
      const inserted = await this.orm.em.fork().transactional(async (em) => {
        const done = await em.getRepository(Candidate).insertRows(rows.map((r) => r.row));
        for (const { id } of done) {
          this.audit(em, id, 'create');
          this.announce(em, id, 1);
        }
        return new Set(done.map((d) => d.import_key));
      });
      created += inserted.size;
      // A row another import stored between our check and our insert is "existing" too.
      for (const r of rows) if (!inserted.has(r.row.import_key)) existing.push(r.line);
      this.relay.nudge();
    }
    errors.sort((a, b) => a.line - b.line || a.field.localeCompare(b.field));
    return { rows: parsed.rows.length, created, existing: existing.sort((a, b) => a - b), errors };
  }

  /** An import row as table columns, with what `create` would have set. */
  private rowOf(dto: CreateCandidateDto, parts: ResolvedParts, key: string): CandidateRow {
    const c = new Candidate();
    const now = new Date();
    c.fullName = dto.fullName;
    c.preferredLanguage = dto.preferredLanguage;
    this.apply(c, dto, parts);
    return {
      id: randomUUID(),
      full_name: c.fullName,
      email: c.email ?? null,
      phone: c.phone ?? null,
      preferred_language: c.preferredLanguage,
      home: c.home,
      commute_km: c.commuteKm ?? null,
      drives: c.drives ?? null,
      languages: c.languages,
      skills: c.skills,
      experience: c.experience,
      education: c.education,
      certificates: c.certificates,
      driving_licences: c.drivingLicences,
      work_permit: c.workPermit ?? null,
      availability: c.availability ?? null,
      wishes: c.wishes,
      introduction_programme: c.introductionProgramme ?? null,
      notification_digest: c.notificationDigest,
      consent_searchable: c.consentSearchable,
      consent_share_with_employers: c.consentShareWithEmployers,
      consent_notify_email: c.consentNotifyEmail,
      consent_notify_sms: c.consentNotifySms,
      consent_notify_in_app: c.consentNotifyInApp,
      consent_changed_at: Object.fromEntries(CONSENT_FLAGS.map((f) => [f, now.toISOString()])),
      status: c.status,
      assigned_staff: c.assignedStaff ?? null,
      staff_notes: c.staffNotes ?? null,
      external_ref: c.externalRef ?? null,
      import_key: key,
      version: 1,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
  }

  // --- search --------------------------------------------------------------------------------------------

  async search(query: CandidateSearchQueryDto): Promise<CandidateSearchResult> {
    const centre = this.centreOf(query);
    const res = await this.index.search(buildCandidateQuery(query, centre));
    const dist = res.facetDistribution ?? {};
    // Meilisearch sends facet values by count, but a JS object lists integer-like keys ("3201") before the
    // others ("0301"): sort again.
    const byCount = (name: string) =>
      Object.entries(dist[name] ?? {}).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
    const topSkillIds = byCount('skillIds')
      .slice(0, 20)
      .map(([u]) => `skill/${u}`);
    // Labels are a nicety: with the taxonomy service away, search still answers, showing ids.
    const { skills } = await this.catalogue
      .describe(topSkillIds, [])
      .catch(() => ({ skills: new Map<string, ConceptLabels>() }));
    const facet = (name: string, label: (v: string) => string, top = 50): FacetCount[] =>
      byCount(name)
        .slice(0, top)
        .map(([value, count]) => ({ value, label: label(value), count }));
    return {
      items: res.hits.map((h) => ({
        id: h.id,
        fullName: h.fullName,
        ...(h.municipality ? { municipality: h.municipality } : {}),
        ...(h.municipalityName ? { municipalityName: h.municipalityName } : {}),
        skills: h.skills,
        languages: h.languageDisplay,
        ...(centre && h._geo ? { distanceKm: Math.round(haversineKm(centre, h._geo) * 10) / 10 } : {}),
        status: h.status as CandidateView['status'],
        updatedAt: new Date(h.updatedAt * 1000).toISOString(),
      })),
      total: res.estimatedTotalHits ?? res.hits.length,
      limit: query.limit,
      offset: query.offset,
      facets: {
        languages: facet('languages', languageLabel),
        norwegianLevel: facet('norwegianLevel', (v) => v),
        municipality: facet('municipality', (v) => gazetteer().municipality(v)?.name ?? v),
        topSkills: facet('skillIds', (v) => skills.get(`skill/${v}`)?.label ?? v, 20).map((f) => ({
          ...f,
          value: `skill/${f.value}`,
        })),
        openingTypes: facet('openingTypes', (v) => v),
      },
    };
  }

  private centreOf(query: CandidateSearchQueryDto): LatLng | undefined {
    if (query.near) {
      const [lat, lng] = query.near.split(',').map(Number);
      if (Math.abs(lat) > 90 || Math.abs(lng) > 180) {
        throw new ValidationFailed([
          { field: 'near', messages: ['near must be lat,lng within -90..90, -180..180'] },
        ]);
      }
      return { lat, lng };
    }
    if (query.nearMunicipality) {
      const m = gazetteer().municipality(query.nearMunicipality);
      if (!m) {
        throw new ValidationFailed([
          { field: 'nearMunicipality', messages: [`unknown municipality ${query.nearMunicipality}`] },
        ]);
      }
      return { lat: m.lat, lng: m.lng };
    }
    return undefined;
  }

  // --- index upkeep --------------------------------------------------------------------------------------

  /**
   * Job handler: make the search document match the database, whatever happened in between. Two jobs for
   * one candidate can run at once and Meilisearch applies their writes in arrival order, so an older state
   * could land last. Each job therefore checks after its write and writes again until the version it wrote
   * is still the current one: the last job to finish always leaves the current state.
   */
  async syncSearchDocument(candidateId: string): Promise<void> {
    for (let written: number | null | undefined; ;) {
      const c = await this.orm.em.fork().findOne(Candidate, { id: candidateId });
      const current = c?.searchable ? c.version : null;
      if (written !== undefined && written === current) return;
      if (c?.searchable) await this.index.upsert(await this.documentOf([c]).then((d) => d[0]));
      else await this.index.remove(candidateId);
      written = current;
    }
  }

  private async documentOf(cs: Candidate[]) {
    const labels = await this.catalogue.describe(
      cs.flatMap((c) => c.skills.flatMap((s) => (s.skillId ? [s.skillId] : []))),
      cs.flatMap((c) => [
        ...c.experience.flatMap((e) => (e.occupationId ? [e.occupationId] : [])),
        ...c.wishes.occupationIds,
      ]),
    );
    return cs.map((c) => toCandidateDocument(c, labels));
  }

  /**
   * Rebuilds the index beside the live one from PostgreSQL and swaps it in: search keeps answering from the
   * old index until the swap, which is atomic. Index jobs running meanwhile write to the old index, so a
   * drift repair after the swap brings over what changed during the rebuild.
   */
  async reindex(log: (msg: string) => void): Promise<{ documents: number; repaired: number }> {
    const next = `${this.index.uid}-next`;
    await this.index.drop(next); // a failed earlier rebuild
    await this.index.ensure(next);
    let documents = 0;
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const page = await this.orm.em.fork().getRepository(Candidate).searchablePage(after, 5_000);
      if (!page.length) break;
      await this.index.writeNow(await this.documentOf(page), [], next);
      documents += page.length;
      after = page[page.length - 1].id;
      log(`${documents} documents`);
    }
    await this.index.swapIn(next);
    const drift = await this.checkDrift(true);
    return { documents, repaired: drift.missing + drift.stale + drift.extra };
  }

  /**
   * Compares PostgreSQL with the index: profiles missing from it, documents of an older version, documents
   * that should not be there. With `fix`, repairs them.
   */
  async checkDrift(
    fix: boolean,
  ): Promise<{ expected: number; indexed: number; missing: number; stale: number; extra: number }> {
    const expected = await this.orm.em.fork().getRepository(Candidate).searchableVersions();
    const indexed = await this.index.versions();
    const missing: string[] = [];
    const stale: string[] = [];
    for (const [id, v] of expected) {
      const iv = indexed.get(id);
      if (iv === undefined) missing.push(id);
      else if (iv !== v) stale.push(id);
    }
    const extra = [...indexed.keys()].filter((id) => !expected.has(id));
    if (fix) {
      // Through the same path as index jobs, which re-reads each profile and writes until what it wrote is
      // still current: a profile that changed (or withdrew consent) since the comparison above is written
      // as it is now, never as the comparison saw it.
      const ids = [...missing, ...stale, ...extra];
      for (let i = 0; i < ids.length; i += REPAIR_CONCURRENCY) {
        await Promise.all(ids.slice(i, i + REPAIR_CONCURRENCY).map((id) => this.syncSearchDocument(id)));
      }
    }
    return {
      expected: expected.size,
      indexed: indexed.size,
      missing: missing.length,
      stale: stale.length,
      extra: extra.length,
    };
  }

  // --- shared write path ---------------------------------------------------------------------------------

  private async resolveOne(dto: ProfileChange): Promise<ResolvedParts> {
    const nulls = nullProblems(dto);
    if (nulls.length) throw new ValidationFailed(nulls);
    const [res] = await this.input.resolve([dto]);
    if (!res.ok) throw new ValidationFailed(res.errors);
    return res.parts;
  }

  /** Sets what the DTO carries; a consent flag that changes gets a new timestamp. */
  private apply(c: Candidate, dto: ProfileChange, parts: ResolvedParts): void {
    for (const f of PLAIN_FIELDS) {
      const value: unknown = dto[f];
      // null clears a field; a cleared list is an empty list, never a null column.
      if (value !== undefined)
        (c as unknown as Record<string, unknown>)[f] = value ?? (LIST_FIELDS.has(f) ? [] : null);
    }
    if (dto.email !== undefined) c.email = dto.email?.trim().toLowerCase() ?? null;
    if (dto.phone !== undefined) c.phone = dto.phone?.replace(/ /g, '') ?? null;
    if (dto.externalRef !== undefined) c.externalRef = dto.externalRef;
    if (parts.home) c.home = parts.home;
    if (parts.skills) c.skills = parts.skills;
    // "førerkort klasse B" typed as a skill is a licence too: added, never taking one away.
    if (parts.drivingLicences) c.drivingLicences = mergeLicences(c.drivingLicences, parts.drivingLicences);
    if (parts.experience) c.experience = parts.experience;
    if (parts.wishes) c.wishes = parts.wishes;
    if (dto.consent) this.applyConsent(c, dto.consent);
  }

  private applyConsent(c: Candidate, consent: Partial<ConsentDto>): void {
    const now = new Date().toISOString();
    const changedAt = { ...c.consentChangedAt };
    for (const f of CONSENT_FLAGS) {
      const col = CONSENT_COLUMN[f];
      // A flag left out keeps its value (false on a new profile): consent is never assumed, nor dropped.
      const given = consent[f] ?? c[col];
      if (c[col] !== given || !changedAt[f]) changedAt[f] = now;
      c[col] = given;
    }
    c.consentChangedAt = changedAt;
  }

  /**
   * One write transaction: the change, its audit line and its outbox rows commit together or not at all.
   * Unique import keys and the optimistic lock surface as 409s naming the field.
   */
  private async writing(
    change: (em: EntityManager) => Promise<Candidate>,
    action: 'create' | 'update',
  ): Promise<Candidate> {
    try {
      const c = await this.orm.em.fork().transactional(async (em) => {
        const c = await change(em);
        await em.flush();
        this.audit(em, c.id, action);
        this.announce(em, c.id, c.version);
        return c;
      });
      this.relay.nudge();
      return c;
    } catch (err) {
      // The import key is the one unique column, and only staff set the external ref it is made of.
      if (err instanceof UniqueConstraintViolationException) {
        throw new Conflict('another candidate already has this external ref', [
          { field: 'externalRef', messages: ['another candidate already has this external ref'] },
        ]);
      }
      if (err instanceof OptimisticLockError) {
        throw new Conflict(
          'the candidate was changed by someone else meanwhile: reload and apply the change again',
          [{ field: 'version', messages: ['stale version'] }],
        );
      }
      throw err;
    }
  }

  private audit(em: EntityManager, candidateId: string, action: ProfileAudit['action']): void {
    const ctx = requestContext.get();
    em.create(ProfileAudit, {
      candidateId,
      actor: ctx?.actor?.sub ?? 'system',
      role: ctx?.actor?.role ?? 'system',
      action,
      requestId: ctx?.requestId ?? 'none',
    });
  }

  /** Every change to a candidate reaches search and matching through the outbox, in the same transaction. */
  private announce(em: EntityManager, candidateId: string, version: number): void {
    addToOutbox(
      em,
      { name: 'candidate.index', data: { candidateId } },
      { jobId: jobId('cidx', candidateId, version) },
    );
    addToOutbox(
      em,
      { name: 'candidate.changed', data: { candidateId, version } },
      { jobId: jobId('cchg', candidateId, version) },
    );
  }
}
