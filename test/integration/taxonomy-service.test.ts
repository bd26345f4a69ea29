import type { INestMicroservice } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Meilisearch } from 'meilisearch';
import pino from 'pino';
import {
  Conflict,
  Patterns,
  ServiceUnavailable,
  type GlossaryEntryView,
  type Page,
  ValidationFailed,
  type NormaliseResult,
  type OccupationDetail,
  type OccupationHit,
  type SkillHit,
  type SkillName,
  type SkillNeighbour,
} from '@brobygger/contracts';
import {
  bootstrapRpcService,
  loadConfig,
  PrefixedRedisClient,
  requestContext,
  RpcCaller,
  rpcChannelPrefix,
  transportOptions,
} from '@brobygger/platform';
import { isolate, TAXONOMY_FIXTURE, type Isolation } from '@brobygger/testing';
import { taxonomyEnv } from '../../apps/taxonomy/src/config';
import { importTaxonomy } from '../../apps/taxonomy/src/import/taxonomy-import';
import { taxonomyOrmConfig } from '../../apps/taxonomy/src/mikro-orm.config';
import { TaxonomyModule } from '../../apps/taxonomy/src/taxonomy.module';

// Real ESCO ids from the fixture (a slice of ESCO v1.1.1).
const OPERATE_FORKLIFT = 'skill/28cb374e-6261-4133-8371-f9a5470145da';
const OPERATE_WELDING_EQUIPMENT = 'skill/2fcd95a4-1f9a-41cf-95a9-4701bde476b4';
const FOOD_SAFETY = 'skill/0ff99f51-40d9-42f1-a1ec-377b2bb5e15f';
const BUS_DRIVER = 'occupation/00cee175-1376-43fb-9f02-ba3d7a910a58';
const WELDER = 'occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b';

/** The taxonomy service in-process over the real Redis transport, with the fixture imported. */
describe('taxonomy service over RPC', () => {
  let iso: Isolation;
  let app: INestMicroservice;
  let client: PrefixedRedisClient;
  let rpc: RpcCaller;

  beforeAll(async () => {
    iso = await isolate();
    const config = loadConfig(taxonomyEnv, {
      DATABASE_URL: iso.databaseUrl,
      REDIS_URL: iso.redisUrl,
      REDIS_PREFIX: iso.redisPrefix,
      MEILI_URL: iso.meiliUrl,
      MEILI_MASTER_KEY: iso.meiliKey,
      MEILI_INDEX_PREFIX: iso.meiliPrefix,
    });
    const logger = pino({ level: 'silent' });
    app = await bootstrapRpcService('taxonomy', TaxonomyModule.forRoot(config, logger), config, logger);
    client = new PrefixedRedisClient(rpcChannelPrefix(iso.redisPrefix), transportOptions(iso.redisUrl));
    await client.connect();
    rpc = new RpcCaller(client, 20_000);
  });
  afterAll(async () => {
    await client?.close();
    await app?.close();
  });

  it('answers 503 before any release is imported, then works once one is', async () => {
    await expect(rpc.call(Patterns.taxonomy.normalise, { texts: ['welding'] })).rejects.toBeInstanceOf(
      ServiceUnavailable,
    );
    const orm = await MikroORM.init(taxonomyOrmConfig(iso.databaseUrl));
    try {
      await importTaxonomy({
        orm,
        meili: new Meilisearch({ host: iso.meiliUrl, apiKey: iso.meiliKey }),
        indexPrefix: iso.meiliPrefix,
        dataDir: TAXONOMY_FIXTURE,
        log: () => undefined,
      });
    } finally {
      await orm.close(true);
    }
    expect(await rpc.call(Patterns.taxonomy.info, {})).toMatchObject({ version: 'fixture-2', skills: 487 });
  });

  describe('skill autocomplete', () => {
    it('finds a skill by an alternative label and says which label matched', async () => {
      const hits = await rpc.call<SkillHit[]>(Patterns.taxonomy.searchSkills, {
        q: 'drive a forklift',
        lang: 'nb',
        limit: 5,
      });
      expect(hits[0]).toEqual({
        id: OPERATE_FORKLIFT,
        label: 'truck', // the glossary's Norwegian word for it (ESCO has no Norwegian label for this one)
        lang: 'nb',
        matchedLabel: 'drive a forklift',
        type: 'skill/competence',
        reuseLevel: 'cross-sector',
      });
    });

    it('tolerates a typo', async () => {
      const hits = await rpc.call<SkillHit[]>(Patterns.taxonomy.searchSkills, { q: 'forklfit', limit: 5 });
      expect(hits.map((h) => h.id)).toContain(OPERATE_FORKLIFT);
    });

    it('refuses an empty or oversized query and an unknown language, naming the field', async () => {
      for (const [query, field] of [
        [{ q: '' }, 'q'],
        [{ q: 'x'.repeat(101) }, 'q'],
        [{ q: 'weld', lang: 'xx' }, 'lang'],
        [{ q: 'weld', limit: 500 }, 'limit'],
      ] as const) {
        const err = (await rpc.call(Patterns.taxonomy.searchSkills, query).catch((e: unknown) => e)) as
          ValidationFailed | undefined;
        expect(err).toBeInstanceOf(ValidationFailed);
        expect(err!.fields?.map((f) => f.field)).toEqual([field]);
      }
    });
  });

  describe('occupations', () => {
    it('finds a Norwegian title and shows the Norwegian label with its STYRK-08 group', async () => {
      const hits = await rpc.call<OccupationHit[]>(Patterns.taxonomy.searchOccupations, {
        q: 'bussjåfør',
        lang: 'nb',
        limit: 3,
      });
      expect(hits[0]).toMatchObject({
        id: BUS_DRIVER,
        label: 'bussjåfør',
        lang: 'nb',
        matchedLabel: 'bussjåfør',
        iscoGroup: '8331',
        styrk: { code: '8331' },
      });
    });

    it('finds an occupation by a Norwegian alternative label with a typo, shown in English when asked', async () => {
      const hits = await rpc.call<OccupationHit[]>(Patterns.taxonomy.searchOccupations, {
        q: 'renholdr',
        lang: 'en',
        limit: 3,
      });
      expect(hits[0]).toMatchObject({ label: 'building cleaner', lang: 'en', matchedLabel: 'renholder' });
    });

    it('gives an occupation with its essential and optional skills', async () => {
      const o = await rpc.call<OccupationDetail>(Patterns.taxonomy.getOccupation, { id: WELDER, lang: 'nb' });
      expect(o).toMatchObject({ id: WELDER, label: 'sveiser', lang: 'nb', iscoGroup: '7212' });
      expect(o.essentialSkills.length).toBeGreaterThan(5);
      expect(o.optionalSkills.length).toBeGreaterThan(5);
      expect(o.essentialSkills.map((s) => s.id)).toContain(OPERATE_WELDING_EQUIPMENT);
      expect(o.essentialSkills[0]).toMatchObject({ lang: 'en', type: expect.any(String) });
    });

    it('falls back to English for a language without a label (Ukrainian)', async () => {
      const o = await rpc.call<OccupationDetail>(Patterns.taxonomy.getOccupation, { id: WELDER, lang: 'uk' });
      expect(o).toMatchObject({ label: 'welder', lang: 'en' });
    });
  });

  describe('normalise', () => {
    const resolve = async (texts: string[]) => {
      const r = await rpc.call<NormaliseResult>(Patterns.taxonomy.normalise, { texts });
      if (r.kind !== 'texts') throw new Error('expected texts');
      return r.results;
    };

    it('resolves a known alternative label with full confidence', async () => {
      const [r] = await resolve(['drive a forklift']);
      expect(r.skills[0]).toMatchObject({ id: OPERATE_FORKLIFT, confidence: 1, label: 'truck', lang: 'nb' });
    });

    it('resolves a label with a typo', async () => {
      const [r] = await resolve(['operate weldng equipment']);
      expect(r.skills[0]?.id).toBe(OPERATE_WELDING_EQUIPMENT);
      expect(r.skills[0].confidence).toBeLessThan(1);
    });

    it('returns nothing for text that names no skill', async () => {
      const [r] = await resolve(['xyzzy qwerty plugh']);
      expect(r).toEqual({ text: 'xyzzy qwerty plugh', skills: [], certainty: 'none' });
    });

    it('extracts the skills a paragraph mentions', async () => {
      const r = await rpc.call<NormaliseResult>(Patterns.taxonomy.normalise, {
        text: 'You will operate a forklift in our warehouse. You must comply with food safety and hygiene rules.',
      });
      if (r.kind !== 'text') throw new Error('expected text');
      const ids = r.skills.slice(0, 5).map((s) => s.id);
      expect(ids).toEqual(expect.arrayContaining([OPERATE_FORKLIFT, FOOD_SAFETY]));
      expect(r.skills[0].evidence).not.toBe('');
    });

    it('refuses more than 1,000 texts, an empty list, and both or neither of texts and text', async () => {
      const fieldsOf = async (body: unknown) =>
        (
          (await rpc.call(Patterns.taxonomy.normalise, body).catch((e: unknown) => e)) as ValidationFailed
        ).fields?.map((f) => f.field);
      expect(await fieldsOf({ texts: Array.from({ length: 1001 }, () => 'welding') })).toEqual(['texts']);
      expect(await fieldsOf({ texts: [] })).toEqual(['texts']);
      expect(await fieldsOf({})).toEqual(['texts']);
      expect(await fieldsOf({ text: '   ' })).toEqual(['text']);
      expect(await fieldsOf({ texts: ['welding'], lang: 'klingon' })).toEqual(['lang']);
    });
  });

  it('gives the precomputed neighbours of a skill: ESCO files "conduct forklift inspections" under it', async () => {
    const n = await rpc.call<SkillNeighbour[]>(Patterns.taxonomy.relatedSkills, {
      skillIds: [OPERATE_FORKLIFT],
    });
    expect(n).toContainEqual({
      skillId: OPERATE_FORKLIFT,
      other: 'skill/3c84f7d9-7a3e-4343-814f-31de0aa61651',
      score: 0.8,
      reason: 'narrower',
    });
    expect(n.every((x) => x.skillId === OPERATE_FORKLIFT && x.score > 0 && x.score <= 1)).toBe(true);
  });

  describe('everyday words (the glossary, Norwegian labels, occupation names)', () => {
    const HEALTHCARE_ASSISTANT = 'occupation/d38c2107-98f2-47b7-8bb4-f69750d51082';
    const CLEAN_FLOORS = 'skill/a2cd3b30-2d6c-473e-a5d4-4e7cb576babe';
    const normalise = async (texts: string[], lang = 'nb') => {
      const r = await rpc.call<NormaliseResult>(Patterns.taxonomy.normalise, { texts, lang });
      if (r.kind !== 'texts') throw new Error('expected texts');
      return r.results;
    };
    const asAdmin = <T>(fn: () => Promise<T>) =>
      requestContext.run({ requestId: 'test', actor: { sub: 'admin-7', role: 'admin' } }, fn);

    it('resolves a Norwegian everyday word through the glossary, surely, and an Arabic one too', async () => {
      const [sveising, arabic] = [
        ...(await normalise(['Sveising'])),
        ...(await normalise(['تنظيف الأرضيات'], 'ar')),
      ];
      expect(sveising.skills[0]).toMatchObject({
        id: OPERATE_WELDING_EQUIPMENT,
        source: 'glossary',
        matchedLabel: 'sveising',
        confidence: 1,
      });
      expect(sveising.certainty).toBe('sure');
      expect(arabic.skills[0]).toMatchObject({ id: CLEAN_FLOORS, source: 'glossary' });
    });

    it("takes an occupation word typed as a skill as that occupation's core skills", async () => {
      // ESCO's Norwegian name of the occupation, not a glossary word.
      const [r] = await normalise(['hjelpepleier']);
      const o = await rpc.call<OccupationDetail>(Patterns.taxonomy.getOccupation, {
        id: HEALTHCARE_ASSISTANT,
        lang: 'en',
      });
      expect(r.skills[0]).toMatchObject({ source: 'occupation', occupationId: HEALTHCARE_ASSISTANT });
      expect(o.essentialSkills.map((s) => s.id)).toContain(r.skills[0].id);
      expect(r.certainty).toBe('sure');
    });

    it("names skills in the reader's language: ESCO's Norwegian label, else the glossary's word, else English", async () => {
      const names = async (lang: string) =>
        rpc.call<SkillName[]>(Patterns.taxonomy.skillNames, {
          skillIds: [OPERATE_WELDING_EQUIPMENT, 'skill/00000000-0000-0000-0000-000000000000'],
          lang,
        });
      expect(await names('nb')).toEqual([
        { id: OPERATE_WELDING_EQUIPMENT, label: 'betjene sveiseutstyr', lang: 'nb' },
      ]);
      expect(await names('ar')).toEqual([{ id: OPERATE_WELDING_EQUIPMENT, label: 'لحام', lang: 'ar' }]);
      expect(await names('uk')).toEqual([{ id: OPERATE_WELDING_EQUIPMENT, label: 'зварювання', lang: 'uk' }]);
      expect(await names('de')).toEqual([
        { id: OPERATE_WELDING_EQUIPMENT, label: 'operate welding equipment', lang: 'en' },
      ]);
    });

    it('autocompletes a whole Norwegian word to what it resolves to, first', async () => {
      const hits = await rpc.call<SkillHit[]>(Patterns.taxonomy.searchSkills, {
        q: 'sveising',
        lang: 'nb',
        limit: 5,
      });
      expect(hits[0]).toMatchObject({ id: OPERATE_WELDING_EQUIPMENT, matchedLabel: 'sveising' });
    });

    it('an admin adds a word, it resolves at once and every match is rescored; a review names the admin', async () => {
      const added = await asAdmin(() =>
        rpc.call<GlossaryEntryView>(Patterns.taxonomy.addGlossaryEntry, {
          lang: 'nb',
          term: 'gaffelkjøring',
          skillIds: [OPERATE_FORKLIFT],
          note: 'forklift driving',
        }),
      );
      expect(added).toMatchObject({
        origin: 'admin',
        status: 'drafted',
        createdBy: 'admin-7',
        source: 'glossary',
      });
      expect(added.skills).toEqual([{ id: OPERATE_FORKLIFT, label: 'operate forklift' }]);
      const [r] = await normalise(['gaffelkjøring']);
      expect(r.skills[0]).toMatchObject({ id: OPERATE_FORKLIFT, source: 'glossary', confidence: 1 });

      const reviewed = await asAdmin(() =>
        rpc.call<GlossaryEntryView>(Patterns.taxonomy.updateGlossaryEntry, {
          id: added.id,
          status: 'reviewed',
        }),
      );
      expect(reviewed).toMatchObject({ status: 'reviewed', reviewedBy: 'admin-7' });
      // Matching hears of a change of meaning like of a new release: "rescore everything", through the outbox
      // (its relay polls once a minute, long after this test), delayed to the end of a five-minute window whose
      // job id merges the changes made within it. A review alone changes no meaning and rescores nothing.
      const orm = await MikroORM.init(taxonomyOrmConfig(iso.databaseUrl));
      const rescores = () =>
        orm.em
          .fork()
          .execute<{ job_id: string; delay_ms: number }[]>(
            `select job_id, delay_ms from taxonomy.outbox where job_name = 'matching.rescore-all' and job_id like 'rescore-all.glossary.%'`,
          );
      try {
        const [first, ...none] = await rescores();
        expect(none).toEqual([]);
        expect(first.delay_ms).toBeGreaterThan(0);
        expect(first.delay_ms).toBeLessThanOrEqual(5 * 60_000);

        const rejected = await asAdmin(() =>
          rpc.call<GlossaryEntryView>(Patterns.taxonomy.updateGlossaryEntry, {
            id: added.id,
            status: 'rejected',
          }),
        );
        expect(rejected.status).toBe('rejected');
        const after = await rescores();
        expect(after).toHaveLength(2);
        // The job id names its window's end: both writes name one job, unless a window closed between them, and
        // then the second names the next window.
        const windowOf = (r: { job_id: string }) => Number(r.job_id.split('.').pop());
        const step = windowOf(after[1]) - windowOf(after[0]);
        expect([0, 5 * 60_000]).toContain(step);
      } finally {
        await orm.close(true);
      }
      const [after] = await normalise(['gaffelkjøring']);
      expect(after.skills[0]?.source).not.toBe('glossary');
    });

    it('refuses a word the language already has, an unknown skill and a bad language, naming the field', async () => {
      const dup = await asAdmin(() =>
        rpc.call(Patterns.taxonomy.addGlossaryEntry, {
          lang: 'nb',
          term: 'SVEISING',
          skillIds: [OPERATE_FORKLIFT],
        }),
      ).catch((e: unknown) => e);
      expect(dup).toBeInstanceOf(Conflict);
      for (const [body, field] of [
        [
          { lang: 'nb', term: 'noe nytt', skillIds: ['skill/00000000-0000-0000-0000-000000000000'] },
          'skillIds',
        ],
        [{ lang: 'xx', term: 'noe nytt', skillIds: [OPERATE_FORKLIFT] }, 'lang'],
        [{ lang: 'nb', term: ' ', skillIds: [OPERATE_FORKLIFT] }, 'term'],
        [{ lang: 'nb', term: 'noe nytt', skillIds: [] }, 'skillIds'],
      ] as const) {
        const err = (await asAdmin(() => rpc.call(Patterns.taxonomy.addGlossaryEntry, body)).catch(
          (e: unknown) => e,
        )) as ValidationFailed;
        expect(err).toBeInstanceOf(ValidationFailed);
        expect(err.fields?.map((f) => f.field)).toEqual([field]);
      }
    });

    it("lists the glossary by language and term prefix with the skills' names", async () => {
      const page = await rpc.call<Page<GlossaryEntryView>>(Patterns.taxonomy.listGlossary, {
        lang: 'nb',
        q: 'sveis',
      });
      expect(page.items.map((e) => e.term)).toEqual(expect.arrayContaining(['sveise', 'sveising']));
      expect(page.items[0]).toMatchObject({ origin: 'shipped', status: 'drafted', lang: 'nb' });
    });
  });
});
