import type { EmployerView, OpeningSuggestions, OpeningView, Page } from '@brobygger/contracts';
import { newEmployer, newOpening, startSystem, type RunningSystem } from '@brobygger/testing';

/** Employers, partnerships and openings through the gateway, as staff, an employer user and a candidate. */
describe('employers and openings through the gateway', () => {
  let sys: RunningSystem;
  let staff: string;

  beforeAll(async () => {
    sys = await startSystem();
    staff = sys.token({ role: 'staff', sub: 'coach-1' });
  });
  afterAll(() => sys?.stop());

  it('an employer user drafts, is told why it cannot publish yet, and publishes once the partnership is active', async () => {
    const employer = await sys.api<EmployerView>('POST', '/api/v1/employers', {
      token: staff,
      body: newEmployer({ address: { postcode: '0580' } }),
    });
    expect(employer.status).toBe(201);
    const me = sys.token({ role: 'employer', sub: 'hr-1', employerId: employer.body.id });

    const draft = await sys.api<OpeningView>('POST', `/api/v1/employers/${employer.body.id}/openings`, {
      token: me,
      body: newOpening({
        title: 'Lagermedarbeider',
        type: 'work-trial',
        description: 'Vi ser etter en ung og sprek medarbeider som kan kjøre truck.',
        mustHaveSkills: [{ text: 'operate forklift' }],
        durationWeeks: 8,
        mentor: true,
      }),
    });
    expect(draft.status).toBe(201);
    expect(draft.body.screening?.length).toBeGreaterThan(0);

    const notActive = await sys.api<{ fields: { field: string }[] }>(
      'POST',
      `/api/v1/openings/${draft.body.id}/publish`,
      {
        token: me,
      },
    );
    expect(notActive.status).toBe(409);
    expect(notActive.body.fields[0].field).toBe('partnership');

    // Only staff change the partnership.
    const denied = await sys.api('POST', `/api/v1/employers/${employer.body.id}/partnership`, {
      token: me,
      body: { status: 'active', reason: 'we say so' },
    });
    expect(denied.status).toBe(403);
    await sys.api('POST', `/api/v1/employers/${employer.body.id}/partnership`, {
      token: staff,
      body: { status: 'active', reason: 'agreement signed', commitments: { internshipPlacesPerYear: 3 } },
    });

    const flagged = await sys.api<{ fields: { field: string }[] }>(
      'POST',
      `/api/v1/openings/${draft.body.id}/publish`,
      {
        token: me,
      },
    );
    expect(flagged.status).toBe(409);
    expect(flagged.body.fields[0].field).toBe('screening');
    const edited = await sys.api<OpeningView>('PATCH', `/api/v1/openings/${draft.body.id}`, {
      token: me,
      body: {
        version: draft.body.version,
        description: 'Vi ser etter en blid medarbeider som kan kjøre truck.',
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.screening).toEqual([]);
    const published = await sys.api<OpeningView>('POST', `/api/v1/openings/${draft.body.id}/publish`, {
      token: me,
    });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');

    const suggestions = await sys.api<OpeningSuggestions>(
      'GET',
      `/api/v1/openings/${draft.body.id}/suggestions`,
      {
        token: me,
      },
    );
    expect(suggestions.status).toBe(200);
    expect(suggestions.body.skills.length).toBeGreaterThan(0);

    // The form asks before saving, with the title typed so far; a candidate may not, and no title is a 400.
    const forDraft = await sys.api<OpeningSuggestions>('POST', '/api/v1/openings/suggestions', {
      token: me,
      body: { title: 'Lærling kokk' },
    });
    expect(forDraft.status).toBe(200);
    expect(forDraft.body.occupations[0]).toMatchObject({ label: 'kokk', source: 'title' });
    expect(forDraft.body.skills.length).toBeGreaterThan(0);
    const noTitle = await sys.api<{ fields: { field: string }[] }>('POST', '/api/v1/openings/suggestions', {
      token: me,
      body: { description: 'Kokk til kantine' },
    });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.fields.map((f) => f.field)).toEqual(['title']);

    // A candidate sees it, without what is internal; another employer does not.
    const candidate = sys.token({
      role: 'candidate',
      sub: 'c-1',
      candidateId: '00000000-0000-4000-8000-000000000001',
    });
    const list = await sys.api<Page<OpeningView>>('GET', '/api/v1/openings?type=work-trial', {
      token: candidate,
    });
    expect(
      (await sys.api('POST', '/api/v1/openings/suggestions', { token: candidate, body: { title: 'kokk' } }))
        .status,
    ).toBe(403);
    expect(list.body.items.map((o) => o.id)).toContain(draft.body.id);
    expect(list.body.items[0]).not.toHaveProperty('screening');
    const stranger = sys.token({
      role: 'employer',
      sub: 'hr-2',
      employerId: '00000000-0000-4000-8000-000000000002',
    });
    expect((await sys.api('GET', `/api/v1/openings/${draft.body.id}`, { token: stranger })).status).toBe(403);

    const closed = await sys.api<OpeningView>('POST', `/api/v1/openings/${draft.body.id}/close`, {
      token: me,
      body: { outcome: 'filled', reason: 'hired after the trial' },
    });
    expect(closed.body.status).toBe('filled');
  });

  it('refuses a bad organisation number, a start before the deadline and unknown ids with 400 naming them', async () => {
    const bad = await sys.api<{ fields: { field: string }[] }>('POST', '/api/v1/employers', {
      token: staff,
      body: newEmployer({ orgNumber: '123456789' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe('orgNumber');
    const employer = await sys.api<EmployerView>('POST', '/api/v1/employers', {
      token: staff,
      body: newEmployer(),
    });
    const res = await sys.api<{ fields: { field: string }[] }>(
      'POST',
      `/api/v1/employers/${employer.body.id}/openings`,
      {
        token: staff,
        body: newOpening({
          applicationDeadline: '2099-05-01',
          startDate: '2099-04-01',
          occupationId: 'occupation/00000000-0000-4000-8000-000000000000',
        }),
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f) => f.field).sort()).toEqual(['occupationId', 'startDate']);
  });
});
