import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  CandidateSearchResult,
  CandidateView,
  ImportReport,
  Page,
  ProfileAuditEntry,
} from '@brobygger/contracts';
import { eventually, newCandidate, startSystem, type RunningSystem } from '@brobygger/testing';

const FIXTURES = join(__dirname, '..', 'fixtures', 'candidates');

/** Candidate profiles through the gateway, as staff and as the candidate, against `npm start`'s system. */
describe('candidate profiles through the gateway', () => {
  let sys: RunningSystem;
  let staff: string;

  beforeAll(async () => {
    sys = await startSystem();
    staff = sys.token({ role: 'staff', sub: 'coach-1' });
  });
  afterAll(() => sys?.stop());

  const raw = async (contentType: string, body: string) => {
    const res = await fetch(`${sys.baseUrl}/api/v1/candidates/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}`, 'content-type': contentType },
      body,
    });
    return {
      status: res.status,
      body: (await res.json()) as ImportReport & { fields?: { field: string }[] },
    };
  };

  it('imports the sample spreadsheet (CSV) and JSON lines; sending them again stores nothing twice', async () => {
    for (const [file, type] of [
      ['sample.csv', 'text/csv; charset=utf-8'],
      ['sample.jsonl', 'application/x-ndjson'],
    ]) {
      const content = readFileSync(join(FIXTURES, file), 'utf8');
      const first = await raw(type, content);
      expect(first.status).toBe(200);
      expect(first.body.created).toBeGreaterThan(0);
      expect(first.body.errors.length).toBeGreaterThan(0); // each sample has a deliberately bad row
      for (const e of first.body.errors)
        expect(e).toEqual({
          line: expect.any(Number),
          field: expect.any(String),
          message: expect.any(String),
        });
      const again = await raw(type, content);
      expect(again.body.created).toBe(0);
      expect(again.body.existing).toHaveLength(first.body.created);
    }
    const wrongType = await raw('text/plain', 'a,b');
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.fields?.[0].field).toBe('content-type');
  });

  it('staff create, read (audited), update with a version, and erase; a stale version is a 409', async () => {
    const created = await sys.api<CandidateView>('POST', '/api/v1/candidates', {
      token: staff,
      body: newCandidate({ staffNotes: 'note', home: { postcode: '0580' }, skills: [{ text: 'forklift' }] }),
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await sys.api('GET', `/api/v1/candidates/${id}`, { token: staff })).status).toBe(200);
    const patched = await sys.api<CandidateView>('PATCH', `/api/v1/candidates/${id}`, {
      token: staff,
      body: { version: 1, commuteKm: 25, drives: true },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ version: 2, commuteKm: 25, drives: true, staffNotes: 'note' });
    const stale = await sys.api<{ fields: { field: string }[] }>('PATCH', `/api/v1/candidates/${id}`, {
      token: staff,
      body: { version: 1, commuteKm: 5 },
    });
    expect(stale.status).toBe(409);
    const nulls = await sys.api<{ fields: { field: string }[] }>('PATCH', `/api/v1/candidates/${id}`, {
      token: staff,
      body: { version: 2, fullName: null, availability: { from: '2027-13-01' } },
    });
    expect(nulls.status).toBe(400);
    expect(nulls.body.fields.map((f) => f.field).sort()).toEqual(['availability.from']);
    const nullName = await sys.api<{ fields: { field: string }[] }>('PATCH', `/api/v1/candidates/${id}`, {
      token: staff,
      body: { version: 2, fullName: null },
    });
    expect(nullName.status).toBe(400);
    expect(nullName.body.fields[0].field).toBe('fullName');
    expect(stale.body.fields[0].field).toBe('version');
    const audit = await sys.api<Page<ProfileAuditEntry>>('GET', `/api/v1/candidates/${id}/audit`, {
      token: staff,
    });
    expect(audit.body.items.map((e) => e.action)).toEqual(['update', 'view', 'create']);
    expect(audit.body.items.every((e) => e.actor === 'coach-1')).toBe(true);

    expect((await sys.api('DELETE', `/api/v1/candidates/${id}`, { token: staff })).status).toBe(204);
    expect((await sys.api('GET', `/api/v1/candidates/${id}`, { token: staff })).status).toBe(404);
  });

  it('a candidate reads and updates their own profile, but not staff notes or status', async () => {
    const created = await sys.api<CandidateView>('POST', '/api/v1/candidates', {
      token: staff,
      body: newCandidate({ staffNotes: 'only for staff' }),
    });
    const me = sys.token({ role: 'candidate', sub: 'cand-1', candidateId: created.body.id });
    const own = await sys.api<CandidateView>('GET', '/api/v1/me/profile', { token: me });
    expect(own.status).toBe(200);
    expect(own.body).not.toHaveProperty('staffNotes');
    const changed = await sys.api<CandidateView>('PATCH', '/api/v1/me/profile', {
      token: me,
      body: { version: 1, languages: [{ code: 'nb', spoken: 'B1' }], availability: { from: '2027-01-04' } },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.languages).toEqual([{ code: 'nb', spoken: 'B1' }]);
    const refused = await sys.api<{ fields: { field: string }[] }>('PATCH', '/api/v1/me/profile', {
      token: me,
      body: { version: 2, status: 'archived', staffNotes: 'mine now' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.fields.map((f) => f.field).sort()).toEqual(['staffNotes', 'status']);
    // Someone else's profile is not reachable with a candidate token at all.
    expect((await sys.api('GET', `/api/v1/candidates/${created.body.id}`, { token: me })).status).toBe(403);
  });

  it('searches with filters and facets, and refuses bad parameters naming them', async () => {
    const c = await sys.api<CandidateView>('POST', '/api/v1/candidates', {
      token: staff,
      body: newCandidate({
        skills: [{ text: 'operate forklift' }],
        languages: [
          { code: 'ar', native: true },
          { code: 'nb', spoken: 'B1' },
        ],
        home: { postcode: '0668' },
        drivingLicences: ['B'],
      }),
    });
    const found = await eventually(
      async () => {
        const res = await sys.api<CandidateSearchResult>(
          'GET',
          '/api/v1/candidates/search?q=forklfit&language=ar:native,nb:B1&nearMunicipality=Oslo&withinKm=20&drivingLicence=B&sort=distance',
          { token: staff },
        );
        return res.body.items.find((h) => h.id === c.body.id) ? res.body : undefined;
      },
      { what: 'the candidate in search' },
    );
    expect(found.facets.languages.map((f) => f.value)).toEqual(expect.arrayContaining(['ar', 'nb']));

    const bad = await sys.api<{ fields: { field: string }[] }>(
      'GET',
      '/api/v1/candidates/search?limit=500&language=nb:B9&near=95,10&withinKm=0&sort=best',
      { token: staff },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f) => f.field).sort()).toEqual(['language', 'limit', 'sort', 'withinKm']);
    const farAway = await sys.api<{ fields: { field: string }[] }>(
      'GET',
      '/api/v1/candidates/search?near=95,10',
      {
        token: staff,
      },
    );
    expect(farAway.status).toBe(400);
    expect(farAway.body.fields[0].field).toBe('near');
  });
});
