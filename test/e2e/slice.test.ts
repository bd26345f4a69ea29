import { Queue } from 'bullmq';
import { Client } from 'pg';
import type {
  CandidateSearchResult,
  CandidateView,
  EmployerView,
  MatchView,
  NotificationView,
  OpeningView,
  Page,
} from '@brobygger/contracts';
import { bullPrefix, redisOptions } from '@brobygger/platform';
import {
  eventually,
  newCandidate,
  newEmployer,
  newOpening,
  startSystem,
  type RunningSystem,
} from '@brobygger/testing';

/** The platform slice, through the gateway's HTTP API, against the five apps started as `npm start` does. */
describe('the slice through every wire', () => {
  let sys: RunningSystem;
  let staff: string;

  beforeAll(async () => {
    sys = await startSystem();
    staff = sys.token({ role: 'staff' });
  });
  afterAll(() => sys?.stop());

  async function countRows(table: string): Promise<number> {
    const db = new Client({ connectionString: sys.isolation.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ n: string }>(`select count(*) as n from ${table}`);
      return Number(rows[0].n);
    } finally {
      await db.end();
    }
  }

  it('health is 200 with every dependency and service up', async () => {
    const res = await sys.api<{ status: string; checks: Record<string, string> }>('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body.checks).toEqual({
      postgres: 'up',
      redis: 'up',
      meilisearch: 'up',
      candidates: 'up',
      employers: 'up',
      matching: 'up',
      taxonomy: 'up',
    });
  });

  it('answers liveness without a token', async () => {
    expect(await sys.api('GET', '/api/health/live')).toMatchObject({ status: 200, body: { status: 'up' } });
  });

  /** Openings are published for active partners: an employer with its partnership made active. */
  const activeEmployer = async () => {
    const employer = await sys.api<EmployerView>('POST', '/api/v1/employers', {
      token: staff,
      body: newEmployer(),
    });
    const active = await sys.api('POST', `/api/v1/employers/${employer.body.id}/partnership`, {
      token: staff,
      body: { status: 'active', reason: 'agreement signed' },
    });
    expect(active.status).toBe(200);
    return employer;
  };

  it('serves the OpenAPI document and UI without a token', async () => {
    const json = await sys.api<{ paths: Record<string, unknown>; info: { description: string } }>(
      'GET',
      '/api/docs-json',
    );
    expect(json.status).toBe(200);
    // CC BY 3.0: the postcode points' credit, linked, where the API's places and distances are documented.
    expect(json.body.info.description).toContain(
      '[Postnummerdata frå Erik Bolstad](http://www.erikbolstad.no/postnummer/)',
    );
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/candidates',
        '/api/v1/openings/{id}/publish',
        '/api/v1/me/notifications',
      ]),
    );
    expect((await sys.api('GET', '/api/docs')).status).toBe(200);
  });

  it('creates a candidate and finds them by a skill with a one-letter typo', async () => {
    const created = await sys.api<CandidateView>('POST', '/api/v1/candidates', {
      token: staff,
      body: newCandidate({ fullName: 'Amina Hassan', skills: [{ text: 'MIG welding', level: 4 }] }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ fullName: 'Amina Hassan', version: 1, status: 'active' });

    const hit = await eventually(
      async () => {
        const res = await sys.api<CandidateSearchResult>('GET', '/api/v1/candidates/search?q=weldng', {
          token: staff,
        });
        return res.body.items.find((h) => h.id === created.body.id);
      },
      { what: 'the candidate in search' },
    );
    expect(hit).toMatchObject({ id: created.body.id, fullName: 'Amina Hassan', status: 'active' });
    expect(hit.skills).toHaveLength(1); // the taxonomy's label for what was written as "MIG welding"
    // The search document holds no contact details.
    expect(Object.keys(hit)).not.toContain('email');
  });

  it('publishing an opening scores candidates, lists matches best first and notifies the best', async () => {
    const good = await sys.api<CandidateView>('POST', '/api/v1/candidates', {
      token: staff,
      body: newCandidate({ skills: [{ text: 'Forklift driving' }, { text: 'Warehouse work' }] }),
    });
    const partial = await sys.api<CandidateView>('POST', '/api/v1/candidates', {
      token: staff,
      body: newCandidate({ skills: [{ text: 'forklift driving' }] }),
    });
    const employer = await activeEmployer();
    expect(employer.status).toBe(201);
    const opening = await sys.api<OpeningView>('POST', `/api/v1/employers/${employer.body.id}/openings`, {
      token: staff,
      body: newOpening({
        mustHaveSkills: [{ text: 'forklift driving' }],
        niceToHaveSkills: [{ text: 'warehouse work' }],
      }),
    });
    expect(opening.status).toBe(201);
    expect(opening.body.status).toBe('draft');

    const published = await sys.api<OpeningView>('POST', `/api/v1/openings/${opening.body.id}/publish`, {
      token: staff,
    });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', version: 2 });

    const matches = await eventually(
      async () => {
        const res = await sys.api<Page<MatchView>>('GET', `/api/v1/openings/${opening.body.id}/matches`, {
          token: staff,
        });
        return res.status === 200 && res.body.items.length >= 2 ? res.body : undefined;
      },
      { what: 'two matches' },
    );
    expect(matches.items.slice(0, 2).map((m) => [m.candidateId, m.score])).toEqual([
      [good.body.id, 100],
      // Must-haves 45, nice-to-haves 10 and opening type 5 apply (the rest have nothing to compare), scaled to
      // 100: 75 + 16.7 + 8.3. The partial candidate lacks the nice-to-have: 75 + 0 + 8.3.
      [partial.body.id, 83.3],
    ]);
    // Below the store threshold (30) the opening keeps only its best few: here earlier tests' candidates,
    // who share nothing but the opening type.
    expect(matches.items.slice(2).every((m) => m.score < 30)).toBe(true);
    const partialMatch = matches.items[1];
    expect(Math.round(partialMatch.explanation.parts.reduce((s, p) => s + p.points, 0) * 10) / 10).toBe(83.3);
    expect(partialMatch.explanation.parts.find((p) => p.factor === 'nice-to-have skills')).toMatchObject({
      points: 0,
      maxPoints: 16.7,
    });
    expect(matches.items[0]).toMatchObject({ weightsVersion: 'w3', openingVersion: 2, candidateVersion: 1 });

    // The same match, seen by staff from the candidate's side, by the candidate, and on its own.
    const forCandidate = await sys.api<Page<MatchView>>(
      'GET',
      `/api/v1/candidates/${partial.body.id}/matches`,
      {
        token: staff,
      },
    );
    expect(forCandidate.body.items.map((m) => m.id)).toEqual([partialMatch.id]);
    const mine = await sys.api<Page<MatchView>>('GET', '/api/v1/me/matches', {
      token: sys.token({ role: 'candidate', candidateId: partial.body.id }),
    });
    expect(mine.body.items.map((m) => [m.id, m.score])).toEqual([[partialMatch.id, 83.3]]);
    const one = await sys.api<MatchView>('GET', `/api/v1/matches/${partialMatch.id}`, {
      token: sys.token({ role: 'candidate', candidateId: partial.body.id }),
    });
    expect(one.body.explanation.parts.length).toBeGreaterThan(0);
    const notMine = await sys.api('GET', `/api/v1/matches/${partialMatch.id}`, {
      token: sys.token({ role: 'candidate', candidateId: good.body.id }),
    });
    expect(notMine.status).toBe(403);
    const above90 = await sys.api<Page<MatchView>>(
      'GET',
      `/api/v1/openings/${opening.body.id}/matches?minScore=90`,
      {
        token: staff,
      },
    );
    expect(above90.body.items.map((m) => m.candidateId)).toEqual([good.body.id]);
    const rescore = await sys.api<{ queued: string }>('POST', `/api/v1/openings/${opening.body.id}/rescore`, {
      token: staff,
    });
    expect(rescore.status).toBe(202);

    const candidateToken = sys.token({ role: 'candidate', candidateId: good.body.id });
    const inbox = await eventually(
      async () => {
        const res = await sys.api<Page<NotificationView>>('GET', '/api/v1/me/notifications', {
          token: candidateToken,
        });
        return res.body.items.length ? res.body : undefined;
      },
      { what: 'a notification' },
    );
    expect(inbox.items).toEqual([
      expect.objectContaining({
        openingId: opening.body.id,
        kind: 'match',
        score: 100,
        lang: 'nb',
        dir: 'ltr',
      }),
    ]);
    const [note] = inbox.items;
    expect(note.reasons.length).toBeGreaterThan(0);

    // The candidate answers in the app; staff then see them first, with the answer.
    const answered = await sys.api<NotificationView>('POST', `/api/v1/notifications/${note.id}/reply`, {
      token: candidateToken,
      body: { answer: 'interested' },
    });
    expect(answered.status).toBe(200);
    expect(answered.body.reply).toBe('interested');
    const bad = await sys.api<{ fields: { field: string }[] }>(
      'POST',
      `/api/v1/notifications/${note.id}/reply`,
      {
        token: candidateToken,
        body: { answer: 'maybe' },
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f) => f.field)).toEqual(['answer']);
    const someoneElse = await sys.api('POST', `/api/v1/notifications/${note.id}/reply`, {
      token: sys.token({ role: 'candidate', candidateId: partial.body.id }),
      body: { answer: 'not-interested' },
    });
    expect(someoneElse.status).toBe(404);
    const read = await sys.api<NotificationView>('POST', `/api/v1/me/notifications/${note.id}/read`, {
      token: candidateToken,
    });
    expect(read.body.readAt).toBeDefined();
    const staffView = await sys.api<Page<MatchView>>('GET', `/api/v1/openings/${opening.body.id}/matches`, {
      token: staff,
    });
    expect(staffView.body.items[0]).toMatchObject({
      candidateId: good.body.id,
      reply: { answer: 'interested' },
    });

    // Staff send a match below the notify threshold by hand, once; the partial match was already sent.
    const low = matches.items[2];
    const byHand = await sys.api<NotificationView>('POST', `/api/v1/matches/${low.id}/notify`, {
      token: staff,
    });
    expect(byHand.status).toBe(201);
    expect(byHand.body).toMatchObject({ kind: 'manual', openingId: opening.body.id });
    expect((await sys.api('POST', `/api/v1/matches/${low.id}/notify`, { token: staff })).status).toBe(409);
    await eventually(
      async () =>
        (
          await sys.api<Page<NotificationView>>('GET', '/api/v1/me/notifications', {
            token: sys.token({ role: 'candidate', candidateId: partial.body.id }),
          })
        ).body.items.length === 1,
      { what: "the partial candidate's automatic notification" },
    );
    expect(
      (await sys.api('POST', `/api/v1/matches/${partialMatch.id}/notify`, { token: staff })).status,
    ).toBe(409);
    const failed = await sys.api<Page<unknown>>('GET', '/api/v1/notifications?status=failed', {
      token: staff,
    });
    expect(failed.status).toBe(200);
    expect((await sys.api('GET', '/api/v1/notifications?status=lost', { token: staff })).status).toBe(400);

    // A reply link that is not one gets a page, not JSON, and changes nothing.
    const page = await fetch(`${sys.baseUrl}/r/not-a-token`);
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<html');

    // The employer sees the same matches, but not who the candidates are until they agree to share it.
    const employerToken = sys.token({ role: 'employer', employerId: employer.body.id });
    const forEmployer = () =>
      sys.api<Page<MatchView>>('GET', `/api/v1/openings/${opening.body.id}/matches?minScore=30`, {
        token: employerToken,
      });
    const anonymous = await forEmployer();
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.items.map((m) => m.score)).toEqual([100, 83.3]);
    for (const m of anonymous.body.items) {
      expect(m).not.toHaveProperty('candidateId');
      expect(m.candidate).toEqual({ alias: expect.stringMatching(/^Kandidat [0-9A-F]{6}$/) });
    }
    expect(JSON.stringify(anonymous.body)).not.toContain(good.body.id);
    const shared = await sys.api('PATCH', `/api/v1/candidates/${good.body.id}`, {
      token: staff,
      body: { version: good.body.version, consent: { shareWithEmployers: true } },
    });
    expect(shared.status).toBe(200);
    const named = await eventually(
      async () => {
        const res = await forEmployer();
        return res.body.items[0]?.candidate?.fullName ? res.body : undefined;
      },
      { what: "the consenting candidate's name in the employer's view" },
    );
    expect(named.items[0]).toMatchObject({
      candidateId: good.body.id,
      candidate: { alias: anonymous.body.items[0].candidate!.alias, fullName: good.body.fullName },
    });
    expect(named.items[1]).not.toHaveProperty('candidateId');
    const otherEmployer = sys.token({ role: 'employer', employerId: '00000000-0000-4000-8000-000000000001' });
    expect(
      (await sys.api('GET', `/api/v1/openings/${opening.body.id}/matches`, { token: otherEmployer })).status,
    ).toBe(403);

    // Publishing again is a conflict.
    const again = await sys.api('POST', `/api/v1/openings/${opening.body.id}/publish`, { token: staff });
    expect(again.status).toBe(409);
  });

  it('publishes once when asked several times at once: one 200, the rest 409', async () => {
    const employer = await activeEmployer();
    const opening = await sys.api<OpeningView>('POST', `/api/v1/employers/${employer.body.id}/openings`, {
      token: staff,
      body: newOpening(),
    });
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        sys.api('POST', `/api/v1/openings/${opening.body.id}/publish`, { token: staff }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
  });

  it('refuses a missing token (401) and the wrong role (403)', async () => {
    expect((await sys.api('GET', '/api/v1/candidates/search?q=x')).status).toBe(401);
    expect((await sys.api('GET', '/api/v1/candidates/search?q=x', { token: 'not.a.jwt' })).status).toBe(401);
    const employerToken = sys.token({ role: 'employer', employerId: '00000000-0000-4000-8000-000000000001' });
    const res = await sys.api<{ error: string }>('GET', '/api/v1/candidates/search?q=x', {
      token: employerToken,
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('forbidden');
  });

  it('names every bad field with 400 and writes nothing', async () => {
    const before = await countRows('candidates.candidate');
    const res = await sys.api<{ fields: { field: string }[] }>('POST', '/api/v1/candidates', {
      token: staff,
      body: {
        fullName: '',
        preferredLanguage: 'arabic',
        skills: [{ text: 'x', level: 9 }],
        consent: {},
        extra: 1,
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f) => f.field).sort()).toEqual([
      'consent.notifyInApp',
      'consent.searchable',
      'consent.shareWithEmployers',
      'extra',
      'fullName',
      'preferredLanguage',
      'skills.0.level',
    ]);
    expect(await countRows('candidates.candidate')).toBe(before);
    expect(await countRows('candidates.outbox')).toBe(0);
  });

  it('refuses what used to be a 500 at the edge, naming the field: deep JSON, NUL, prototype keys, bad encoding', async () => {
    const before = await countRows('candidates.candidate');
    const post = async (raw: string) => {
      const res = await fetch(`${sys.baseUrl}/api/v1/candidates`, {
        method: 'POST',
        headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' },
        body: raw,
      });
      return { status: res.status, fields: ((await res.json()) as { fields?: { field: string }[] }).fields };
    };
    const candidate = JSON.stringify(newCandidate()).slice(0, -1);
    // 10,000 levels is 20 kB, far under the body limit; class-transformer overflowed the stack on it.
    const deep = await post(`${candidate},"skills":${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
    expect(deep.status).toBe(400);
    expect(deep.fields?.[0].field).toMatch(/^skills(\.0)+$/);
    const nul = await post(`${candidate},"fullName":"A\\u0000B"}`);
    expect(nul).toEqual({ status: 400, fields: [expect.objectContaining({ field: 'fullName' })] });
    const proto = await post(`${candidate},"__proto__":{"status":"active"}}`);
    expect(proto).toEqual({ status: 400, fields: [expect.objectContaining({ field: '__proto__' })] });
    expect(await post(`${candidate},"notificationDigest":null}`)).toMatchObject({ status: 400 });
    expect(await countRows('candidates.candidate')).toBe(before);

    const search = await sys.api<{ fields: { field: string }[] }>(
      'GET',
      '/api/v1/candidates/search?q=%E0%A4%A',
      {
        token: staff,
      },
    );
    expect(search.status).toBe(400);
    expect(search.body.fields.map((f) => f.field)).toEqual(['q']);
  });

  it('keeps domain errors raised behind the transport: 404, 409 and 400 from the services', async () => {
    const missing = await sys.api<{ error: string }>(
      'GET',
      '/api/v1/candidates/00000000-0000-4000-8000-000000000000',
      { token: staff },
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('not_found');

    const body = newEmployer();
    expect((await sys.api('POST', '/api/v1/employers', { token: staff, body })).status).toBe(201);
    const dup = await sys.api<{ fields: { field: string }[] }>('POST', '/api/v1/employers', {
      token: staff,
      body,
    });
    expect(dup.status).toBe(409);
    expect(dup.body.fields[0].field).toBe('orgNumber');

    const badChecksum = await sys.api<{ fields: { field: string }[] }>('POST', '/api/v1/employers', {
      token: staff,
      body: newEmployer({ orgNumber: '923609017' }),
    });
    expect(badChecksum.status).toBe(400);
    expect(badChecksum.body.fields[0].field).toBe('orgNumber');
  });

  it('refuses to publish an opening without must-have skills: 422 naming the field, still a draft', async () => {
    const employer = await activeEmployer();
    const opening = await sys.api<OpeningView>('POST', `/api/v1/employers/${employer.body.id}/openings`, {
      token: staff,
      body: newOpening({ mustHaveSkills: [] }),
    });
    const res = await sys.api<{ error: string; fields: { field: string }[] }>(
      'POST',
      `/api/v1/openings/${opening.body.id}/publish`,
      { token: staff },
    );
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('unprocessable');
    expect(res.body.fields.map((f) => f.field)).toEqual(['mustHaveSkills']);
    const after = await sys.api<OpeningView>('GET', `/api/v1/openings/${opening.body.id}`, { token: staff });
    expect(after.body).toMatchObject({ status: 'draft', version: 1 });
  });

  it('an employer user cannot open another employer', async () => {
    const other = await sys.api<EmployerView>('POST', '/api/v1/employers', {
      token: staff,
      body: newEmployer(),
    });
    const mine = await sys.api<EmployerView>('POST', '/api/v1/employers', {
      token: staff,
      body: newEmployer(),
    });
    const token = sys.token({ role: 'employer', employerId: mine.body.id });
    expect((await sys.api('GET', `/api/v1/employers/${mine.body.id}`, { token })).status).toBe(200);
    expect((await sys.api('GET', `/api/v1/employers/${other.body.id}`, { token })).status).toBe(403);
  });

  it('carries the request id from HTTP over RPC into the jobs the change causes', async () => {
    const created = await sys.api<CandidateView>('POST', '/api/v1/candidates', {
      token: staff,
      body: newCandidate(),
      headers: { 'x-request-id': 'trace-abc-12345' },
    });
    expect(created.headers.get('x-request-id')).toBe('trace-abc-12345');
    const { redisUrl, redisPrefix } = sys.isolation;
    const queue = new Queue('search-index', {
      connection: redisOptions(redisUrl),
      prefix: bullPrefix(redisPrefix),
    });
    try {
      const job = await eventually(() => queue.getJob(`cidx.${created.body.id}.1`), {
        what: 'the index job',
      });
      expect(job.data).toEqual({ candidateId: created.body.id, requestId: 'trace-abc-12345' });
    } finally {
      await queue.close();
    }
  });
});
