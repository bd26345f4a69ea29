import type {
  NormaliseResult,
  OccupationDetail,
  OccupationHit,
  SkillHit,
  TaxonomyInfo,
} from '@brobygger/contracts';
import { startSystem, type RunningSystem } from '@brobygger/testing';

const OPERATE_FORKLIFT = 'skill/28cb374e-6261-4133-8371-f9a5470145da';
const BUS_DRIVER = 'occupation/00cee175-1376-43fb-9f02-ba3d7a910a58';

/** The taxonomy through the gateway, after `npm start` imported it on its first run (the test slice of ESCO). */
describe('the taxonomy over HTTP', () => {
  let sys: RunningSystem;
  let candidate: string;

  beforeAll(async () => {
    sys = await startSystem();
    candidate = sys.token({ role: 'candidate', candidateId: '00000000-0000-4000-8000-000000000001' });
  });
  afterAll(() => sys?.stop());

  it('was imported by npm start, and any signed-in role may read it', async () => {
    const res = await sys.api<TaxonomyInfo>('GET', '/api/v1/taxonomy', { token: candidate });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 'fixture-2', skills: 487, occupations: 10 });
    expect((await sys.api('GET', '/api/v1/taxonomy/skills?q=weld')).status).toBe(401);
  });

  it('autocompletes skills with a typo and occupations by their Norwegian title', async () => {
    const staff = sys.token({ role: 'staff' });
    const skills = await sys.api<SkillHit[]>('GET', '/api/v1/taxonomy/skills?q=forklfit&lang=nb', {
      token: staff,
    });
    expect(skills.status).toBe(200);
    expect(skills.body.map((h) => h.id)).toContain(OPERATE_FORKLIFT);
    const occ = await sys.api<OccupationHit[]>(
      'GET',
      `/api/v1/taxonomy/occupations?q=${encodeURIComponent('bussjåfør')}&lang=nb`,
      { token: staff },
    );
    expect(occ.body[0]).toMatchObject({ id: BUS_DRIVER, label: 'bussjåfør', lang: 'nb' });
    const detail = await sys.api<OccupationDetail>(
      'GET',
      `/api/v1/taxonomy/occupations/${BUS_DRIVER.split('/')[1]}`,
      {
        token: staff,
      },
    );
    expect(detail.status).toBe(200);
    expect(detail.body.essentialSkills.length).toBeGreaterThan(0);
    const encoded = await sys.api(
      'GET',
      `/api/v1/taxonomy/occupations/${encodeURIComponent(BUS_DRIVER)}?lang=en`,
      {
        token: staff,
      },
    );
    expect(encoded.body).toMatchObject({ id: BUS_DRIVER, label: 'bus driver', lang: 'en' });
  });

  it('normalises free text, and says "none" for text that names no skill', async () => {
    const res = await sys.api<NormaliseResult>('POST', '/api/v1/taxonomy/normalise', {
      token: sys.token({ role: 'employer', employerId: '00000000-0000-4000-8000-000000000002' }),
      body: { texts: ['drive a forklift', 'xyzzy qwerty'] },
    });
    expect(res.status).toBe(200);
    if (res.body.kind !== 'texts') throw new Error('expected texts');
    expect(res.body.results[0].skills[0]).toMatchObject({ id: OPERATE_FORKLIFT, confidence: 1 });
    expect(res.body.results[1].skills).toEqual([]);
  });

  it('answers bad input with a 400 naming the field', async () => {
    const staff = sys.token({ role: 'staff' });
    const cases: [string, string, unknown, string][] = [
      ['GET', '/api/v1/taxonomy/skills?q=', undefined, 'q'],
      ['GET', `/api/v1/taxonomy/skills?q=${'x'.repeat(101)}`, undefined, 'q'],
      ['GET', '/api/v1/taxonomy/occupations?q=kokk&lang=tlh', undefined, 'lang'],
      ['GET', '/api/v1/taxonomy/occupations/not-an-id', undefined, 'id'],
      ['POST', '/api/v1/taxonomy/normalise', { texts: Array.from({ length: 1001 }, () => 'x') }, 'texts'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await sys.api<{ fields?: { field: string }[] }>(method, path, { token: staff, body });
      expect([path.slice(0, 60), res.status]).toEqual([path.slice(0, 60), 400]);
      expect(res.body.fields?.map((f) => f.field)).toEqual([field]);
    }
    const missing = await sys.api(
      'GET',
      `/api/v1/taxonomy/occupations/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`,
      {
        token: staff,
      },
    );
    expect(missing.status).toBe(404);
  });
});
