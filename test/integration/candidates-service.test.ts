import type { INestMicroservice } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { Meilisearch } from 'meilisearch';
import {
  Conflict,
  Forbidden,
  NotFound,
  Patterns,
  ValidationFailed,
  type CandidateMatchingFeatures,
  type CandidateSearchResult,
  type CandidateView,
  type ImportReport,
  type Page,
  type ProfileAuditEntry,
} from '@brobygger/contracts';
import { bullPrefix, redisOptions, requestContext, type RpcCaller } from '@brobygger/platform';
import { eventually, isolate, newCandidate, type Isolation } from '@brobygger/testing';
import { rpcClient, startCandidatesService, startTaxonomyService } from './support/services';

// Real ESCO ids from the taxonomy fixture.
const OPERATE_FORKLIFT = 'skill/28cb374e-6261-4133-8371-f9a5470145da';
const WELDER = 'occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b';
const OPERATE_WELDING_EQUIPMENT = 'skill/2fcd95a4-1f9a-41cf-95a9-4701bde476b4';
const UNKNOWN_SKILL = 'skill/00000000-0000-4000-8000-000000000000';

const staff = { sub: 'staff-1', role: 'staff' as const };

/** The candidates and taxonomy services in-process, called over the real Redis transport as the gateway does. */
describe('candidates service over RPC', () => {
  let iso: Isolation;
  let taxonomy: INestMicroservice;
  let app: INestMicroservice;
  let rpc: RpcCaller;
  let closeRpc: () => Promise<void>;
  let db: Client;
  let meili: Meilisearch;

  beforeAll(async () => {
    iso = await isolate();
    taxonomy = await startTaxonomyService(iso);
    app = await startCandidatesService(iso);
    ({ rpc, close: closeRpc } = await rpcClient(iso));
    db = new Client({ connectionString: iso.databaseUrl });
    await db.connect();
    meili = new Meilisearch({ host: iso.meiliUrl, apiKey: iso.meiliKey });
  });
  afterAll(async () => {
    await db?.end();
    await closeRpc?.();
    await app?.close();
    await taxonomy?.close();
  });

  const as = <T>(
    actor: { sub: string; role: 'staff' | 'candidate'; candidateId?: string },
    fn: () => Promise<T>,
  ) => requestContext.run({ requestId: `req-${Math.random().toString(36).slice(2)}`, actor }, fn);
  const create = (overrides: Parameters<typeof newCandidate>[0] = {}) =>
    as(staff, () => rpc.call<CandidateView>(Patterns.candidates.create, newCandidate(overrides)));
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.query<{ n: string }>(sql, params)).rows[0].n);
  const doc = (id: string) =>
    meili
      .index(`${iso.meiliPrefix}candidates`)
      .getDocument(id)
      .catch(() => undefined);
  const search = (query: Record<string, unknown>) =>
    as(staff, () =>
      rpc.call<CandidateSearchResult>(Patterns.candidates.search, { limit: 20, offset: 0, ...query }),
    );
  /** Only once every index job has run can the absence of a candidate from search mean anything. */
  const indexSettled = async () => {
    const queue = new Queue('search-index', {
      connection: redisOptions(iso.redisUrl),
      prefix: bullPrefix(iso.redisPrefix),
    });
    try {
      await eventually(async () => (await count('select count(*) as n from candidates.outbox')) === 0);
      await eventually(async () => {
        const c = await queue.getJobCounts('waiting', 'active', 'delayed');
        return c.waiting + c.active + c.delayed === 0;
      });
    } finally {
      await queue.close();
    }
  };

  it('resolves skill texts through the taxonomy, keeps the text, and indexes without contact details or notes', async () => {
    const view = await create({
      email: 'amina@example.org',
      phone: '+47 912 34 567',
      staffNotes: 'Needs an interpreter for the first meeting',
      skills: [
        { text: 'operate forklift', level: 4, years: 3 },
        { text: 'weldng' },
        { skillId: OPERATE_FORKLIFT },
        { text: 'zzqx' },
      ],
      home: { postcode: '0668' },
    });
    expect(view.version).toBe(1);
    expect(view.skills[0]).toMatchObject({
      skillId: OPERATE_FORKLIFT,
      text: 'operate forklift',
      level: 4,
      years: 3,
    });
    expect(view.skills[1].skillId).toMatch(/^skill\//); // the typo still finds a welding skill
    expect(view.skills[1].text).toBe('weldng');
    // The id given directly is the same skill as the first text: one skill, not two.
    expect(view.skills.filter((s) => s.skillId === OPERATE_FORKLIFT)).toHaveLength(1);
    expect(view.skills.at(-1)).toEqual({ skillId: null, label: null, text: 'zzqx', certainty: 'none' });
    expect(view.home).toMatchObject({ postcode: '0668', municipality: '0301', municipalityName: 'Oslo' });
    expect(view.phone).toBe('+4791234567');

    const d = await eventually(() => doc(view.id), { what: 'the search document' });
    expect(d).toMatchObject({ id: view.id, version: 1, municipality: '0301' });
    const text = JSON.stringify(d);
    expect(text).not.toContain('amina@example.org');
    expect(text).not.toContain('91234567');
    expect(text).not.toContain('interpreter');
  });

  it('refuses bad input naming each field, and stores nothing', async () => {
    const before = await count('select count(*) as n from candidates.candidate');
    const fields = async (body: object) => {
      const err = await as(staff, () => rpc.call(Patterns.candidates.create, body)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationFailed);
      return (err as ValidationFailed).fields?.map((f) => f.field).sort();
    };
    expect(await fields({ ...newCandidate(), preferredLanguage: 'Norwegian', skills: 'x' })).toEqual([
      'preferredLanguage',
      'skills',
    ]);
    expect(await fields(newCandidate({ skills: [{ skillId: UNKNOWN_SKILL }] }))).toEqual([
      'skills.0.skillId',
    ]);
    expect(
      await fields(
        newCandidate({
          languages: [
            { code: 'nb', spoken: 'B7' as never },
            { code: 'ar', spoken: 'C3' as never },
          ],
        }),
      ),
    ).toEqual(['languages.0.spoken', 'languages.1.spoken']);
    expect(await fields(newCandidate({ home: { lat: 95, lng: 10 } }))).toEqual(['home.lat']);
    expect(await fields(newCandidate({ home: { postcode: '0000' } }))).toEqual(['home.postcode']);
    expect(
      await fields(newCandidate({ experience: [{ occupationId: WELDER, from: '2020-05', to: '2019-01' }] })),
    ).toEqual(['experience.0.to']);
    expect(await count('select count(*) as n from candidates.candidate')).toBe(before);
  });

  it('refuses input that used to reach a 500 or be stored and break matching, naming the field', async () => {
    const before = await count('select count(*) as n from candidates.candidate');
    const fields = async (body: object) => {
      const err = await as(staff, () => rpc.call(Patterns.candidates.create, body)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationFailed);
      return (err as ValidationFailed).fields?.map((f) => f.field).sort();
    };
    expect(await fields(newCandidate({ fullName: 'Amina\u0000Hassan' }))).toEqual(['fullName']);
    expect(await fields(newCandidate({ email: 'amina\ud800@example.org' }))).toEqual(['email']);
    expect(await fields({ ...newCandidate(), skills: [[]] })).toEqual(['skills']);
    for (const list of ['languages', 'education', 'experience'])
      expect(await fields({ ...newCandidate(), [list]: [[]] })).toEqual([list]);
    for (const object of ['workPermit', 'availability', 'consent'])
      expect(await fields({ ...newCandidate(), [object]: [] })).toEqual([object]);
    expect(await fields({ ...newCandidate(), notificationDigest: null })).toEqual(['notificationDigest']);
    expect(await fields(JSON.parse(`{"fullName":"A","__proto__":{},"constructor":1}`) as object)).toEqual([
      '__proto__',
      'constructor',
    ]);
    // JSON nested 10,000 deep cannot even be sent over RPC; the gateway's e2e test sends it over HTTP.
    expect(await count('select count(*) as n from candidates.candidate')).toBe(before);
  });

  it('refuses null where a profile needs a value, and a date that is not a plain date', async () => {
    const view = await create();
    const patchFields = async (patch: object) => {
      const err = await as(staff, () =>
        rpc.call(Patterns.candidates.update, { id: view.id, patch: { version: 1, ...patch } }),
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationFailed);
      return (err as ValidationFailed).fields?.map((f) => f.field).sort();
    };
    expect(await patchFields({ fullName: null, status: null })).toEqual(['fullName', 'status']);
    // Over RPC the command nests the change under `patch`; the gateway's own validation names it availability.from.
    expect(await patchFields({ availability: { from: '2027-01-15T10:00:00Z' } })).toEqual([
      'patch.availability.from',
    ]);
    expect(await patchFields({ availability: { from: '2027-02-30' } })).toEqual(['patch.availability.from']);
    const err = await search({ availableBy: '20270115' }).catch((e: unknown) => e);
    expect((err as ValidationFailed).fields?.[0].field).toBe('availableBy');
    // null where a field may be empty clears it.
    const cleared = await as(staff, () =>
      rpc.call<CandidateView>(Patterns.candidates.update, {
        id: view.id,
        patch: { version: 1, email: null },
      }),
    );
    expect(cleared.email).toBeUndefined();
  });

  it('audits every staff view; a candidate sees their own profile without staff notes, and no one else’s', async () => {
    const view = await create({ staffNotes: 'private note' });
    const other = await create();
    await as(staff, () => rpc.call(Patterns.candidates.get, { id: view.id }));
    const own = await as({ sub: 'c-1', role: 'candidate', candidateId: view.id }, () =>
      rpc.call<CandidateView>(Patterns.candidates.get, { id: view.id }),
    );
    expect(own).not.toHaveProperty('staffNotes');
    await expect(
      as({ sub: 'c-1', role: 'candidate', candidateId: view.id }, () =>
        rpc.call(Patterns.candidates.get, { id: other.id }),
      ),
    ).rejects.toBeInstanceOf(Forbidden);
    const trail = await as(staff, () =>
      rpc.call<Page<ProfileAuditEntry>>(Patterns.candidates.audit, { id: view.id, limit: 20, offset: 0 }),
    );
    expect(trail.items.map((e) => [e.action, e.actor])).toEqual([
      ['view', 'staff-1'],
      ['create', 'staff-1'],
    ]);
  });

  it('refuses a stale version with 409; a current one bumps the version and re-indexes', async () => {
    const view = await create({ skills: [{ text: 'carpentry' }] });
    const updated = await as(staff, () =>
      rpc.call<CandidateView>(Patterns.candidates.update, {
        id: view.id,
        patch: {
          version: 1,
          skills: [{ text: 'operate forklift' }],
          consent: { searchable: true, shareWithEmployers: true, notifyInApp: true },
        },
      }),
    );
    expect(updated.version).toBe(2);
    expect(updated.consent.shareWithEmployers).toBe(true);
    expect(updated.consent.changedAt.shareWithEmployers > view.consent.changedAt.shareWithEmployers).toBe(
      true,
    );
    expect(updated.consent.changedAt.searchable).toBe(view.consent.changedAt.searchable);
    // One flag alone: the others keep their value and their timestamp.
    const sms = await as(staff, () =>
      rpc.call<CandidateView>(Patterns.candidates.update, {
        id: view.id,
        patch: { version: 2, consent: { notifySms: true } },
      }),
    );
    expect(sms.consent).toMatchObject({
      notifySms: true,
      shareWithEmployers: true,
      searchable: true,
      notifyInApp: true,
    });
    expect(sms.consent.changedAt.shareWithEmployers).toBe(updated.consent.changedAt.shareWithEmployers);
    const err = await as(staff, () =>
      rpc.call(Patterns.candidates.update, { id: view.id, patch: { version: 1, fullName: 'Overwrite' } }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Conflict);
    expect((err as Conflict).fields?.[0].field).toBe('version');
    await eventually(async () => (await doc(view.id))?.version === 3, { what: 'version 3 in the index' });
    // A candidate may not change their status or staff notes: the narrower command refuses them.
    const own = await as({ sub: 'c', role: 'candidate', candidateId: view.id }, () =>
      rpc.call(Patterns.candidates.updateOwn, { id: view.id, patch: { version: 3, status: 'placed' } }),
    ).catch((e: unknown) => e);
    expect(own).toBeInstanceOf(ValidationFailed);
  });

  it('withdrawing search consent or pausing removes the document; erasure removes the person everywhere', async () => {
    const a = await create();
    const b = await create();
    const paused = await create();
    await eventually(async () => Boolean((await doc(a.id)) && (await doc(b.id)) && (await doc(paused.id))));
    await as(staff, () =>
      rpc.call(Patterns.candidates.update, { id: paused.id, patch: { version: 1, status: 'paused' } }),
    );
    await as(staff, () =>
      rpc.call(Patterns.candidates.update, {
        id: a.id,
        patch: { version: 1, consent: { searchable: false, shareWithEmployers: false, notifyInApp: true } },
      }),
    );
    await as(staff, () => rpc.call(Patterns.candidates.erase, { id: b.id }));
    await eventually(async () => !(await doc(a.id)) && !(await doc(b.id)) && !(await doc(paused.id)), {
      what: 'the three documents gone',
    });
    expect(await count('select count(*) as n from candidates.candidate where id = $1', [b.id])).toBe(0);
    await expect(as(staff, () => rpc.call(Patterns.candidates.get, { id: b.id }))).rejects.toBeInstanceOf(
      NotFound,
    );
    expect(await rpc.call(Patterns.candidates.matchingFeatures, { id: b.id })).toBeNull();
    // The audit keeps the id (who looked, when), nothing about the person.
    expect(
      await count(
        `select count(*) as n from candidates.profile_audit where candidate_id = $1 and action = 'erase'`,
        [b.id],
      ),
    ).toBe(1);
  });

  it('imports a CSV: stores the valid rows, reports the bad ones by line and field, and stores nothing twice', async () => {
    const csv = [
      'external_ref,full_name,email,preferred_language,postcode,languages,skills,consent_searchable,consent_in_app',
      'imp-1,Yonas Tesfaye,yonas@example.org,ti,0580,"ti:native; nb:B1/A2",sveising|3,yes,yes',
      'imp-2,Olena Kovalenko,,uk,1473,"uk:native; nb:A2",operate forklift|4|2,yes,no',
      'imp-3,Bad Level,,ar,0668,nb:B7,cleaning,yes,yes',
      'imp-4,Bad Skill,,so,0668,so:native,skill/00000000-0000-4000-8000-000000000000,yes,yes',
      'imp-5,Nul\u0000Byte,,so,0668,so:native,cleaning,yes,yes',
    ].join('\n');
    const first = await as(staff, () =>
      rpc.call<ImportReport>(Patterns.candidates.import, { format: 'csv', content: csv }),
    );
    expect(first).toMatchObject({ rows: 5, created: 2, existing: [] });
    expect(first.errors.map((e) => [e.line, e.field])).toEqual([
      [4, 'languages.0.spoken'],
      [5, 'skills.0.skillId'],
      [6, 'fullName'],
    ]);
    const again = await as(staff, () =>
      rpc.call<ImportReport>(Patterns.candidates.import, { format: 'csv', content: csv }),
    );
    expect(again).toMatchObject({ created: 0, existing: [2, 3] });
    expect(
      await count(`select count(*) as n from candidates.candidate where external_ref like 'imp-%'`),
    ).toBe(2);
    // A file nothing could be read from is refused, not reported as an import of zero rows.
    const refused = await as(staff, () =>
      rpc.call(Patterns.candidates.import, { format: 'csv', content: 'full_name,shoe_size\nA,42' }),
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationFailed);
    expect((refused as ValidationFailed).fields?.[0].field).toBe('line 1: shoe_size');
    const olena = await db.query<{ id: string }>(
      `select id from candidates.candidate where external_ref = 'imp-2'`,
    );
    await eventually(async () => Boolean(await doc(olena.rows[0].id)), { what: 'imported row indexed' });
  });

  it('searches with typos, synonyms and language names, and filters by validated values only', async () => {
    const near = await create({
      skills: [{ skillId: OPERATE_FORKLIFT, level: 4 }],
      languages: [
        { code: 'ar', native: true },
        { code: 'nb', spoken: 'B2', written: 'B1' },
      ],
      home: { postcode: '0668' }, // Alnabru, Oslo
      drivingLicences: ['B', 'T'],
      availability: { from: '2026-12-01' },
      wishes: { openingTypes: ['permanent'], occupationIds: [WELDER] },
      workPermit: { status: 'granted' },
    });
    const far = await create({
      skills: [{ skillId: OPERATE_FORKLIFT }],
      languages: [{ code: 'nb', spoken: 'A2' }],
      home: { municipality: '4601' }, // Bergen
      availability: { from: '2027-06-01' },
    });
    await indexSettled();
    const ids = async (q: Record<string, unknown>) => (await search(q)).items.map((h) => h.id);

    expect(await ids({ q: 'forklfit' })).toEqual(expect.arrayContaining([near.id, far.id])); // typo
    expect(await ids({ q: 'forklift truck' })).toContain(near.id); // an ESCO alternative label
    expect(await ids({ q: 'arabisk' })).toContain(near.id); // the language's Norwegian name
    expect(await ids({ q: 'sveiser' })).toContain(near.id); // the wished occupation's Norwegian label

    expect(await ids({ language: ['nb:B1'] })).toContain(near.id);
    expect(await ids({ language: ['nb:B1'] })).not.toContain(far.id);
    expect(await ids({ language: ['nb:B2:written'] })).not.toContain(near.id);
    expect(await ids({ nearMunicipality: 'Oslo', withinKm: 20 })).toContain(near.id);
    expect(await ids({ nearMunicipality: 'Oslo', withinKm: 20 })).not.toContain(far.id);
    expect(await ids({ availableBy: '2027-01-15' })).toContain(near.id);
    expect(await ids({ availableBy: '2027-01-15' })).not.toContain(far.id);
    expect(
      await ids({ drivingLicence: ['T'], openingType: ['permanent'], permitStatus: ['granted'] }),
    ).toEqual([near.id]);
    expect(await ids({ skills: [OPERATE_FORKLIFT], municipality: ['4601'] })).toEqual([far.id]);

    // Others in this file live in Oslo too; from Bergen, the Bergen candidate is nearest.
    const sorted = await search({ nearMunicipality: 'Bergen', sort: 'distance', skills: [OPERATE_FORKLIFT] });
    expect(sorted.items[0]).toMatchObject({ id: far.id, distanceKm: 0 });
    expect(sorted.items.find((h) => h.id === near.id)?.distanceKm).toBeGreaterThan(290);
    const faceted = await search({ skills: [OPERATE_FORKLIFT] });
    expect(faceted.facets.topSkills[0]).toMatchObject({ value: OPERATE_FORKLIFT, label: 'operate forklift' });
    expect(faceted.facets.norwegianLevel.map((f) => f.value)).toEqual(expect.arrayContaining(['A2', 'B2']));
    // Oslo (0301) has most of them; its leading zero must not send it to the end.
    expect(faceted.facets.municipality[0].label).toBe('Oslo');
    expect(faceted.facets.municipality.map((f) => f.label)).toContain('Bergen');
    expect(faceted.facets.languages).toContainEqual({ value: 'ar', label: 'arabisk', count: 1 });
  });

  it('finds people across languages: "cleaning" finds a profile that says "renhold", "welding" one that says "sveising"', async () => {
    const cleaner = await create({ skills: [{ text: 'renhold' }] });
    const welder = await create({ skills: [{ text: 'sveising', level: 4, years: 8 }] });
    expect(cleaner.skills[0]).toMatchObject({ text: 'renhold', certainty: 'sure', source: 'glossary' });
    expect(welder.skills[0]).toMatchObject({ skillId: OPERATE_WELDING_EQUIPMENT, certainty: 'sure' });
    await indexSettled();
    const ids = async (q: string) => (await search({ q })).items.map((h) => h.id);
    expect(await ids('cleaning')).toContain(cleaner.id);
    expect(await ids('прибирання')).toContain(cleaner.id); // Ukrainian
    expect(await ids('تنظيف')).toContain(cleaner.id); // Arabic
    expect(await ids('welding')).toContain(welder.id);
    expect(await ids('welding')).not.toContain(cleaner.id);
  });

  it('takes a licence typed as a skill as the licence too, keeping the skill text', async () => {
    const view = await create({ skills: [{ text: 'førerkort klasse B' }], drivingLicences: ['T'] });
    expect(view.drivingLicences).toEqual(['B', 'T']);
    expect(view.skills[0].text).toBe('førerkort klasse B');
    const ukrainian = await create({ skills: [{ text: 'посвідчення водія категорії С' }] });
    expect(ukrainian.drivingLicences).toEqual(['C']);
  });

  it('keeps both texts of two that name one skill, and offers alternatives when unsure', async () => {
    const view = await create({
      skills: [{ text: 'drive a forklift' }, { text: 'operate forklift', level: 3 }],
    });
    expect(view.skills).toHaveLength(1);
    expect(view.skills[0]).toMatchObject({
      skillId: OPERATE_FORKLIFT,
      text: 'drive a forklift',
      alsoTexts: ['operate forklift'],
    });
    // A typo makes "clean rooms" a guess, with the other readings to pick from ("clean surfaces" among them).
    const unsure = await create({ skills: [{ text: 'clean roms' }] });
    expect(unsure.skills[0]).toMatchObject({
      skillId: 'skill/7bb01a18-4637-4535-ba18-258f48f705b8',
      certainty: 'unsure',
    });
    expect(unsure.skills[0].alternatives?.map((a) => a.skillId)).toContain(
      'skill/6ff01827-907d-43d8-b6e4-7162c1cf0aca',
    );
  });

  it('places Oslo postcodes at their own points, so "within 5 km" inside Oslo means something', async () => {
    // Before Erik Bolstad's points every Oslo postcode sat on one point: both were 0 km from each other.
    const sentrum = await create({ fullName: 'Oslo S', home: { postcode: '0154' } });
    const furuset = await create({ fullName: 'Furuset', home: { postcode: '1051' } });
    expect(furuset.home).toMatchObject({ municipality: '0301', lat: 59.9425, lng: 10.8996 });
    await indexSettled();
    const near = `${furuset.home.lat},${furuset.home.lng}`;
    const within = async (km: number) =>
      (await search({ near, withinKm: km, limit: 100 })).items.map((h) => h.id);

    expect(await within(5)).toContain(furuset.id);
    expect(await within(5)).not.toContain(sentrum.id);
    expect(await within(10)).toEqual(expect.arrayContaining([furuset.id, sentrum.id]));
    const sorted = await search({ near, sort: 'distance', limit: 100 });
    expect(sorted.items[0]).toMatchObject({ id: furuset.id, distanceKm: 0 });
    expect(sorted.items.find((h) => h.id === sentrum.id)?.distanceKm).toBe(9.1);
  });

  it('an injection attempt in a filter is refused, and in the text finds nothing extra', async () => {
    const err = await search({ municipality: ['0301" OR status = "archived'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationFailed);
    const err2 = await search({ language: ['nb:B1 OR skillIds EXISTS'] }).catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(ValidationFailed);
    const all = (await search({})).total;
    const injected = await search({ q: '" OR status = "archived" OR "' });
    expect(injected.total).toBeLessThanOrEqual(all);
    expect(injected.items.every((h) => h.status === 'active')).toBe(true);
  });

  it('gives matching features without name or contact details', async () => {
    const view = await create({ email: 'a@example.org', phone: '+4791234568' });
    const features = await rpc.call<CandidateMatchingFeatures>(Patterns.candidates.matchingFeatures, {
      id: view.id,
    });
    expect(Object.keys(features).sort()).toEqual([
      'candidateId',
      'features',
      'matchable',
      'notifyInApp',
      'shareWithEmployers',
      'version',
    ]);
    expect(JSON.stringify(features)).not.toMatch(/example\.org|4791234568|Test Candidate/);
  });
});
