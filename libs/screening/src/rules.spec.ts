import { CATEGORIES, compileRules, DEFAULT_RULE_SET, RULES, screenText, ScreeningRuleError } from './screen';

/**
 * Positive examples: [rule id, sentence from a job ad, the phrase that must be flagged]. Every rule needs at
 * least one, and every pattern of a rule must be matched by one of its examples (tested below), so a rule or
 * pattern without a test fails the suite instead of rotting unseen.
 */
const EXAMPLES: readonly (readonly [ruleId: string, text: string, phrase: string])[] = [
  // age, nb
  ['age-range-nb', 'Vi søker deg mellom 25 og 35 år.', 'mellom 25 og 35 år'],
  ['age-range-nb', 'Alder: 20–30 år. Førerkort klasse B.', 'Alder: 20–30 år'],
  ['age-range-nb', 'Søkere i alderen 25-40 år foretrekkes.', 'i alderen 25-40 år'],
  ['age-range-nb', 'Du er 20-30 år og glad i folk.', 'er 20-30 år'],
  ['age-range-nb', 'Du er i 20-årene.', 'er i 20-årene'],
  ['age-max-nb', 'Vi søker deg under 30 år som vil lære faget.', 'deg under 30 år'],
  ['age-max-nb', 'Du bør helst være under 35.', 'være under 35'],
  ['age-max-nb', 'Søkere må være maks 40 år.', 'maks 40 år'],
  ['age-max-nb', 'Du er ikke eldre enn 45 år gammel.', 'ikke eldre enn 45 år gammel'],
  ['age-max-nb', 'Stillingen har øvre aldersgrense.', 'øvre aldersgrense'],
  ['age-max-nb', 'Aldersgrense: 35 år.', 'Aldersgrense: 35 år'],
  ['age-min-nb', 'Du må være minst 25 år.', 'må være minst 25 år'],
  ['age-min-nb', 'Søkeren bør være over 30 år gammel.', 'bør være over 30 år gammel'],
  ['age-min-nb', 'Søkere over 40 år vil ikke bli vurdert.', 'Søkere over 40 år'],
  ['age-young-nb', 'Vi søker en ung og sprek medarbeider til lageret.', 'ung og sprek'],
  ['age-young-nb', 'Vi ser etter unge, energiske selgere.', 'unge, energiske'],
  ['age-young-nb', 'Vi ønsker yngre medarbeidere i butikken.', 'yngre medarbeidere'],
  ['age-graduate-nb', 'Stillingen passer for nyutdannede.', 'nyutdannede'],
  // age, en
  ['age-range-en', 'Candidates aged 20-30 preferred.', 'aged 20-30'],
  ['age-range-en', 'We hire people between the ages of 25 and 35.', 'between the ages of 25 and 35'],
  ['age-range-en', 'Ideal candidate is 25 to 35 years old.', '25 to 35 years old'],
  ['age-max-en', 'Applicants under 30 years are preferred.', 'Applicants under 30 years'],
  ['age-max-en', 'You must be under 35.', 'be under 35'],
  ['age-max-en', 'Candidates no older than 40 years old.', 'Candidates no older than 40 years old'],
  ['age-max-en', 'Maximum age 45.', 'Maximum age 45'],
  ['age-min-en', 'You must be at least 25 years old.', 'must be at least 25 years old'],
  ['age-min-en', 'Candidates over 40 will not be considered.', 'Candidates over 40'],
  ['age-young-en', 'We are looking for young candidates.', 'young candidates'],
  ['age-young-en', 'You are young and energetic.', 'young and energetic'],
  ['age-young-en', 'Digital natives wanted!', 'Digital natives'],
  ['age-graduate-en', 'The ideal candidate is a recent graduate.', 'recent graduate'],
  // gender, nb
  ['gender-adjective-nb', 'Vi søker mannlig sjåfør.', 'mannlig'],
  ['gender-adjective-nb', 'Kvinnelig sykepleier søkes.', 'Kvinnelig'],
  ['gender-only-nb', 'Stillingen er kun for menn.', 'kun for menn'],
  ['gender-only-nb', 'Dame søkes til butikk.', 'Dame søkes'],
  ['gender-person-nb', 'Vi søker to blide jenter til kassa.', 'søker to blide jenter'],
  ['gender-person-nb', 'Sprek mann til flytteoppdrag.', 'Sprek mann'],
  ['gender-person-nb', 'Bli en av gutta på verkstedet!', 'en av gutta'],
  ['gender-title-nb', 'Kassadame søkes til helg.', 'Kassadame'],
  ['gender-identity-nb', 'Ingen transpersoner.', 'Ingen transpersoner'],
  // gender, en
  ['gender-adjective-en', 'Only male candidates will be considered.', 'male candidates'],
  ['gender-adjective-en', 'Must be a male.', 'Must be a male'],
  ['gender-only-en', 'Female only.', 'Female only'],
  ['gender-only-en', 'This shift is only women.', 'only women'],
  ['gender-only-en', 'We hire only women.', 'only women'],
  ['gender-person-en', 'We are looking for a strong man to help with moving.', 'looking for a strong man'],
  ['gender-person-en', 'Attractive girls for our bar.', 'Attractive girls'],
  ['gender-title-en', 'Waitress needed for weekends.', 'Waitress'],
  ['gender-identity-en', 'No transgender applicants.', 'No transgender applicants'],
  // nationality and ethnicity, nb
  ['nationality-citizen-nb', 'Du må være norsk statsborger.', 'norsk statsborger'],
  ['nationality-citizen-nb', 'Vi ansetter kun personer med norsk pass.', 'norsk pass'],
  ['nationality-eu-nb', 'Kun EU/EØS-borgere kan søke.', 'EU/EØS-borgere'],
  ['nationality-eu-nb', 'Du må ha europeisk statsborgerskap.', 'europeisk statsborgerskap'],
  ['nationality-foreigners-nb', 'Ingen utlendinger, takk.', 'Ingen utlendinger'],
  ['nationality-foreigners-nb', 'Flyktninger trenger ikke søke.', 'Flyktninger trenger ikke søke'],
  ['nationality-foreigners-nb', 'Stillingen er kun for nordmenn.', 'kun for nordmenn'],
  ['ethnicity-ethnic-nb', 'Vi ønsker en etnisk norsk medarbeider.', 'etnisk norsk'],
  ['ethnicity-origin-nb', 'Søkere av nordisk opprinnelse foretrekkes.', 'nordisk opprinnelse'],
  ['ethnicity-origin-nb', 'Du er født og oppvokst i Norge.', 'født og oppvokst i Norge'],
  // nationality and ethnicity, en
  ['nationality-citizen-en', 'You must be a Norwegian citizen.', 'Norwegian citizen'],
  ['nationality-eu-en', 'EU citizen only.', 'EU citizen'],
  ['nationality-eu-en', 'Only EU/EEA citizens are welcome.', 'EU/EEA citizens'],
  ['nationality-eu-nb', 'Kun EU/EØS-borgere er velkommen.', 'EU/EØS-borgere'],
  ['nationality-foreigners-en', 'No foreigners.', 'No foreigners'],
  ['nationality-foreigners-en', "Immigrants can't apply for this role.", "Immigrants can't apply"],
  ['nationality-foreigners-en', 'Norwegians only.', 'Norwegians only'],
  ['ethnicity-ethnic-en', 'We prefer ethnic Norwegians.', 'ethnic Norwegians'],
  ['ethnicity-ethnic-en', 'White candidates preferred.', 'White candidates'],
  ['ethnicity-origin-en', 'Applicants of Scandinavian descent preferred.', 'of Scandinavian descent'],
  ['ethnicity-origin-en', 'Nordic appearance is important for this brand.', 'Nordic appearance'],
  ['ethnicity-origin-en', 'You were born and raised in Norway.', 'born and raised in Norway'],
  // religion
  ['religion-require-nb', 'Du må være kristen.', 'må være kristen'],
  ['religion-require-nb', 'Du har en personlig kristen tro.', 'personlig kristen tro'],
  ['religion-exclude-nb', 'Ikke hijab på jobb.', 'Ikke hijab'],
  ['religion-exclude-nb', 'Hodeplagg er ikke tillatt.', 'Hodeplagg er ikke tillatt'],
  ['religion-exclude-nb', 'Ingen muslimer.', 'Ingen muslimer'],
  ['religion-require-en', 'You must be Christian.', 'must be Christian'],
  ['religion-require-en', 'A personal faith is essential.', 'personal faith'],
  ['religion-require-en', 'Christians only.', 'Christians only'],
  ['religion-exclude-en', 'No headscarves in the shop.', 'No headscarves'],
  ['religion-exclude-en', 'Hijabs are not allowed.', 'Hijabs are not allowed'],
  ['religion-exclude-en', 'No Muslims.', 'No Muslims'],
  ['religion-exclude-en', 'Applicants must not wear a hijab.', 'not wear a hijab'],
  // family
  ['family-pregnancy-nb', 'Du kan ikke være gravid.', 'ikke være gravid'],
  ['family-pregnancy-nb', 'Har du planer om å få barn?', 'planer om å få barn'],
  ['family-pregnancy-nb', 'Stillingen krever at du ikke er gravid.', 'ikke er gravid'],
  ['family-children-nb', 'Passer for deg uten barn.', 'uten barn'],
  ['family-children-nb', 'Du har ingen omsorgsforpliktelser.', 'ingen omsorgsforpliktelser'],
  ['family-children-nb', 'Vi ønsker ikke søkere med små barn.', 'ikke søkere med små barn'],
  ['family-children-nb', 'Du har ikke barn.', 'har ikke barn'],
  ['family-marital-nb', 'Du er ugift og fleksibel.', 'ugift'],
  ['family-pregnancy-en', 'You must not be pregnant.', 'not be pregnant'],
  ['family-pregnancy-en', 'Are you planning to start a family?', 'planning to start a family'],
  ['family-children-en', 'No children.', 'No children'],
  ['family-children-en', 'You have no family commitments.', 'no family commitments'],
  ['family-children-en', 'You must not have children.', 'not have children'],
  ['family-marital-en', 'You must be single.', 'must be single'],
  ['family-marital-en', 'Single women preferred.', 'Single women'],
  // native language
  ['native-language-nb', 'Du har norsk som morsmål.', 'norsk som morsmål'],
  ['native-language-nb', 'Morsmål: norsk.', 'Morsmål: norsk'],
  ['native-language-nb', 'Du snakker norsk uten aksent.', 'uten aksent'],
  ['native-level-nb', 'Du snakker norsk som en innfødt.', 'som en innfødt'],
  ['native-level-nb', 'Du snakker norsk på morsmålsnivå.', 'morsmålsnivå'],
  ['native-language-en', 'Native Norwegian speaker required.', 'Native Norwegian speaker'],
  ['native-language-en', 'Norwegian mother tongue.', 'Norwegian mother tongue'],
  ['native-language-en', 'Languages: Norwegian (native), English (fluent).', 'Norwegian (native)'],
  ['native-language-en', 'Candidates must be native speakers.', 'must be native speakers'],
  ['native-level-en', 'Native-level Norwegian is required.', 'Native-level'],
  // disability
  ['disability-nb', 'Du har ingen funksjonsnedsettelser.', 'ingen funksjonsnedsettelser'],
  ['disability-nb', 'Rullestolbrukere trenger ikke søke.', 'Rullestolbrukere trenger ikke søke'],
  ['disability-en', 'You are free of health problems.', 'free of health problems'],
  ['disability-en', 'Must not have any disabilities.', 'not have any disabilities'],
  ['disability-en', 'Wheelchair users need not apply.', 'Wheelchair users need not apply'],
  ['disability-en', 'Able-bodied workers wanted.', 'Able-bodied'],
  // sexual orientation
  ['sexual-orientation-nb', 'Ingen homofile.', 'Ingen homofile'],
  ['sexual-orientation-en', 'No gays.', 'No gays'],
];

describe('rules.json', () => {
  it('parses, and rule ids are unique', () => {
    expect(RULES.length).toBeGreaterThan(0);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });

  it('has 40 to 80 patterns in all and covers every category in both languages', () => {
    const patterns = RULES.reduce((n, r) => n + r.patterns.length, 0);
    expect(patterns).toBeGreaterThanOrEqual(40);
    expect(patterns).toBeLessThanOrEqual(80);
    for (const category of CATEGORIES) {
      for (const lang of ['nb', 'en'] as const) {
        expect(RULES.filter((r) => r.category === category && r.lang === lang).length).toBeGreaterThan(0);
      }
    }
  });

  it('every reason cites the law in both languages', () => {
    const uncited = RULES.filter((r) => !r.reason.nb.includes('§') || !r.reason.en.includes('§'));
    expect(uncited.map((r) => r.id)).toEqual([]);
  });

  it('every rule has a positive example', () => {
    const exercised = new Set(EXAMPLES.map(([id]) => id));
    expect(RULES.map((r) => r.id).filter((id) => !exercised.has(id))).toEqual([]);
  });

  it('every pattern of every rule is matched by one of its examples', () => {
    const unmatched: string[] = [];
    for (const { rule, patterns } of DEFAULT_RULE_SET.compiled) {
      const texts = EXAMPLES.filter(([id]) => id === rule.id).map(([, text]) => text);
      patterns.forEach((re, i) => {
        if (!texts.some((t) => t.match(re))) unmatched.push(`${rule.id} patterns[${i}]`);
      });
    }
    expect(unmatched).toEqual([]);
  });

  it('examples name existing rules', () => {
    const ids = new Set(RULES.map((r) => r.id));
    expect(EXAMPLES.map(([id]) => id).filter((id) => !ids.has(id))).toEqual([]);
  });

  it.each(EXAMPLES)('%s flags %j', (ruleId, text, phrase) => {
    const flags = screenText(text);
    expect(flags.filter((f) => f.ruleId === ruleId).map((f) => f.phrase)).toEqual([phrase]);
    for (const f of flags) expect(text.slice(f.start, f.end)).toBe(f.phrase);
  });
});

describe('compileRules validation', () => {
  const good = {
    id: 'test-rule',
    category: 'age',
    lang: 'nb',
    patterns: ['ung'],
    reason: { nb: 'grunn', en: 'reason' },
  };

  it('accepts a minimal rule', () => {
    expect(compileRules([good]).rules.map((r) => r.id)).toEqual(['test-rule']);
  });

  it.each([
    ['not an array', { rules: [] }, /must be an array/],
    ['a bad id', [{ ...good, id: 'Test Rule' }], /#0: id must be/],
    ['a duplicate id', [good, good], /"test-rule": id appears twice/],
    ['an unknown category', [{ ...good, category: 'politics' }], /"test-rule": category must be one of/],
    ['an unknown lang', [{ ...good, lang: 'sv' }], /"test-rule": lang must be one of/],
    ['an unknown key', [{ ...good, exception: ['x'] }], /"test-rule": unknown key "exception"/],
    ['no patterns', [{ ...good, patterns: [] }], /"test-rule": patterns must not be empty/],
    ['a non-string pattern', [{ ...good, patterns: [42] }], /"test-rule": patterns must be an array/],
    [
      'a pattern that does not compile',
      [{ ...good, patterns: ['(ung'] }],
      /"test-rule": patterns\[0\] does not compile/,
    ],
    [
      'a pattern that is only valid without u',
      [{ ...good, patterns: ['\\-'] }],
      /patterns\[0\] does not compile/,
    ],
    [
      'a pattern matching nothing visible',
      [{ ...good, patterns: ['x?'] }],
      /patterns\[0\] matches the empty string/,
    ],
    [
      'an exception that does not compile',
      [{ ...good, exceptions: ['[a'] }],
      /exceptions\[0\] does not compile/,
    ],
    ['a missing English reason', [{ ...good, reason: { nb: 'grunn' } }], /"test-rule": reason.en must be/],
    [
      'an empty Norwegian reason',
      [{ ...good, reason: { nb: ' ', en: 'r' } }],
      /"test-rule": reason.nb must be/,
    ],
    ['a note that is not text', [{ ...good, note: 1 }], /"test-rule": note must be a string/],
    ['a half suggestion', [{ ...good, suggestion: { en: 'x' } }], /"test-rule": suggestion.nb must be/],
  ])('rejects %s, naming the rule', (_what, raw, message) => {
    expect(() => compileRules(raw)).toThrow(ScreeningRuleError);
    expect(() => compileRules(raw)).toThrow(message);
  });
});
