import { seededRandom } from '@brobygger/taxonomy';
import type { CandidateFeatures, GeoPoint, OpeningRequirements, Proximity } from './features';
import { proximityFrom } from './features';
import { MATCH_FACTORS, scoreMatch, type MatchScore, type ScoreOptions } from './match-score';
import { DEFAULT_WEIGHTS, validateWeights, type Weights } from './weights';

// Default weights (w3, the numbers of w2): must-have 45, nice-to-have 10, language 15, distance 10, availability 5, hours and
// shifts 5, opening type 5, experience 5 — 100 in all, so with every factor in play a factor's maxPoints is
// its weight. Points are rounded per part to 0.1 (half up) and the score is their sum.

const EARTH_RADIUS_KM = 6371.0088;
const WORKPLACE: GeoPoint = { lat: 59.9, lng: 10.75 };
const TODAY = '2026-11-20';

/** A point `km` due north: along a meridian the great-circle distance is exactly R × Δlat. */
function north(p: GeoPoint, km: number): GeoPoint {
  return { lat: p.lat + (km / EARTH_RADIUS_KM) * (180 / Math.PI), lng: p.lng };
}

/** Asks for MIG welding (level 3) and forklift driving, nice: first aid; B1 Norwegian; 30-km default radius. */
function newOpening(overrides: Partial<OpeningRequirements> = {}): OpeningRequirements {
  return {
    type: 'permanent',
    occupationId: 'occupation/welder',
    mustHave: [
      { skillId: 'skill/mig', label: 'MIG welding', minLevel: 3 },
      { skillId: 'skill/forklift', label: 'Forklift driving' },
    ],
    niceToHave: [{ skillId: null, label: 'First aid' }],
    norwegianMin: 3,
    otherLanguages: [],
    workplace: WORKPLACE,
    mode: 'on-site',
    hoursPercent: 100,
    shifts: true,
    startDate: '2027-01-04',
    drivingLicences: ['B'],
    certificates: ['Truckførerbevis T1'],
    workPermitRequired: true,
    languageSupport: false,
    ...overrides,
  };
}

/** Meets everything `newOpening()` asks, 10 km from the workplace. */
function newCandidate(overrides: Partial<CandidateFeatures> = {}): CandidateFeatures {
  return {
    skills: [
      { skillId: 'skill/mig', label: 'MIG-sveising', level: 4 },
      { skillId: 'skill/forklift', label: 'Truckkjøring' },
      // No id: matched to the opening's "First aid" by normalised label.
      { skillId: null, label: 'first  AID' },
    ],
    languages: [
      { code: 'nb', spoken: 4, written: 3 },
      { code: 'ar', spoken: 7, written: 7 },
    ],
    home: north(WORKPLACE, 10),
    drivingLicences: ['BE'],
    certificates: ['truckførerbevis  t1'],
    permit: 'granted',
    availableFrom: '2026-12-01',
    hoursPercent: 100,
    shiftsOk: true,
    wishedOpeningTypes: ['permanent', 'internship'],
    wishedOccupationIds: [],
    experienceOccupationIds: ['occupation/welder'],
    ...overrides,
  };
}

function fakeProximity(pairs: Record<string, { score: number; reason: string }>): Proximity {
  return { closeness: (a, b) => pairs[`${a}|${b}`] };
}

const score = (c: CandidateFeatures, o: OpeningRequirements, opts: Partial<ScoreOptions> = {}) =>
  scoreMatch(c, o, { today: TODAY, ...opts });

const points = (r: MatchScore) => r.explanation.parts.map((p) => p.points);
const maxPoints = (r: MatchScore) => r.explanation.parts.map((p) => p.maxPoints);
const part = (r: MatchScore, factor: string) => r.explanation.parts.find((p) => p.factor === factor);

describe('scoreMatch (weights w3)', () => {
  it('a candidate meeting everything scores 100, each factor at its weight', () => {
    const r = score(newCandidate(), newOpening());
    expect(r.score).toBe(100);
    expect(r.gates).toEqual([]);
    expect(r.explanation.parts.map((p) => p.factor)).toEqual([...MATCH_FACTORS]);
    expect(r.explanation.parts.map((p) => p.outcome)).toEqual([
      'all',
      'all',
      'met-norwegian',
      'within',
      'in-time',
      'met',
      'wished',
      'worked',
    ]);
    expect(r.explanation.openingType).toBe('permanent');
    expect(points(r)).toEqual([45, 10, 15, 10, 5, 5, 5, 5]);
    expect(maxPoints(r)).toEqual([45, 10, 15, 10, 5, 5, 5, 5]);
    expect(r.explanation.weightsVersion).toBe('w3');
    expect(r.explanation.matchedSkills).toEqual([
      { skillId: 'skill/mig', label: 'MIG welding', mustHave: true, level: 4, minLevel: 3 },
      { skillId: 'skill/forklift', label: 'Forklift driving', mustHave: true },
      { skillId: null, label: 'First aid', mustHave: false },
    ]);
    expect(r.explanation.mustHave).toEqual({ met: 2, partial: 0, total: 2 });
    expect(r.explanation.niceToHave).toEqual({ met: 1, partial: 0, total: 1 });
    expect(r.explanation.meetsNoMustHave).toBe(false);
    expect(r.explanation.missingMustHaves).toEqual([]);
    expect(r.explanation.distanceKm).toBe(10);
    expect(r.explanation.languageGap).toBeUndefined();
    expect(r.explanation.toCloseTheGap).toEqual([]);
  });

  describe('skills', () => {
    it('missing one of two must-haves: 45 × 1/2 = 22.5, score 77.5', () => {
      const r2 = score(
        newCandidate({ skills: newCandidate().skills.filter((s) => s.skillId !== 'skill/forklift') }),
        newOpening(),
      );
      // 22.5 + 10 + 15 + 10 + 5 + 5 + 5 + 5 = 77.5
      expect(r2.score).toBe(77.5);
      expect(part(r2, 'must-have skills')).toMatchObject({ points: 22.5, detail: '1 of 2 matched' });
      expect(r2.explanation.missingMustHaves).toEqual([
        { skillId: 'skill/forklift', label: 'Forklift driving' },
      ]);
      expect(r2.explanation.toCloseTheGap).toEqual(['Learn Forklift driving']);
    });

    it('a near miss via proximity: TIG for MIG earns 0.6 × 0.6; must-haves (0.36 + 1) / 2 × 45 = 30.6, score 85.6', () => {
      const c = newCandidate({
        skills: [
          // Broader but level 1 of 3: 0.6 × 0.8 × (1 − 2 × 0.25) = 0.24, so the sibling (0.36) wins.
          { skillId: 'skill/welding', label: 'Welding', level: 1 },
          { skillId: 'skill/tig', label: 'TIG welding', level: 4 },
          { skillId: 'skill/forklift', label: 'Forklift driving' },
          { skillId: null, label: 'First aid' },
        ],
      });
      const proximity = fakeProximity({
        'skill/mig|skill/tig': { score: 0.6, reason: 'sibling' },
        'skill/mig|skill/welding': { score: 0.8, reason: 'broader' },
      });
      const r = score(c, newOpening(), { proximity });
      expect(r.score).toBe(85.6);
      expect(part(r, 'must-have skills')).toMatchObject({
        points: 30.6,
        detail: '1 of 2 matched, 1 near miss',
      });
      expect(r.explanation.mustHave).toEqual({ met: 1, partial: 1, total: 2 });
      expect(r.explanation.nearMisses).toEqual([
        {
          required: { skillId: 'skill/mig', label: 'MIG welding' },
          have: { skillId: 'skill/tig', label: 'TIG welding' },
          mustHave: true,
          closeness: 0.6,
          reason: 'sibling',
        },
      ]);
      expect(r.explanation.missingMustHaves).toEqual([
        { skillId: 'skill/mig', label: 'MIG welding', minLevel: 3 },
      ]);
      expect(r.explanation.toCloseTheGap).toEqual(['Learn MIG welding']);

      // Without proximity the same candidate gets nothing for MIG: 22.5 + 55 = 77.5.
      expect(score(c, newOpening()).score).toBe(77.5);
    });

    it('meets no must-have, not even nearly: 0 of 2, flagged and explained; the other factors still count (55)', () => {
      // Only the nice-to-have: 0 + 10 + 15 + 10 + 5 + 5 + 5 + 5 = 55. The score stays what the parts add up
      // to; the flag is what moves the match to the end of lists and keeps it from being notified.
      const c = newCandidate({ skills: [{ skillId: null, label: 'First aid' }] });
      const r = score(c, newOpening());
      expect(r.score).toBe(55);
      expect(r.explanation.meetsNoMustHave).toBe(true);
      expect(r.explanation.mustHave).toEqual({ met: 0, partial: 0, total: 2 });
      expect(r.explanation.niceToHave).toEqual({ met: 1, partial: 0, total: 1 });
      expect(part(r, 'must-have skills')).toEqual({
        factor: 'must-have skills',
        points: 0,
        maxPoints: 45,
        outcome: 'none',
        detail:
          '0 of 2 matched; meets no must-have, not even nearly: listed after those who meet some, not notified',
      });
      expect(r.explanation.missingMustHaves.map((m) => m.label)).toEqual(['MIG welding', 'Forklift driving']);
    });

    it('must-haves kept only as text (the taxonomy resolved none) flag nobody: nothing could come near them', () => {
      const o = newOpening({
        mustHave: [
          { skillId: null, label: 'Sveisesertifikat NS-EN 9606' },
          { skillId: null, label: 'Kranførerbevis G4' },
        ],
      });
      const c = newCandidate({ skills: [{ skillId: 'skill/mig', label: 'MIG welding' }] });
      const r = score(c, o);
      expect(r.explanation.mustHave).toEqual({ met: 0, partial: 0, total: 2 });
      expect(r.explanation.meetsNoMustHave).toBe(false);
      expect(part(r, 'must-have skills')).toMatchObject({ points: 0, detail: '0 of 2 matched' });
    });

    it('a near miss alone counts as meeting partly: TIG for MIG, 0.6 × 0.6 / 2 × 45 = 8.1, score 63.1, not flagged', () => {
      const c = newCandidate({
        skills: [
          { skillId: 'skill/tig', label: 'TIG welding' },
          { skillId: null, label: 'First aid' },
        ],
      });
      const proximity = fakeProximity({ 'skill/mig|skill/tig': { score: 0.6, reason: 'sibling' } });
      const r = score(c, newOpening(), { proximity });
      expect(r.score).toBe(63.1);
      expect(r.explanation.meetsNoMustHave).toBe(false);
      expect(r.explanation.mustHave).toEqual({ met: 0, partial: 1, total: 2 });
      expect(part(r, 'must-have skills')).toMatchObject({
        points: 8.1,
        detail: '0 of 2 matched, 1 near miss',
      });
    });

    it('an opening without must-haves flags nobody, and a nice-to-have near miss is marked as such', () => {
      const o = newOpening({ mustHave: [], niceToHave: [{ skillId: 'skill/mig', label: 'MIG welding' }] });
      const c = newCandidate({ skills: [{ skillId: 'skill/tig', label: 'TIG welding' }] });
      const proximity = fakeProximity({ 'skill/mig|skill/tig': { score: 0.6, reason: 'sibling' } });
      const r = score(c, o, { proximity });
      expect(r.explanation.meetsNoMustHave).toBe(false);
      expect(r.explanation.mustHave).toEqual({ met: 0, partial: 0, total: 0 });
      expect(r.explanation.niceToHave).toEqual({ met: 0, partial: 1, total: 1 });
      expect(r.explanation.nearMisses.map((n) => n.mustHave)).toEqual([false]);
    });

    it("the taxonomy's SkillProximity answer adapts: no relation (0, null) is no near miss", () => {
      const adapted = proximityFrom({
        proximity: (a, b) =>
          a === 'skill/mig' && b === 'skill/tig'
            ? { score: 0.6, reason: 'sibling' }
            : { score: 0, reason: null },
      });
      expect(adapted.closeness('skill/mig', 'skill/tig')).toEqual({ score: 0.6, reason: 'sibling' });
      expect(adapted.closeness('skill/mig', 'skill/x')).toBeUndefined();
    });

    it('a level shortfall: MIG at 2 for 3 earns 1 − 0.25 = 0.75; (0.75 + 1) / 2 × 45 = 39.375 → 39.4, score 94.4', () => {
      const c = newCandidate({
        skills: [
          { skillId: 'skill/mig', label: 'MIG welding', level: 2 },
          { skillId: 'skill/forklift', label: 'Forklift driving' },
          { skillId: null, label: 'First aid' },
        ],
      });
      const r = score(c, newOpening());
      expect(r.score).toBe(94.4);
      expect(part(r, 'must-have skills')).toMatchObject({
        points: 39.4,
        detail: '2 of 2 matched, 1 below the level asked',
      });
      expect(r.explanation.matchedSkills[0]).toEqual({
        skillId: 'skill/mig',
        label: 'MIG welding',
        mustHave: true,
        level: 2,
        minLevel: 3,
      });
      expect(r.explanation.toCloseTheGap).toEqual(['Reach level 3 in MIG welding (now 2)']);
    });

    it('a skill with no recorded level meets the minimum: 100', () => {
      const c = newCandidate({
        skills: [
          { skillId: 'skill/mig', label: 'MIG welding' },
          { skillId: 'skill/forklift', label: 'Forklift driving' },
          { skillId: null, label: 'First aid' },
        ],
      });
      expect(score(c, newOpening()).score).toBe(100);
    });

    it('ids decide when both sides have one: the same label under another id is no match (77.5)', () => {
      const c = newCandidate({
        skills: [
          { skillId: 'skill/mig', label: 'MIG welding', level: 4 },
          { skillId: 'skill/other', label: 'Forklift driving' },
          { skillId: null, label: 'First aid' },
        ],
      });
      expect(score(c, newOpening()).score).toBe(77.5);
    });
  });

  describe('gates', () => {
    function expectGated(r: MatchScore, gate: string) {
      expect(r.score).toBe(0);
      expect(r.gates.map((g) => g.gate)).toEqual([gate]);
      expect(points(r)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
      // What the candidate would have had is still shown.
      expect(maxPoints(r)).toEqual([45, 10, 15, 10, 5, 5, 5, 5]);
    }

    it('work permit required and none: 0, gate work-permit', () => {
      const r = score(newCandidate({ permit: 'none' }), newOpening());
      expectGated(r, 'work-permit');
      expect(r.explanation.toCloseTheGap).toEqual(['Get a work permit']);
      expect(score(newCandidate({ permit: 'none' }), newOpening({ workPermitRequired: false })).score).toBe(
        100,
      );
    });

    it("permit 'applied' (and 'unknown') is not gated and costs nothing: 100", () => {
      expect(score(newCandidate({ permit: 'applied' }), newOpening())).toMatchObject({
        score: 100,
        gates: [],
      });
      expect(score(newCandidate({ permit: 'unknown' }), newOpening())).toMatchObject({
        score: 100,
        gates: [],
      });
    });

    it('a required licence class missing: 0, gate driving-licence', () => {
      const r = score(newCandidate({ drivingLicences: ['A', 'C1'] }), newOpening());
      expectGated(r, 'driving-licence');
      expect(r.gates[0].detail).toBe('requires class B');
      expect(r.explanation.toCloseTheGap).toEqual(['Get driving licence class B']);
    });

    it('licence implications: BE → B, CE → C → C1, DE → D → D1; C1 does not give C, nor C give B', () => {
      const withLicences = (held: string[], required: string[]) =>
        score(newCandidate({ drivingLicences: held }), newOpening({ drivingLicences: required })).score;
      expect(withLicences(['be'], ['B'])).toBe(100);
      expect(withLicences(['CE'], ['C', 'C1'])).toBe(100);
      expect(withLicences(['DE'], ['D1'])).toBe(100);
      expect(withLicences(['C1'], ['C'])).toBe(0);
      expect(withLicences(['C'], ['B'])).toBe(0);
    });

    it('a required certificate missing: 0, gate certificate; case and spaces do not matter', () => {
      const r = score(newCandidate({ certificates: ['Hot work'] }), newOpening());
      expectGated(r, 'certificate');
      expect(r.explanation.toCloseTheGap).toEqual(['Get Truckførerbevis T1']);
      expect(score(newCandidate({ certificates: ['TRUCKFØRERBEVIST1'] }), newOpening()).score).toBe(100);
    });

    it('availability 91 days after the start: 0, gate availability; 90 days is the last day not gated (95)', () => {
      // 2027-01-04 + 90 days = 2027-04-04 (27 days left of January, 28 of February, 31 of March, 4).
      const r = score(newCandidate({ availableFrom: '2027-04-05' }), newOpening());
      expectGated(r, 'availability');
      expect(r.gates[0].detail).toBe('available 91 days after the start date (limit 90)');

      const edge = score(newCandidate({ availableFrom: '2027-04-04' }), newOpening());
      expect(edge.gates).toEqual([]);
      expect(part(edge, 'availability')?.points).toBe(0);
      expect(edge.score).toBe(95);
    });

    it('several gates are all named', () => {
      const r = score(newCandidate({ permit: 'none', drivingLicences: [], certificates: [] }), newOpening());
      expect(r.score).toBe(0);
      expect(r.gates.map((g) => g.gate)).toEqual(['work-permit', 'driving-licence', 'certificate']);
    });
  });

  describe('language', () => {
    const a2 = [{ code: 'nb', spoken: 2, written: 2 }];

    it('Norwegian A2 for B1 without support: 15 × (1 − 1/3) = 10, score 95', () => {
      const r = score(newCandidate({ languages: a2 }), newOpening());
      expect(r.score).toBe(95);
      expect(part(r, 'language')).toMatchObject({ points: 10, detail: 'Norwegian A2 for B1' });
      expect(r.explanation.languageGap).toEqual({ code: 'no', required: 3, have: 2, softened: false });
      expect(r.explanation.toCloseTheGap).toEqual(['Reach Norwegian B1 (now A2)']);
    });

    it('Norwegian A2 for B1 with language support: the gap counts half, 15 × (1 − 1/6) = 12.5, score 97.5', () => {
      const r = score(newCandidate({ languages: a2 }), newOpening({ languageSupport: true }));
      expect(r.score).toBe(97.5);
      expect(part(r, 'language')?.points).toBe(12.5);
      expect(r.explanation.languageGap).toEqual({ code: 'no', required: 3, have: 2, softened: true });
    });

    it('support does not soften a two-level gap: A1 for B1 is 15 × 1/3 = 5, score 90', () => {
      const r = score(
        newCandidate({ languages: [{ code: 'nn', spoken: 1, written: 1 }] }),
        newOpening({ languageSupport: true }),
      );
      expect(r.score).toBe(90);
      expect(r.explanation.languageGap?.softened).toBe(false);
    });

    it('no Norwegian recorded for B1: 0 language points, score 85', () => {
      const r = score(newCandidate({ languages: [{ code: 'ar', spoken: 7, written: 7 }] }), newOpening());
      expect(r.score).toBe(85);
      expect(r.explanation.toCloseTheGap).toEqual(['Reach Norwegian B1 (no level recorded)']);
    });

    it('other languages are averaged with Norwegian: English B1 for B2 → (1 + 2/3) / 2 × 15 = 12.5, score 97.5', () => {
      const c = newCandidate({
        languages: [
          { code: 'no', spoken: 7, written: 7 },
          { code: 'en', spoken: 3, written: 4 },
        ],
      });
      const r = score(c, newOpening({ otherLanguages: [{ code: 'en', min: 4 }] }));
      expect(r.score).toBe(97.5);
      expect(r.explanation.languageGap).toEqual({ code: 'en', required: 4, have: 3, softened: false });
      expect(r.explanation.toCloseTheGap).toEqual(['Reach English B2 (now B1)']);
    });
  });

  describe('distance', () => {
    it('a remote opening gives full distance points without computing a distance: 100', () => {
      const r = score(newCandidate({ home: { lat: 69.65, lng: 18.96 } }), newOpening({ mode: 'remote' }));
      expect(r.score).toBe(100);
      expect(part(r, 'distance')).toMatchObject({ points: 10, detail: 'remote' });
      expect(r.explanation.distanceKm).toBeUndefined();
    });

    it('40 km with a 20-km radius: 1 − (40 − 20) / (60 − 20) = 0.5 → 5, score 95 (hybrid counts as on-site)', () => {
      for (const mode of ['on-site', 'hybrid'] as const) {
        const r = score(newCandidate({ home: north(WORKPLACE, 40), commuteKm: 20 }), newOpening({ mode }));
        expect(r.score).toBe(95);
        expect(r.explanation.distanceKm).toBe(40);
        expect(part(r, 'distance')?.detail).toBe('40 km (full within 20 km, none beyond 60 km)');
      }
    });

    it('no radius given: 30 km by default; 75 km is 1 − 45/60 = 0.25 → 2.5 (92.5), 100 km is 0 (90)', () => {
      expect(score(newCandidate({ home: north(WORKPLACE, 75) }), newOpening()).score).toBe(92.5);
      expect(score(newCandidate({ home: north(WORKPLACE, 100) }), newOpening()).score).toBe(90);
    });

    it('haversine: one degree of latitude is 111.2 km', () => {
      const r = score(newCandidate({ home: { lat: 60.9, lng: 10.75 } }), newOpening());
      expect(r.explanation.distanceKm).toBe(111.2);
    });

    it('unknown home: the factor is dropped and its 10 spread over the other 90; still 100', () => {
      const r = score(newCandidate({ home: undefined }), newOpening());
      expect(r.score).toBe(100);
      expect(part(r, 'distance')).toEqual({
        factor: 'distance',
        points: 0,
        maxPoints: 0,
        outcome: 'unknown',
        detail: 'unknown',
      });
      // 45, 10, 15, 5 × 4 scaled by 100/90 in tenths: 500, 111.1, 166.7, 55.6 × 4 → floors 997; the 3 left go to
      // the largest remainders (language .67, then availability and hours .56 by factor order).
      expect(maxPoints(r)).toEqual([50, 11.1, 16.7, 0, 5.6, 5.6, 5.5, 5.5]);
    });
  });

  describe('availability', () => {
    it('30 days after the start: 5 × (1 − 30/90) = 3.33 → 3.3, score 98.3', () => {
      const r = score(newCandidate({ availableFrom: '2027-02-03' }), newOpening());
      expect(r.score).toBe(98.3);
      expect(part(r, 'availability')?.detail).toBe('available 30 days after the start date (limit 90)');
    });

    it('once the start date has passed, lateness counts from today: 2 days → 5 × 88/90 = 4.89 → 4.9, score 99.9', () => {
      const r = score(newCandidate({ availableFrom: '2027-02-03' }), newOpening(), { today: '2027-02-01' });
      expect(r.score).toBe(99.9);
    });

    it('unknown availability earns full points and says so: 100', () => {
      const r = score(newCandidate({ availableFrom: undefined }), newOpening());
      expect(r.score).toBe(100);
      expect(part(r, 'availability')?.detail).toBe('unknown');
    });
  });

  describe('hours, shifts, opening type, experience', () => {
    it('50% for 100% and no shifts wanted: 5 × (0.5 + 0) / 2 = 1.25 → 1.3, score 96.3', () => {
      const r = score(newCandidate({ hoursPercent: 50, shiftsOk: false }), newOpening());
      expect(r.score).toBe(96.3);
      expect(part(r, 'hours and shifts')?.detail).toBe('50% for 100%; shifts asked, not wanted');
    });

    it('an unwished opening type earns 0: 95; no wishes at all is open to every type: 100', () => {
      expect(score(newCandidate({ wishedOpeningTypes: ['internship'] }), newOpening()).score).toBe(95);
      expect(score(newCandidate({ wishedOpeningTypes: [] }), newOpening()).score).toBe(100);
    });

    it('wishing the occupation without experience earns half: 2.5, score 97.5; neither: 95', () => {
      const wished = newCandidate({
        experienceOccupationIds: [],
        wishedOccupationIds: ['occupation/welder'],
      });
      expect(score(wished, newOpening()).score).toBe(97.5);
      expect(score(newCandidate({ experienceOccupationIds: [] }), newOpening()).score).toBe(95);
    });
  });

  describe('redistribution', () => {
    it('no nice-to-haves: the other factors share the 100 and a perfect candidate still scores 100', () => {
      const r = score(newCandidate(), newOpening({ niceToHave: [] }));
      expect(r.score).toBe(100);
      expect(maxPoints(r)).toEqual([50, 0, 16.7, 11.1, 5.6, 5.6, 5.5, 5.5]);
      // And one of two must-haves is now half of 50: 25 + 50 = 75.
      const c = newCandidate({ skills: newCandidate().skills.filter((s) => s.skillId !== 'skill/forklift') });
      expect(score(c, newOpening({ niceToHave: [] })).score).toBe(75);
    });

    it('an opening that asks nothing but its type puts all 100 on the type', () => {
      const bare = newOpening({
        occupationId: undefined,
        mustHave: [],
        niceToHave: [],
        norwegianMin: undefined,
        workplace: undefined,
        hoursPercent: undefined,
        shifts: undefined,
        startDate: undefined,
        drivingLicences: [],
        certificates: [],
      });
      expect(maxPoints(score(newCandidate(), bare))).toEqual([0, 0, 0, 0, 0, 0, 100, 0]);
      expect(score(newCandidate({ wishedOpeningTypes: ['internship'] }), bare).score).toBe(0);
    });
  });

  it('parts always add up to the score (200 seeded random pairs)', () => {
    const rand = seededRandom(20261120);
    const proximity = fakeProximity({
      'skill/a|skill/b': { score: 0.8, reason: 'broader' },
      'skill/c|skill/d': { score: 0.6, reason: 'sibling' },
      'skill/e|skill/a': { score: 0.35, reason: 'shared-occupations' },
    });
    let gated = 0;
    let partial = 0;
    for (let i = 0; i < 200; i++) {
      const r = score(randomCandidate(rand), randomOpening(rand), { proximity });
      const tenths = r.explanation.parts.map((p) => Math.round(p.points * 10));
      expect(tenths.reduce((a, b) => a + b, 0)).toBe(Math.round(r.score * 10));
      expect(r.explanation.parts.reduce((a, p) => a + p.points, 0)).toBeCloseTo(r.score, 9);
      expect(Math.round(r.explanation.parts.reduce((a, p) => a + p.maxPoints, 0) * 10)).toBe(1000);
      for (const p of r.explanation.parts) {
        expect(p.points).toBeGreaterThanOrEqual(0);
        expect(p.points).toBeLessThanOrEqual(p.maxPoints);
        expect(Math.round(p.points * 10) / 10).toBe(p.points);
      }
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
      if (r.gates.length) {
        expect(r.score).toBe(0);
        gated++;
      } else if (r.score > 0 && r.score < 100) partial++;
    }
    // The loop must exercise both paths to prove anything.
    expect(gated).toBeGreaterThan(10);
    expect(partial).toBeGreaterThan(50);
  });

  it('personal fields cannot change a score: same result with name, nationality, gender, … changed', () => {
    // Smuggled in as a caller holding a full profile row might: the type says no, the object says yes.
    const withPersonal = (p: PersonalFields) => ({ ...newCandidate(), ...p }) as unknown as CandidateFeatures;
    const a = score(
      withPersonal({
        name: 'Amina Hassan',
        nationality: 'SO',
        countryOfBirth: 'SO',
        gender: 'female',
        birthYear: 1988,
        religion: 'muslim',
        familyStatus: 'married, 3 children',
      }),
      newOpening(),
    );
    const b = score(
      withPersonal({
        name: 'Ola Nordmann',
        nationality: 'NO',
        countryOfBirth: 'NO',
        gender: 'male',
        birthYear: 1999,
        religion: 'none',
        familyStatus: 'single',
      }),
      newOpening(),
    );
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).not.toMatch(/Amina|Hassan|female|muslim|married/);
    // The type-level half of this test is `noPersonalKeys` below: it is checked by tsc, not here.
    expect([noPersonalKeys, controlCase]).toEqual([true, true]);
  });

  it('throws on a malformed date rather than guessing', () => {
    expect(() => score(newCandidate({ availableFrom: '2027-02-30' }), newOpening())).toThrow(/availableFrom/);
    expect(() => score(newCandidate(), newOpening(), { today: '20.11.2026' })).toThrow(/today/);
  });

  it('custom weights are used and their version reported', () => {
    const w: Weights = { ...DEFAULT_WEIGHTS, version: 'test-1', mustHave: 90, niceToHave: 0 };
    // 135 in all: must-haves 90/135 of 1000 tenths = 666.67, language 111.11, distance 74.07, the four
    // small ones 37.04 each; floors 999, the last tenth to the largest remainder (must-haves, .67).
    // Nice-to-haves at weight 0 get nothing.
    const r = score(newCandidate(), newOpening(), { weights: validateWeights(w) });
    expect(r.explanation.weightsVersion).toBe('test-1');
    expect(r.score).toBe(100);
    expect(maxPoints(r)).toEqual([66.7, 0, 11.1, 7.4, 3.7, 3.7, 3.7, 3.7]);
  });
});

describe('validateWeights', () => {
  it('accepts the defaults', () => {
    expect(validateWeights(DEFAULT_WEIGHTS)).toBe(DEFAULT_WEIGHTS);
  });

  it.each([
    ['distance', -1],
    ['language', Number.NaN],
    ['availabilityGateDays', Number.POSITIVE_INFINITY],
    ['nearMissFactor', 1.5],
    ['mustHave', '45'],
  ])('names the bad key %s', (key, value) => {
    expect(() => validateWeights({ ...DEFAULT_WEIGHTS, [key]: value })).toThrow(new RegExp(`\\b${key}\\b`));
  });

  it('names a key missing from loaded configuration', () => {
    const loaded: Partial<Weights> = { ...DEFAULT_WEIGHTS };
    delete loaded.experience;
    expect(() => validateWeights(loaded as Weights)).toThrow(/experience/);
  });
});

// --- compile-time privacy check ----------------------------------------------------------------------------

interface PersonalFields {
  name: string;
  nationality: string;
  countryOfBirth: string;
  gender: string;
  birthYear: number;
  religion: string;
  familyStatus: string;
}

type PersonalKey = keyof PersonalFields | 'age';
/** `true` only while CandidateFeatures has none of the personal keys; adding one breaks `tsc`. */
type NoPersonalKeys<T> = [Extract<keyof T, PersonalKey>] extends [never] ? true : never;
const noPersonalKeys: NoPersonalKeys<CandidateFeatures> = true;
// The check can fail: on a type that carries a name, the same assignment does not compile.
// @ts-expect-error -- a candidate type with `name` must fail NoPersonalKeys
const controlCase: NoPersonalKeys<CandidateFeatures & { name: string }> = true;

// --- random features ---------------------------------------------------------------------------------------

const SKILL_IDS = ['skill/a', 'skill/b', 'skill/c', 'skill/d', 'skill/e', 'skill/f'];
const LICENCES = ['B', 'BE', 'C1', 'C', 'CE', 'D'];
const CERTIFICATES = ['T1', 'Hot work', 'First aid card'];
const TYPES = ['permanent', 'temporary', 'internship', 'work-trial'];
const OCCUPATIONS = ['occupation/1', 'occupation/2', 'occupation/3'];

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)];
}
function some<T>(rand: () => number, xs: readonly T[], p: number): T[] {
  return xs.filter(() => rand() < p);
}
function maybe<T>(rand: () => number, p: number, value: T): T | undefined {
  return rand() < p ? value : undefined;
}
function randomDay(rand: () => number): string {
  return new Date(Date.UTC(2026, 10, 1) + Math.floor(rand() * 240) * 86_400_000).toISOString().slice(0, 10);
}
function randomPlace(rand: () => number): GeoPoint {
  return { lat: 59 + rand() * 3, lng: 9 + rand() * 3 };
}

function randomCandidate(rand: () => number): CandidateFeatures {
  const skillPool = SKILL_IDS.map((id) => ({ id, label: id.replace('skill/', 'Skill ') }));
  return {
    skills: some(rand, skillPool, 0.5).map((s) => ({
      skillId: rand() < 0.8 ? s.id : null,
      label: rand() < 0.5 ? s.label.toUpperCase() : s.label,
      ...(rand() < 0.6 && { level: 1 + Math.floor(rand() * 5) }),
    })),
    languages: some(rand, ['nb', 'nn', 'en', 'ar'], 0.5).map((code) => ({
      code,
      spoken: Math.floor(rand() * 8),
      written: Math.floor(rand() * 8),
    })),
    home: maybe(rand, 0.8, randomPlace(rand)),
    commuteKm: maybe(rand, 0.5, Math.floor(rand() * 80)),
    drivingLicences: some(rand, LICENCES, 0.4),
    certificates: some(rand, CERTIFICATES, 0.6),
    permit: pick(rand, ['not-required', 'granted', 'applied', 'none', 'unknown'] as const),
    availableFrom: maybe(rand, 0.8, randomDay(rand)),
    hoursPercent: maybe(rand, 0.7, 10 + Math.floor(rand() * 91)),
    shiftsOk: pick(rand, [true, false, undefined]),
    wishedOpeningTypes: some(rand, TYPES, 0.4),
    wishedOccupationIds: some(rand, OCCUPATIONS, 0.3),
    experienceOccupationIds: some(rand, OCCUPATIONS, 0.3),
  };
}

function randomOpening(rand: () => number): OpeningRequirements {
  const requirement = () => {
    const id = pick(rand, SKILL_IDS);
    return {
      skillId: rand() < 0.8 ? id : null,
      label: id.replace('skill/', 'skill '),
      ...(rand() < 0.5 && { minLevel: 1 + Math.floor(rand() * 5) }),
    };
  };
  return {
    type: pick(rand, TYPES),
    occupationId: maybe(rand, 0.7, pick(rand, OCCUPATIONS)),
    mustHave: Array.from({ length: Math.floor(rand() * 4) }, requirement),
    niceToHave: Array.from({ length: Math.floor(rand() * 3) }, requirement),
    norwegianMin: maybe(rand, 0.7, 1 + Math.floor(rand() * 6)),
    otherLanguages: rand() < 0.3 ? [{ code: 'en', min: 1 + Math.floor(rand() * 6) }] : [],
    workplace: maybe(rand, 0.8, randomPlace(rand)),
    mode: pick(rand, ['on-site', 'hybrid', 'remote'] as const),
    hoursPercent: maybe(rand, 0.7, 10 + Math.floor(rand() * 91)),
    shifts: pick(rand, [true, false, undefined]),
    startDate: maybe(rand, 0.7, randomDay(rand)),
    drivingLicences: rand() < 0.2 ? [pick(rand, ['B', 'C1'])] : [],
    certificates: rand() < 0.15 ? [pick(rand, CERTIFICATES)] : [],
    workPermitRequired: rand() < 0.8,
    languageSupport: rand() < 0.5,
  };
}
