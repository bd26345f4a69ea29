import type { INestMicroservice } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import {
  Conflict,
  Forbidden,
  NotFound,
  Patterns,
  Unprocessable,
  ValidationFailed,
  type Actor,
  type EmployerView,
  type OpeningSuggestions,
  type OpeningView,
  type Page,
} from '@brobygger/contracts';
import { bullPrefix, redisOptions, requestContext, type RpcCaller } from '@brobygger/platform';
import { eventually, isolate, newEmployer, newOpening, type Isolation } from '@brobygger/testing';
import { OpeningsService } from '../../apps/employers/src/openings.service';
import { rpcClient, startEmployersService, startTaxonomyService } from './support/services';

// Real ESCO ids from the taxonomy fixture.
const WELDER = 'occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b';
const OPERATE_FORKLIFT = 'skill/28cb374e-6261-4133-8371-f9a5470145da';

const staff: Actor = { sub: 'coach-1', role: 'staff' };

describe('employers service over RPC', () => {
  let iso: Isolation;
  let taxonomy: INestMicroservice;
  let app: INestMicroservice;
  let rpc: RpcCaller;
  let closeRpc: () => Promise<void>;
  let db: Client;

  beforeAll(async () => {
    iso = await isolate();
    taxonomy = await startTaxonomyService(iso);
    app = await startEmployersService(iso);
    ({ rpc, close: closeRpc } = await rpcClient(iso));
    db = new Client({ connectionString: iso.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await closeRpc?.();
    await app?.close();
    await taxonomy?.close();
  });

  const as = <T>(actor: Actor, fn: () => Promise<T>) =>
    requestContext.run({ requestId: `r-${Math.random().toString(36).slice(2)}`, actor }, fn);
  const call = <T>(pattern: string, data: unknown, actor: Actor = staff) =>
    as(actor, () => rpc.call<T>(pattern as never, data));
  const fieldsOf = async (
    p: Promise<unknown>,
    cls: abstract new (...a: never[]) => Error = ValidationFailed,
  ) => {
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(cls);
    return ((err as ValidationFailed).fields ?? []).map((f) => f.field).sort();
  };
  const outbox = async (openingId: string) =>
    (
      await db.query<{ job_name: string; job_id: string }>(
        `select job_name, job_id from employers.outbox where payload->>'openingId' = $1 order by id`,
        [openingId],
      )
    ).rows;
  const activeEmployer = async () => {
    const e = await call<EmployerView>(
      Patterns.employers.create,
      newEmployer({ address: { postcode: '0668' } }),
    );
    await call(Patterns.employers.changePartnership, {
      id: e.id,
      change: { status: 'active', reason: 'signed' },
    });
    return e;
  };

  it('registers an employer: MOD11 and duplicates checked, address resolved, partnership history kept', async () => {
    expect(await fieldsOf(call(Patterns.employers.create, newEmployer({ orgNumber: '923609017' })))).toEqual([
      'orgNumber',
    ]);
    const e = await call<EmployerView>(
      Patterns.employers.create,
      newEmployer({
        nace: '25.110',
        address: { street: 'Strømsveien 245', postcode: '0668' },
        contacts: [{ name: 'Kari Nordmann', role: 'HR', email: 'Kari@Example.org' }],
      }),
    );
    expect(e.address).toMatchObject({ municipality: '0301', municipalityName: 'Oslo' });
    expect(e.contacts).toEqual([
      { id: expect.any(String), name: 'Kari Nordmann', role: 'HR', email: 'kari@example.org' },
    ]);
    expect(e.partnership).toMatchObject({ status: 'prospect', history: [{ from: null, to: 'prospect' }] });
    expect(
      await fieldsOf(call(Patterns.employers.create, newEmployer({ orgNumber: e.orgNumber })), Conflict),
    ).toEqual(['orgNumber']);

    const changed = await call<EmployerView>(Patterns.employers.changePartnership, {
      id: e.id,
      change: {
        status: 'active',
        reason: 'Agreement signed',
        agreementFrom: '2027-01-01',
        agreementTo: '2027-12-31',
        commitments: { internshipPlacesPerYear: 4, mentors: 2 },
      },
    });
    expect(changed.partnership).toMatchObject({
      status: 'active',
      commitments: { internshipPlacesPerYear: 4, mentors: 2 },
      history: [
        { to: 'prospect' },
        { from: 'prospect', to: 'active', by: 'coach-1', reason: 'Agreement signed' },
      ],
    });
    expect(
      await fieldsOf(
        call(Patterns.employers.changePartnership, {
          id: e.id,
          change: { status: 'paused', reason: 'x', agreementFrom: '2027-05-01', agreementTo: '2027-01-01' },
        }),
      ),
    ).toEqual(['agreementTo']);
  });

  it('an employer user keeps their own contacts, and reaches nothing of another employer', async () => {
    const mine = await activeEmployer();
    const other = await activeEmployer();
    const me: Actor = { sub: 'emp-1', role: 'employer', employerId: mine.id };
    const c = await call<{ id: string }>(
      Patterns.employers.addContact,
      { employerId: mine.id, contact: { name: 'Ola' } },
      me,
    );
    await call(
      Patterns.employers.updateContact,
      { employerId: mine.id, contactId: c.id, contact: { name: 'Ola N', phone: '+47 900 00 000' } },
      me,
    );
    expect((await call<EmployerView>(Patterns.employers.get, { id: mine.id }, me)).contacts).toContainEqual({
      id: c.id,
      name: 'Ola N',
      phone: '+4790000000',
    });
    await expect(call(Patterns.employers.get, { id: other.id }, me)).rejects.toBeInstanceOf(Forbidden);
    await expect(
      call(Patterns.employers.addContact, { employerId: other.id, contact: { name: 'X' } }, me),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(
      call(
        Patterns.employers.changePartnership,
        { id: mine.id, change: { status: 'ended', reason: 'x' } },
        me,
      ),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(
      call(
        Patterns.employers.addInteraction,
        { employerId: mine.id, interaction: { kind: 'call', on: '2026-11-20', notes: 'x' } },
        me,
      ),
    ).rejects.toBeInstanceOf(Forbidden);
  });

  it('refuses input that used to reach a 500 or be stored and break matching, naming the field', async () => {
    const count = async (table: string) =>
      Number((await db.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0].n);
    const employers = await count('employers.employer');
    expect(
      await fieldsOf(call(Patterns.employers.create, newEmployer({ name: 'Fjord\u0000Sveis' }))),
    ).toEqual(['name']);
    expect(await fieldsOf(call(Patterns.employers.create, { ...newEmployer(), contacts: [[]] }))).toEqual([
      'contacts',
    ]);
    expect(await fieldsOf(call(Patterns.employers.create, { ...newEmployer(), address: [] }))).toEqual([
      'address',
    ]);
    expect(
      await fieldsOf(
        call(Patterns.employers.create, {
          ...newEmployer(),
          contacts: [{ name: 'Kari', email: 'k\udc00@x.no' }],
        }),
      ),
    ).toEqual(['contacts.0.email']);
    expect(await count('employers.employer')).toBe(employers);

    const e = await activeEmployer();
    const openings = await count('employers.opening');
    const opening = (o: object) => call(Patterns.employers.createOpening, { employerId: e.id, opening: o });
    expect(await fieldsOf(opening({ ...newOpening(), languages: { others: [[]] } }))).toEqual([
      'opening.languages.others',
    ]);
    expect(
      await fieldsOf(opening({ ...newOpening(), languages: { others: [{ code: 'xx', min: 'B1' }] } })),
    ).toEqual(['opening.languages.others.0.code']);
    expect(await fieldsOf(opening({ ...newOpening(), mustHaveSkills: [[]] }))).toEqual([
      'opening.mustHaveSkills',
    ]);
    expect(await count('employers.opening')).toBe(openings);
  });

  it('takes an organisation number written in groups, as people write it', async () => {
    const { orgNumber, ...rest } = newEmployer();
    const spaced = `${orgNumber.slice(0, 3)} ${orgNumber.slice(3, 6)} ${orgNumber.slice(6)}`;
    const e = await call<EmployerView>(Patterns.employers.create, { ...rest, orgNumber: spaced });
    expect(e.orgNumber).toBe(orgNumber);
  });

  it('resolves opening skills through the taxonomy and refuses bad input naming each field, storing nothing', async () => {
    const e = await activeEmployer();
    const before = Number((await db.query('select count(*) as n from employers.opening')).rows[0].n);
    expect(
      await fieldsOf(
        call(Patterns.employers.createOpening, {
          employerId: e.id,
          opening: newOpening({
            occupationId: 'occupation/00000000-0000-4000-8000-000000000000',
            mustHaveSkills: [{ skillId: 'skill/00000000-0000-4000-8000-000000000000' }],
            applicationDeadline: '2020-01-01',
          }),
        }),
      ),
    ).toEqual(['applicationDeadline', 'mustHaveSkills.0.skillId', 'occupationId']);
    expect(
      await fieldsOf(
        call(Patterns.employers.createOpening, {
          employerId: e.id,
          opening: newOpening({ applicationDeadline: '2099-03-01', startDate: '2099-02-01' }),
        }),
      ),
    ).toEqual(['startDate']);
    expect(Number((await db.query('select count(*) as n from employers.opening')).rows[0].n)).toBe(before);

    const o = await call<OpeningView>(Patterns.employers.createOpening, {
      employerId: e.id,
      opening: newOpening({
        occupationId: WELDER,
        mustHaveSkills: [{ text: 'operate forklift', minLevel: 3 }, { skillId: OPERATE_FORKLIFT }],
        niceToHaveSkills: [{ text: 'zzqx' }],
      }),
    });
    expect(o.mustHaveSkills).toEqual([
      {
        skillId: OPERATE_FORKLIFT,
        label: 'operate forklift',
        confidence: 1,
        certainty: 'sure',
        source: 'esco',
        text: 'operate forklift',
        minLevel: 3,
      },
    ]);
    expect(o.niceToHaveSkills).toEqual([{ skillId: null, label: null, text: 'zzqx', certainty: 'none' }]);
    expect(o.workplace).toMatchObject({ municipality: '0301', mode: 'on-site' }); // the employer's address
  });

  it('flags discriminating wording; publishing waits for an active partnership and acknowledged flags', async () => {
    const prospect = await call<EmployerView>(Patterns.employers.create, newEmployer());
    const draft = await call<OpeningView>(Patterns.employers.createOpening, {
      employerId: prospect.id,
      opening: newOpening(),
    });
    expect(await fieldsOf(call(Patterns.employers.publishOpening, { id: draft.id }), Conflict)).toEqual([
      'partnership',
    ]);

    const e = await activeEmployer();
    const o = await call<OpeningView>(Patterns.employers.createOpening, {
      employerId: e.id,
      opening: newOpening({
        description: 'Vi søker en sveiser med norsk som morsmål, gjerne mellom 25 og 35 år.',
      }),
    });
    expect(o.screening?.map((f) => f.category).sort()).toEqual(['age', 'native-language']);
    expect(await fieldsOf(call(Patterns.employers.publishOpening, { id: o.id }), Conflict)).toEqual([
      'screening',
    ]);
    // Changing the text removes one flag; the other is acknowledged with a note.
    const edited = await call<OpeningView>(Patterns.employers.updateOpening, {
      id: o.id,
      patch: { version: o.version, description: 'Vi søker en sveiser med norsk som morsmål.' },
    });
    expect(edited.screening).toHaveLength(1);
    await call(Patterns.employers.acknowledgeFlags, {
      id: o.id,
      ack: { keys: [edited.screening![0].key], note: 'Reviewed with the employer' },
    });
    const published = await call<OpeningView>(Patterns.employers.publishOpening, { id: o.id });
    expect(published.status).toBe('published');
    expect(published.screening![0].acknowledged).toMatchObject({
      by: 'coach-1',
      note: 'Reviewed with the employer',
    });

    const none = await call<OpeningView>(Patterns.employers.createOpening, {
      employerId: e.id,
      opening: newOpening({ mustHaveSkills: [] }),
    });
    expect(await fieldsOf(call(Patterns.employers.publishOpening, { id: none.id }), Unprocessable)).toEqual([
      'mustHaveSkills',
    ]);
  });

  it('publishing, requirement changes and closing each leave a durable event; a deadline closes by a delayed job', async () => {
    const e = await activeEmployer();
    const o = await call<OpeningView>(Patterns.employers.createOpening, {
      employerId: e.id,
      opening: newOpening({ applicationDeadline: '2099-12-01' }),
    });
    const p = await call<OpeningView>(Patterns.employers.publishOpening, { id: o.id });
    await call(Patterns.employers.updateOpening, {
      id: o.id,
      patch: { version: p.version, internalNotes: 'call Kari' },
    });
    const afterNotes = await call<OpeningView>(Patterns.employers.getOpening, { id: o.id });
    await call(Patterns.employers.updateOpening, {
      id: o.id,
      patch: { version: afterNotes.version, mustHaveSkills: [{ text: 'operate forklift' }] },
    });
    // The relay may already have moved rows; what reached BullMQ or waits in the outbox, together:
    const queue = new Queue('matching', {
      connection: redisOptions(iso.redisUrl),
      prefix: bullPrefix(iso.redisPrefix),
    });
    const deadlines = new Queue('openings', {
      connection: redisOptions(iso.redisUrl),
      prefix: bullPrefix(iso.redisPrefix),
    });
    try {
      await eventually(async () => (await outbox(o.id)).length === 0, { what: 'the outbox relayed' });
      const changed = (await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']))
        .filter((j) => j.data.openingId === o.id)
        .map((j) => j.id)
        .sort();
      // Published (v2) and the skill change (v4); the internal note (v3) is no change to matching.
      expect(changed).toEqual([`ochg.${o.id}.2`, `ochg.${o.id}.4`]);
      const delayed = await deadlines.getJob(`odl.${o.id}.2099-12-01.2.first`);
      expect(delayed?.opts.delay).toBeGreaterThan(0);
    } finally {
      await queue.close();
      await deadlines.close();
    }

    // The deadline job does nothing before the day is over, and closes the opening after it.
    const openings = app.get(OpeningsService);
    await openings.deadlineReached(o.id, '2099-12-01');
    expect((await call<OpeningView>(Patterns.employers.getOpening, { id: o.id })).status).toBe('published');
    await db.query(`update employers.opening set application_deadline = '2020-01-01' where id = $1`, [o.id]);
    await openings.deadlineReached(o.id, '2020-01-01');
    await openings.deadlineReached(o.id, '2020-01-01'); // twice: still one close
    const closed = await call<OpeningView>(Patterns.employers.getOpening, { id: o.id });
    expect(closed.status).toBe('closed');
    expect(closed.closeReason).toBe('application deadline passed');
    await expect(
      call(Patterns.employers.updateOpening, { id: o.id, patch: { version: closed.version, title: 'x' } }),
    ).rejects.toBeInstanceOf(Conflict);
  });

  it('a published opening stays within the rules; nulls are 400s; a mode alone keeps the workplace', async () => {
    const e = await activeEmployer();
    const o = await call<OpeningView>(Patterns.employers.createOpening, {
      employerId: e.id,
      opening: newOpening(),
    });
    const p = await call<OpeningView>(Patterns.employers.publishOpening, { id: o.id });
    expect(
      await fieldsOf(
        call(Patterns.employers.updateOpening, {
          id: o.id,
          patch: { version: p.version, description: 'Søker må ha norsk som morsmål.' },
        }),
        Conflict,
      ),
    ).toEqual(['screening']);
    expect(
      await fieldsOf(
        call(Patterns.employers.updateOpening, {
          id: o.id,
          patch: { version: p.version, mustHaveSkills: [] },
        }),
        Unprocessable,
      ),
    ).toEqual(['mustHaveSkills']);
    expect(
      await fieldsOf(
        call(Patterns.employers.updateOpening, {
          id: o.id,
          patch: { version: p.version, positions: null, mentor: null },
        }),
      ),
    ).toEqual(['mentor', 'positions']);
    // Over RPC the change is nested under `patch`; through the gateway the field is mustHaveSkills.0.skillId.
    expect(
      await fieldsOf(
        call(Patterns.employers.updateOpening, {
          id: o.id,
          patch: { version: p.version, mustHaveSkills: [{ text: null }] },
        }),
      ),
    ).toEqual(['patch.mustHaveSkills.0.skillId']);
    const remote = await call<OpeningView>(Patterns.employers.updateOpening, {
      id: o.id,
      patch: { version: p.version, workplace: { mode: 'remote' } },
    });
    expect(remote.workplace).toMatchObject({ mode: 'remote', municipality: '0301', postcode: '0668' });
    expect((await call<OpeningView>(Patterns.employers.getOpening, { id: o.id })).status).toBe('published');

    // A contact changed in part keeps the rest; an employer user asking for another's openings is refused.
    const me: Actor = { sub: 'emp-2', role: 'employer', employerId: e.id };
    const c = await call<{ id: string }>(
      Patterns.employers.addContact,
      { employerId: e.id, contact: { name: 'Kari', email: 'kari@example.org' } },
      me,
    );
    const changed = await call<{ email?: string; role?: string }>(
      Patterns.employers.updateContact,
      { employerId: e.id, contactId: c.id, contact: { role: 'HR' } },
      me,
    );
    expect(changed).toMatchObject({ email: 'kari@example.org', role: 'HR' });
    const other = await activeEmployer();
    await expect(
      call(Patterns.employers.listOpenings, { employer: other.id, limit: 20, offset: 0 }, me),
    ).rejects.toBeInstanceOf(Forbidden);
  });

  it('candidates see published openings only, without internal notes or screening', async () => {
    const e = await activeEmployer();
    const draft = await call<OpeningView>(Patterns.employers.createOpening, {
      employerId: e.id,
      opening: newOpening({ internalNotes: 'secret' }),
    });
    const pub = await call<OpeningView>(Patterns.employers.createOpening, {
      employerId: e.id,
      opening: newOpening({ internalNotes: 'secret', type: 'internship' }),
    });
    await call(Patterns.employers.publishOpening, { id: pub.id });
    const candidate: Actor = {
      sub: 'c-1',
      role: 'candidate',
      candidateId: '00000000-0000-4000-8000-000000000001',
    };
    const seen = await call<Page<OpeningView>>(
      Patterns.employers.listOpenings,
      { employer: e.id, limit: 20, offset: 0 },
      candidate,
    );
    expect(seen.items.map((x) => x.id)).toEqual([pub.id]);
    expect(seen.items[0]).not.toHaveProperty('internalNotes');
    expect(seen.items[0]).not.toHaveProperty('screening');
    await expect(call(Patterns.employers.getOpening, { id: draft.id }, candidate)).rejects.toBeInstanceOf(
      NotFound,
    );
    const internships = await call<Page<OpeningView>>(Patterns.employers.listOpenings, {
      employer: e.id,
      type: ['internship'],
      status: ['published'],
      limit: 20,
      offset: 0,
    });
    expect(internships.items.map((x) => x.id)).toEqual([pub.id]);
  });

  it('suggests an occupation from the title and skills from the occupation and the description, each with its source', async () => {
    const e = await activeEmployer();
    const o = await call<OpeningView>(Patterns.employers.createOpening, {
      employerId: e.id,
      opening: newOpening({
        title: 'Sveiser',
        description: 'You will operate a forklift in the warehouse and weld steel parts.',
        mustHaveSkills: [{ skillId: OPERATE_FORKLIFT }],
      }),
    });
    const s = await call<OpeningSuggestions>(Patterns.employers.suggestions, { id: o.id });
    expect(s.occupations[0]).toMatchObject({ id: WELDER, source: 'title' });
    expect(s.skills.some((x) => x.sources.includes('occupation-essential'))).toBe(true);
    const forklift = s.skills.find((x) => x.skillId === OPERATE_FORKLIFT);
    expect(forklift).toMatchObject({ chosen: true });
    expect(forklift?.sources).toContain('description');
  });

  it('suggests the same for an opening still being written, from its title alone or with its skills', async () => {
    const s = await call<OpeningSuggestions>(Patterns.employers.suggestForDraft, {
      title: 'Sveiser (praksisplass)',
    });
    expect(s.occupations[0]).toMatchObject({ id: WELDER, source: 'title' });
    expect(s.skills.some((x) => x.sources.includes('occupation-essential'))).toBe(true);
    expect(s.skills.some((x) => x.chosen)).toBe(false);
    const chosen = await call<OpeningSuggestions>(Patterns.employers.suggestForDraft, {
      title: 'Lagermedarbeider',
      description: 'You will operate a forklift in the warehouse.',
      mustHaveSkills: [{ skillId: OPERATE_FORKLIFT }],
    });
    expect(chosen.skills.find((x) => x.skillId === OPERATE_FORKLIFT)).toMatchObject({ chosen: true });
    expect(await fieldsOf(call(Patterns.employers.suggestForDraft, { description: 'no title' }))).toEqual([
      'title',
    ]);
    expect(
      await fieldsOf(call(Patterns.employers.suggestForDraft, { title: 'x', occupationId: 'cook' })),
    ).toEqual(['occupationId']);
  });
});
