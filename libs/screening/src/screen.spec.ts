import {
  compilePattern,
  compileRules,
  flagKey,
  screenFields,
  screenText,
  sentenceAround,
  unacknowledgedFlags,
} from './screen';

/**
 * Sentences from ordinary, lawful job ads that must NOT be flagged. False flags teach employers to click
 * "acknowledge" without reading, so every rule change has to keep this list quiet. Where a sentence is here
 * by a judgement call, the comment says which.
 */
const MUST_NOT_FLAG: readonly string[] = [
  // Norwegian
  'Vi søker en blid og pålitelig medarbeider til vårt team.',
  'Du har gode norskkunnskaper muntlig og skriftlig.',
  'Du snakker flytende norsk (B2) og engelsk.',
  'Kurs i norsk som andrespråk er en fordel.',
  // Inclusive: it names both ends of the age range, so it excludes nobody.
  'Stillingen passer for både unge og erfarne.',
  // Describes the employer, not the applicant; only "må være kristen"-style requirements are flagged.
  'Vi er en kristen barnehage med 40 barn.',
  'Han eller hun vil få ansvar for varemottak og lager.',
  'Seniorkonsulent',
  'Hjemmeside: www.ungdomshuset.no',
  'Vi har drevet i over 30 år og har 25 ansatte.',
  'Du har 2-5 års erfaring fra tilsvarende stilling.',
  'Mellom 10 og 15 år erfaring fra bransjen er en fordel.',
  // Legal minimum ages (alkoholloven, vaktvirksomhetsloven) are requirements of the job.
  'Du må være over 18 år på grunn av alkoholservering.',
  'Vektere må være minst 21 år.',
  // Encouraging the under-represented to apply is lawful positive action.
  'Kvinner oppfordres til å søke.',
  'Vi oppfordrer kvalifiserte kvinner og personer med innvandrerbakgrunn til å søke.',
  'Søkere med ikke-vestlig bakgrunn oppfordres til å søke.',
  'Søkere fra land utenfor EU/EØS må ha gyldig arbeidstillatelse.',
  'EU/EØS-borgere trenger ikke arbeidstillatelse.',
  'Stillingen krever sikkerhetsklarering, og du må være norsk statsborger.',
  'Du skal jobbe med unge mennesker i alderen 16–23 år.',
  'Vi tilrettelegger for personer med og uten funksjonsnedsettelse.',
  'Vi har fem planleggingsdager uten barn i året.',
  // Only Norwegian, Nordic and English mother-tongue requirements are flagged; bilingual roles need the other.
  'Tospråklig assistent med arabisk som morsmål og gode norskkunnskaper.',
  'Morsmålslærer i somali, 40 % stilling.',
  // Describes the workplace, not the applicant.
  'Vi er et ungt og dynamisk team i vekst.',
  'Vi er en ung bedrift i vekst.',
  'Bedriften eies av to kvinnelige gründere.',
  'Vi har god kjønnsbalanse og en kvinnelig daglig leder.',
  'Søker mannlig eller kvinnelig sjåfør.',
  'Stillingen innebærer tunge løft, og du må tåle fysisk arbeid.',
  'Det er ikke noe problem å bruke hijab hos oss.',
  'Lønn etter avtale. Søknadsfrist 1. mars.',
  'Du vil undervise jenter og gutter på 5. trinn.',
  'Vi ser etter deg som vil jobbe med kvinner i etableringsfasen.',
  'Ansatte får rabatt på dametøy og herreklær.',
  'Vi jobber med enslige mindreårige asylsøkere.',
  'Hos oss jobber kvinner og menn side om side.',
  'Stillingen passer for pensjonister og studenter.',
  'Stillingen er et vikariat for en ansatt i foreldrepermisjon.',
  'Produktbildene tas på hvit bakgrunn.',
  'Du må ha førerkort klasse B og være over 20 år.',
  'Miljøterapeut til bolig for ungdom mellom 13 og 18 år.',
  'Unge voksne i alderen 18-25 er vår målgruppe.',
  'Stillingen krever norsk statsborgerskap på grunn av krav om sikkerhetsklarering.',
  'EU/EØS-borgere er velkommen.',
  'Vi søker en fotballtrener til jentelaget vårt (J14).',
  'Vi oppfordrer alle til å søke, uavhengig av kjønn, alder, funksjonsevne, seksuell orientering eller religion.',
  'Vi tilbyr et ungt og uformelt arbeidsmiljø med fleksibel arbeidstid.',
  // Not flagged by choice: common, and usually about physical work. Describing the tasks is still better.
  'Du må være frisk og rask og tåle fysisk arbeid.',
  // English
  'Fluent Norwegian (B2) required.',
  // "Junior" and "senior" are experience levels, not ages.
  'Junior developer',
  'Senior accountant with 10 years of experience.',
  'We are a young and dynamic team.',
  'He or she will be responsible for the warehouse.',
  'Applicants from outside the EU/EEA must hold a valid work permit.',
  'EU/EEA citizens do not need a work permit.',
  'Non-EU citizens must have a valid work permit.',
  'Women and people with an immigrant background are encouraged to apply.',
  'You will work with young people aged 16-23.',
  'Experience with customer service is an advantage.',
  'The position requires lifting up to 25 kg.',
  'You must be over 18 to serve alcohol.',
  'You have at least 5 years of experience.',
  'Under 30 minutes from Oslo by train.',
  'Our company has been around for over 40 years.',
  'Male and female applicants are equally welcome.',
  'Good written English (C1) and conversational Norwegian (B1).',
  'We work with families with and without children.',
  'This is a single position starting in August.',
  'Recent graduates and experienced candidates are equally welcome.',
  'We sell skin care for fair skin.',
  'The team speaks Norwegian and English every day.',
  'Cuts must be straight and clean.',
  'Our female-led company was founded in Bergen.',
  'You must have a valid work permit. EU/EEA citizens are welcome.',
  'You will support young people between 16 and 25 in finding work.',
  'We value diversity and encourage applicants of all backgrounds, ages and genders to apply.',
  'Only male and female toilets are available on site.',
];

describe('screenText: lawful job-ad sentences', () => {
  it('has at least 40 of them', () => expect(MUST_NOT_FLAG.length).toBeGreaterThanOrEqual(40));

  it.each(MUST_NOT_FLAG)('does not flag %j', (text) => {
    expect(screenText(text).map((f) => `${f.ruleId}: ${f.phrase}`)).toEqual([]);
  });
});

describe('screenFields', () => {
  const opening = {
    title: 'Lagermedarbeider',
    description:
      'Vi er et ungt og dynamisk team.\nVi søker en ung og sprek medarbeider, gjerne mellom 25 og 35 år.',
    requirements: 'Norsk som morsmål. Fluent English.',
    contact: undefined,
  };

  it('flags each phrase with field, offsets, category, reason and suggestion', () => {
    const flags = screenFields(opening);
    expect(flags.map((f) => [f.field, f.ruleId, f.category, f.phrase])).toEqual([
      ['description', 'age-young-nb', 'age', 'ung og sprek'],
      ['description', 'age-range-nb', 'age', 'mellom 25 og 35 år'],
      ['requirements', 'native-language-nb', 'native-language', 'Norsk som morsmål'],
    ]);
    for (const f of flags) {
      const text = opening[f.field as keyof typeof opening] as string;
      expect(text.slice(f.start, f.end)).toBe(f.phrase);
      expect(f.reason.nb).toMatch(/§/);
      expect(f.reason.en).toMatch(/§/);
    }
    expect(flags[2].suggestion?.nb).toContain('gode norskkunnskaper');
    expect(flags[2].suggestion?.en).toContain('Norwegian');
  });

  it('orders flags by the order the fields were given, then by offset', () => {
    const flags = screenFields({
      requirements: 'Etnisk norsk.',
      title: 'Dame søkes',
      description: 'Kun menn.',
    });
    expect(flags.map((f) => f.field)).toEqual(['requirements', 'title', 'description']);
    const many = screenText('Norsk som morsmål. Ung og sprek. Ikke gravid. Norsk statsborger.');
    expect(many.map((f) => f.start)).toEqual([...many.map((f) => f.start)].sort((a, b) => a - b));
    expect(many.map((f) => f.ruleId)).toEqual([
      'native-language-nb',
      'age-young-nb',
      'family-pregnancy-nb',
      'nationality-citizen-nb',
    ]);
  });

  it('skips undefined and empty fields', () => {
    expect(screenFields({ title: undefined, description: '' })).toEqual([]);
  });

  it('flags every occurrence, each with its own offsets', () => {
    const text = 'Ung og sprek? Da er du riktig. Er du ung og sprek, søk nå!';
    const flags = screenText(text);
    expect(flags.map((f) => [f.phrase, f.start])).toEqual([
      ['Ung og sprek', 0],
      ['ung og sprek', text.lastIndexOf('ung og sprek')],
    ]);
  });

  it('gives one flag per rule where its patterns overlap, keeping the earliest, longest match', () => {
    // age-max-nb has two patterns that both match here.
    const flags = screenText('Du må være maks 40 år gammel.');
    expect(flags.map((f) => [f.ruleId, f.phrase])).toEqual([['age-max-nb', 'maks 40 år gammel']]);
  });

  it('lets different rules flag the same words, each with its own reason', () => {
    const flags = screenText('Vi søker en ung mann til lageret.');
    expect(flags.map((f) => [f.ruleId, f.phrase])).toEqual([
      ['gender-person-nb', 'søker en ung mann'],
      ['age-young-nb', 'ung mann'],
    ]);
  });

  it('keeps offsets right after astral characters (UTF-16 units, as String.slice counts)', () => {
    const text = '🚚🚚 Sjåfør søkes! Du har norsk som morsmål.';
    const [flag] = screenText(text);
    expect(flag.phrase).toBe('norsk som morsmål');
    expect(text.slice(flag.start, flag.end)).toBe(flag.phrase);
  });
});

describe('case and æøå', () => {
  it.each([
    ['NORSK SOM MORSMÅL', 'native-language-nb'],
    ['Norsk Som Morsmål', 'native-language-nb'],
    ['ETNISK NORSK', 'ethnicity-ethnic-nb'],
    ['ØVRE ALDERSGRENSE', 'age-max-nb'],
    ['NATIVE NORWEGIAN SPEAKER', 'native-language-en'],
    ['Female Only', 'gender-only-en'],
  ])('matches %j regardless of case', (text, ruleId) => {
    expect(screenText(text).map((f) => [f.ruleId, f.phrase])).toEqual([[ruleId, text]]);
  });

  it('treats æ, ø and å as letters, so words inside other words do not match', () => {
    const ung = compilePattern('ung');
    for (const inside of ['øung', 'ungø', 'åung', 'ungæ', 'Ålesungå', 'ung-dom', 'ung2']) {
      expect(inside.match(ung)).toBeNull();
    }
    for (const alone of ['ung', 'Ung!', '(ung)', 'en ung, sprek', '«ung»'])
      expect(alone.match(ung)).not.toBeNull();
    // With a plain \b, "å" and "ø" would be word boundaries and these would be flagged.
    expect(screenText('Blåjenter søkes til koret')).toEqual([]);
    expect(screenText('Søkere må være Ømaks 40 år')).toEqual([]);
  });

  it('matches phrases that start or end with æøå', () => {
    expect(screenText('Øvre aldersgrense er 40 år.').map((f) => f.phrase)).toEqual(['Øvre aldersgrense']);
    expect(screenText('Morsmål: norsk').map((f) => f.phrase)).toEqual(['Morsmål: norsk']);
    expect(screenText('Vi søker ikke-vestlige søkere med norsk som morsmål.').map((f) => f.phrase)).toEqual([
      'norsk som morsmål',
    ]);
  });

  it('expects NFC text: a decomposed å (a + combining ring) is not æøå, so the caller normalises', () => {
    const decomposed = 'norsk som morsma\u030Al';
    expect(screenText(decomposed).map((f) => f.phrase)).toEqual([]); // not NFC: the service normalises first
    expect(screenText(decomposed.normalize('NFC')).map((f) => f.ruleId)).toEqual(['native-language-nb']);
  });
});

describe('exceptions', () => {
  it('suppress a hit only within its own sentence', () => {
    expect(
      screenText('Kvinnelig sykepleier søkes. Kvinner oppfordres til å søke.').map((f) => f.phrase),
    ).toEqual(['Kvinnelig']);
    expect(screenText('Kvinnelig sykepleier søkes, og kvinner oppfordres til å søke.')).toEqual([]);
    expect(screenText('Du må være norsk statsborger.\nStillingen krever sikkerhetsklarering.')).toHaveLength(
      1,
    );
  });

  it('sentenceAround splits on line breaks, bullets, semicolons and . ! ? before a space', () => {
    const text = 'Først. Andre setning med www.nettsted.no og 2.5 prosent!\nTredje • Fjerde; femte';
    const at = (word: string) => sentenceAround(text, text.indexOf(word), text.indexOf(word) + word.length);
    expect(at('nettsted').trim()).toBe('Andre setning med www.nettsted.no og 2.5 prosent');
    expect(at('Tredje').trim()).toBe('Tredje');
    expect(at('femte').trim()).toBe('femte');
    expect(at('Først')).toBe('Først');
  });

  it('are applied per rule', () => {
    const set = compileRules([
      {
        id: 'a',
        category: 'age',
        lang: 'nb',
        patterns: ['ung'],
        reason: { nb: 'n', en: 'e' },
        exceptions: ['ikke'],
      },
      { id: 'b', category: 'age', lang: 'nb', patterns: ['ung'], reason: { nb: 'n', en: 'e' } },
    ]);
    expect(screenText('ikke ung', 'text', set).map((f) => f.ruleId)).toEqual(['b']);
    expect(screenText('ung', 'text', set).map((f) => f.ruleId)).toEqual(['a', 'b']);
  });
});

describe('flagKey and acknowledgements', () => {
  it('is rule:field:phrase, lower-cased with whitespace collapsed', () => {
    const [flag] = screenFields({ requirements: 'Du har Norsk  som\nmorsmål.' });
    expect(flagKey(flag)).toBe('native-language-nb:requirements:norsk som morsmål');
  });

  it('survives edits elsewhere in the text, and changes when the flagged words change', () => {
    const before = screenFields({ requirements: 'Norsk som morsmål.' });
    const acknowledged = before.map(flagKey);
    const movedAndRecased = screenFields({ requirements: 'Førerkort klasse B. NORSK SOM MORSMÅL.' });
    expect(movedAndRecased[0].start).not.toBe(before[0].start);
    expect(unacknowledgedFlags(movedAndRecased, acknowledged)).toEqual([]);
    const newFlag = screenFields({ requirements: 'Norsk som morsmål. Etnisk norsk.' });
    expect(unacknowledgedFlags(newFlag, acknowledged).map((f) => f.ruleId)).toEqual(['ethnicity-ethnic-nb']);
    const otherField = screenFields({ description: 'Norsk som morsmål.' });
    expect(unacknowledgedFlags(otherField, acknowledged)).toHaveLength(1);
  });
});
