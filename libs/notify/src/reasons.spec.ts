import type { MatchExplanation, ScorePart } from '@brobygger/contracts';
import {
  emptyExplanation,
  MATCH_FACTORS,
  scoreMatch,
  type CandidateFeatures,
  type GeoPoint,
  type OpeningRequirements,
} from '@brobygger/scoring';
import { REASON_FACTORS, topReasons } from './reasons';

// --- real scores: drift in the scorer's fields (or the details still read) must fail here ------------------

const WORKPLACE: GeoPoint = { lat: 59.9, lng: 10.75 };
/** 0.108° of latitude due north: 12.0 km. */
const HOME: GeoPoint = { lat: 60.008, lng: 10.75 };

/** An internship as a welder: four must-haves, one nice-to-have, B1 Norwegian, full time with shifts. */
function newOpening(overrides: Partial<OpeningRequirements> = {}): OpeningRequirements {
  return {
    type: 'internship',
    occupationId: 'occupation/welder',
    mustHave: [
      { skillId: 'skill/mig', label: 'MIG welding' },
      { skillId: 'skill/forklift', label: 'forklift driving' },
      { skillId: 'skill/tig', label: 'TIG welding' },
      { skillId: 'skill/arc', label: 'arc welding' },
    ],
    niceToHave: [{ skillId: null, label: 'first aid' }],
    norwegianMin: 3,
    otherLanguages: [],
    workplace: WORKPLACE,
    mode: 'on-site',
    hoursPercent: 100,
    shifts: true,
    startDate: '2027-01-04',
    drivingLicences: [],
    certificates: [],
    workPermitRequired: true,
    languageSupport: false,
    ...overrides,
  };
}

/** Has three of the four must-haves and the nice-to-have, lives 12 km away, has welded before. */
function newCandidate(overrides: Partial<CandidateFeatures> = {}): CandidateFeatures {
  return {
    skills: [
      { skillId: 'skill/mig', label: 'MIG-sveising' },
      { skillId: 'skill/forklift', label: 'Truckkjøring' },
      { skillId: 'skill/tig', label: 'TIG-sveising' },
      { skillId: null, label: 'First aid' },
    ],
    languages: [{ code: 'nb', spoken: 3, written: 2 }],
    home: HOME,
    drivingLicences: [],
    certificates: [],
    permit: 'granted',
    availableFrom: '2026-12-01',
    hoursPercent: 100,
    shiftsOk: true,
    wishedOpeningTypes: ['internship'],
    wishedOccupationIds: [],
    experienceOccupationIds: ['occupation/welder'],
    ...overrides,
  };
}

function explain(c: CandidateFeatures, o: OpeningRequirements): MatchExplanation {
  const { gates, explanation } = scoreMatch(c, o, { today: '2026-11-20' });
  return { ...explanation, gates };
}

describe('topReasons on real scores', () => {
  it('words exactly the factors the scorer produces', () => {
    expect([...REASON_FACTORS].sort()).toEqual([...MATCH_FACTORS].sort());
  });

  // Points: must-have 33.8 (3 of 4), language 15, nice-to-have 10, distance 10, then four parts of 5.
  it('the welder: three of four skills, Norwegian, first aid', () => {
    expect(topReasons(explain(newCandidate(), newOpening()), 'en')).toEqual([
      'You have 3 of the 4 skills the job needs: MIG welding, forklift driving and TIG welding.',
      'Your Norwegian is good enough for this job.',
      'You also have first aid. That is a plus for this job.',
    ]);
  });

  it('has a reason for every factor when everything is in play', () => {
    expect(topReasons(explain(newCandidate(), newOpening()), 'nb', 8)).toEqual([
      'Du har 3 av de 4 ferdighetene jobben krever: MIG welding, forklift driving og TIG welding.',
      'Norsken din er god nok for denne jobben.',
      'Du har også first aid. Det er et pluss for denne jobben.',
      'Arbeidsplassen er 12 km fra der du bor.',
      'Du kan begynne når jobben starter.',
      'Arbeidstiden passer for deg.',
      'Dette er den typen arbeid du ønsker: Praksisplass.',
      'Du har gjort denne typen arbeid før.',
    ]);
  });

  it('writes in each language, Arabic with labels isolated', () => {
    const x = explain(newCandidate(), newOpening());
    expect(topReasons(x, 'uk', 1)).toEqual([
      'У вас є 3 з 4 навичок, потрібних для цієї роботи: MIG welding, forklift driving і TIG welding.',
    ]);
    expect(topReasons(x, 'ar', 1)).toEqual([
      'لديك 3 من أصل 4 من المهارات التي يحتاجها العمل: \u2068MIG welding\u2069 و\u2068forklift driving\u2069 و\u2068TIG welding\u2069.',
    ]);
    expect(topReasons(x, 'ar', 1, { isolate: false })[0]).not.toMatch(/[\u2068\u2069]/);
  });

  it('never names a skill the candidate lacks, or the steps to close the gap', () => {
    const x = explain(newCandidate(), newOpening());
    const text = topReasons(x, 'en', 8).join(' ');
    expect(x.missingMustHaves.map((r) => r.label)).toEqual(['arc welding']);
    expect(text).not.toContain('arc welding');
    for (const step of x.toCloseTheGap) expect(text).not.toContain(step);
  });

  it('gives no reasons for a gated match', () => {
    const x = explain(newCandidate({ permit: 'none' }), newOpening());
    expect(x.gates).toHaveLength(1);
    expect(topReasons(x, 'en')).toEqual([]);
  });

  it('names a near miss when no must-have matched', () => {
    const o = newOpening({ mustHave: [{ skillId: 'skill/tig', label: 'TIG welding' }], niceToHave: [] });
    const c = newCandidate({ skills: [{ skillId: 'skill/mig', label: 'MIG welding' }] });
    const { gates, explanation } = scoreMatch(c, o, {
      today: '2026-11-20',
      proximity: {
        closeness: (a, b) =>
          a === 'skill/tig' && b === 'skill/mig' ? { score: 0.8, reason: 'sibling' } : undefined,
      },
    });
    expect(topReasons({ ...explanation, gates }, 'en', 1)).toEqual([
      'Your skill MIG welding is close to TIG welding, which the job needs.',
    ]);
  });

  it('says nothing of a language gap, but mentions language support', () => {
    const short = newCandidate({ languages: [{ code: 'nb', spoken: 2, written: 2 }] });
    expect(topReasons(explain(short, newOpening()), 'en', 8).join(' ')).not.toMatch(/Norwegian/);
    expect(topReasons(explain(short, newOpening({ languageSupport: true })), 'en', 8)).toContain(
      'Your Norwegian is almost good enough, and you get help with Norwegian at work.',
    );
  });

  it('words remote work and late availability', () => {
    const x = explain(
      newCandidate({ availableFrom: '2027-01-20' }),
      newOpening({ mode: 'remote', workplace: undefined }),
    );
    const reasons = topReasons(x, 'en', 8);
    expect(reasons).toContain('You can work from home.');
    expect(reasons).toContain('You can start soon after the start date.');
  });
});

// --- hand-made explanations: ranking and the edges of each factor ------------------------------------------

/** A part as the scorer writes it; the detail is for staff and must never be read, so it is noise here. */
function part(factor: string, points: number, outcome: string, maxPoints = points): ScorePart {
  return { factor, points, maxPoints, outcome, detail: 'for staff only' };
}

/** Parts absent from `parts` count as not applying; the skill lists default to empty. */
function newExplanation(overrides: Partial<MatchExplanation> = {}): MatchExplanation {
  return emptyExplanation({ weightsVersion: 'w3', ...overrides });
}

const skill = (label: string) => ({ skillId: `skill/${label}`, label });

describe('topReasons ranking', () => {
  const x = newExplanation({
    distanceKm: 3.4,
    parts: [
      part('experience', 5, 'worked'),
      part('availability', 5, 'in-time'),
      part('distance', 10, 'within'),
      part('opening type', 0, 'not-wished', 5),
      part('hours and shifts', 5, 'met'),
    ],
  });

  it('puts the most points first and keeps the given order on ties', () => {
    expect(topReasons(x, 'en')).toEqual([
      'The workplace is 3.4 km from your home.',
      'You have done this kind of work before.',
      'You can start in time.',
    ]);
  });

  it('gives as many as asked, and none for n = 0', () => {
    expect(topReasons(x, 'en', 1)).toEqual(['The workplace is 3.4 km from your home.']);
    expect(topReasons(x, 'en', 0)).toEqual([]);
    expect(topReasons(x, 'en', 10)).toHaveLength(4);
  });

  it('does not reorder the explanation it was given', () => {
    const before = x.parts.map((p) => p.factor);
    topReasons(x, 'en');
    expect(x.parts.map((p) => p.factor)).toEqual(before);
  });

  it('skips factors and outcomes it does not know', () => {
    const odd = newExplanation({
      parts: [
        part('charisma', 50, 'dazzling'),
        part('availability', 5, 'whenever'),
        part('experience', 5, 'worked'),
      ],
    });
    expect(topReasons(odd, 'en')).toEqual(['You have done this kind of work before.']);
  });
});

describe('topReasons skills (from the fields, not the English details)', () => {
  const must = (label: string) => ({ ...skill(label), mustHave: true });
  const nice = (label: string) => ({ ...skill(label), mustHave: false });
  const tally = (met: number, total: number, partial = 0) => ({ met, partial, total });

  it('lists two labels and "N more" for a long list', () => {
    const x = newExplanation({
      // The detail is for staff and deliberately says something else: only the fields are read.
      parts: [part('must-have skills', 45, 'all')],
      mustHave: tally(6, 6),
      matchedSkills: ['a', 'b', 'c', 'd', 'e', 'f'].map(must),
    });
    expect(topReasons(x, 'en')).toEqual(['You have all the skills the job needs: a, b and 4 more.']);
  });

  it('says "the skill" for a single must-have', () => {
    const x = newExplanation({
      parts: [part('must-have skills', 45, 'all')],
      mustHave: tally(1, 1),
      matchedSkills: [must('welding')],
    });
    expect(topReasons(x, 'en')).toEqual(['You have the skill the job needs: welding.']);
  });

  it('tells must-haves from nice-to-haves by their flag, in whatever order they come', () => {
    const x = newExplanation({
      parts: [part('must-have skills', 22.5, 'some', 45), part('nice-to-have skills', 5, 'some', 10)],
      mustHave: tally(1, 2),
      niceToHave: tally(1, 2),
      matchedSkills: [nice('first aid'), must('welding')],
      missingMustHaves: [skill('forklift driving')],
    });
    expect(topReasons(x, 'en')).toEqual([
      'You have 1 of the 2 skills the job needs: welding.',
      'You also have first aid. That is a plus for this job.',
    ]);
  });

  it('words the same fields in all four languages', () => {
    const x = newExplanation({
      parts: [part('must-have skills', 30, 'some', 45), part('nice-to-have skills', 10, 'all', 10)],
      mustHave: tally(2, 3),
      niceToHave: tally(1, 1),
      matchedSkills: [must('welding'), must('forklift'), nice('first aid')],
    });
    expect(topReasons(x, 'nb')).toEqual([
      'Du har 2 av de 3 ferdighetene jobben krever: welding og forklift.',
      'Du har også first aid. Det er et pluss for denne jobben.',
    ]);
    expect(topReasons(x, 'en')).toEqual([
      'You have 2 of the 3 skills the job needs: welding and forklift.',
      'You also have first aid. That is a plus for this job.',
    ]);
    expect(topReasons(x, 'uk')).toEqual([
      'У вас є 2 з 3 навичок, потрібних для цієї роботи: welding і forklift.',
      'У вас також є first aid. Це плюс для цієї роботи.',
    ]);
    expect(topReasons(x, 'ar', 3, { isolate: false })).toEqual([
      'لديك 2 من أصل 3 من المهارات التي يحتاجها العمل: welding وforklift.',
      'لديك أيضًا first aid، وهذه ميزة إضافية في هذا العمل.',
    ]);
  });

  it('names skills through skillLabel (id and stored label in), isolated for Arabic', () => {
    const names: Record<string, string> = { 'skill/welding': 'sveising' };
    const x = newExplanation({
      parts: [part('must-have skills', 45, 'all')],
      mustHave: tally(2, 2),
      matchedSkills: [must('welding'), { skillId: null, label: 'Truck', mustHave: true }],
    });
    const skillLabel = (id: string | null, fallback: string) => (id && names[id]) ?? fallback;
    expect(topReasons(x, 'nb', 1, { skillLabel })).toEqual([
      'Du har alle ferdighetene jobben krever: sveising og Truck.',
    ]);
    expect(topReasons(x, 'ar', 1, { skillLabel })[0]).toContain('\u2068sveising\u2069');
  });

  it('names a must-have near miss, never a nice-to-have one', () => {
    const near = (mustHave: boolean) => ({
      required: skill('TIG welding'),
      have: skill('MIG welding'),
      mustHave,
      closeness: 0.8,
      reason: 'sibling',
    });
    const x = (mustHave: boolean) =>
      newExplanation({
        parts: [part('must-have skills', 10, 'near-only', 45)],
        mustHave: tally(0, 1, 1),
        nearMisses: [near(mustHave)],
      });
    expect(topReasons(x(true), 'en')).toEqual([
      'Your skill MIG welding is close to TIG welding, which the job needs.',
    ]);
    expect(topReasons(x(false), 'en')).toEqual([]);
  });

  it('gives fewer reasons, never wrong ones, for an explanation stored before w3 (English details only)', () => {
    const old: MatchExplanation = {
      weightsVersion: 'w2',
      parts: [
        { factor: 'must-have skills', points: 45, maxPoints: 45, detail: '2 of 2 matched' },
        { factor: 'experience', points: 5, maxPoints: 5, detail: 'has worked in the occupation' },
      ],
      gates: [],
      matchedSkills: [skill('welding'), skill('forklift')],
      missingMustHaves: [],
      nearMisses: [],
      toCloseTheGap: [],
    };
    expect(topReasons(old, 'en')).toEqual([]);
  });
});

describe('topReasons other factors', () => {
  const one = (p: ScorePart, extra: Partial<MatchExplanation> = {}) =>
    topReasons(newExplanation({ openingType: 'work-trial', parts: [p], ...extra }), 'en');

  it.each([
    [part('language', 15, 'met-norwegian'), 'Your Norwegian is good enough for this job.'],
    [part('language', 15, 'met'), 'Your language skills are good enough for this job.'],
    [part('distance', 10, 'remote'), 'You can work from home.'],
    [part('availability', 2.5, 'late', 5), 'You can start soon after the start date.'],
    [part('hours and shifts', 5, 'met'), 'The working hours suit you.'],
    [part('opening type', 5, 'wished'), 'This is the type of work you want: Work trial.'],
    [part('experience', 2.5, 'wished', 5), 'This is the kind of work you want to do.'],
  ])('%o', (p, expected) => {
    expect(one(p)).toEqual([expected]);
  });

  it.each([
    ['availability unknown', part('availability', 5, 'unknown')],
    ['hours only unknown', part('hours and shifts', 5, 'met-unknown')],
    ['hours partly met', part('hours and shifts', 2.5, 'partly', 5)],
    ['open to all types', part('opening type', 5, 'open')],
    ['a distance with no km', part('distance', 10, 'within')],
  ])('no reason for %s', (_name, p) => {
    expect(one(p)).toEqual([]);
  });

  it('no reason for a language gap without support', () => {
    const gap = { code: 'no', required: 3, have: 2, softened: false };
    expect(one(part('language', 5, 'short', 15), { languageGap: gap })).toEqual([]);
  });
});
