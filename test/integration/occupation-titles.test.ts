import type { INestMicroservice } from '@nestjs/common';
import { Patterns, type OccupationHit, type TaxonomyLang } from '@brobygger/contracts';
import type { RpcCaller } from '@brobygger/platform';
import { isolate, type Isolation } from '@brobygger/testing';
import { rpcClient, startTaxonomyService } from './support/services';

// Real ESCO ids from the fixture (a slice of ESCO v1.1.1).
const COOK = 'occupation/90f75f67-495d-49fa-ab57-2f320e251d7e';
const WELDER = 'occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b';
const BUS_DRIVER = 'occupation/00cee175-1376-43fb-9f02-ba3d7a910a58';
const WAREHOUSE_WORKER = 'occupation/bea705fe-06ac-4147-b8e0-6e8ac1208d8f';
const FORKLIFT_OPERATOR = 'occupation/eeac6251-1974-42f5-91ed-513c6c883755';
const SOFTWARE_DEVELOPER = 'occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1';

/** Job titles as employers and candidates type them, through the taxonomy service over RPC. */
describe('occupation search by job title', () => {
  let iso: Isolation;
  let app: INestMicroservice;
  let rpc: RpcCaller;
  let close: () => Promise<void>;

  beforeAll(async () => {
    iso = await isolate();
    app = await startTaxonomyService(iso);
    ({ rpc, close } = await rpcClient(iso));
  });
  afterAll(async () => {
    await close?.();
    await app?.close();
  });

  const search = (q: string, lang: TaxonomyLang, limit = 5) =>
    rpc.call<OccupationHit[]>(Patterns.taxonomy.searchOccupations, { q, lang, limit });

  it('leaves out what is not the occupation: "Lærling kokk" is a cook, shown by its Norwegian name', async () => {
    const [first] = await search('Lærling kokk', 'nb');
    expect(first).toMatchObject({ id: COOK, label: 'kokk', lang: 'nb', matchedLabel: 'kokk' });
  });

  it('answers when only some words name an occupation, in any upper or lower case', async () => {
    expect((await search('Jr Software Developer', 'en'))[0]).toMatchObject({
      id: SOFTWARE_DEVELOPER,
      label: 'software developer',
    });
    expect((await search('VACANCY - BUS DRIVER WANTED IN OSLO', 'en'))[0].id).toBe(BUS_DRIVER);
    expect((await search('Sveiser (praksisplass)', 'nb'))[0].id).toBe(WELDER);
    const both = (await search('Lagermedarbeider m/truckførerbevis', 'nb')).map((h) => h.id);
    expect(both[0]).toBe(WAREHOUSE_WORKER);
    expect(both.slice(0, 3)).toContain(FORKLIFT_OPERATOR);
  });

  it('finds Ukrainian and Arabic titles through the supplement, shown in English where ESCO has no label', async () => {
    expect((await search('Шукаємо зварювальника', 'uk'))[0]).toMatchObject({
      id: WELDER,
      label: 'welder',
      lang: 'en',
      matchedLabel: 'зварювальник',
    });
    expect((await search('مطلوب طباخ', 'ar'))[0]).toMatchObject({ id: COOK, lang: 'ar' });
  });

  it('completes a word while it is typed', async () => {
    expect((await search('sveis', 'nb'))[0].id).toBe(WELDER);
    expect((await search('bussj', 'nb'))[0].id).toBe(BUS_DRIVER);
  });

  it('finds nothing, rather than something unrelated, when no word is near a label', async () => {
    expect(await search('qqqqzzzz', 'en')).toEqual([]);
  });
});
