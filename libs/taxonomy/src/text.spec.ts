import { STOPWORDS, contentTokens, fold, stem, tokens } from './text';

describe('fold', () => {
  it('lower-cases, drops accents and turns punctuation into single spaces', () => {
    expect(fold('  Café-Crème,  MIG/MAG Welding! ')).toBe('cafe creme mig mag welding');
  });

  it('spells Norwegian and German letters in ASCII', () => {
    expect(fold('Bussjåfør')).toBe('bussjafor');
    expect(fold('Maskinoperatør, stansing')).toBe('maskinoperator stansing');
    expect(fold('Ærlig Straße')).toBe('aerlig strasse');
  });

  it('keeps + and # that end a name after a letter, and nowhere else', () => {
    expect(fold('C++, C# and F#')).toBe('c++ c# and f#');
    expect(fold('a+b 1+1 #1 c++/cli')).toBe('a b 1 1 1 c++ cli');
  });

  it('keeps Arabic letters but strips tashkeel', () => {
    expect(fold('مُهَنْدِس')).toBe('مهندس');
    expect(fold('سائق حافلة')).toBe('سائق حافلة');
    expect(fold('أَحْمَد')).toBe('أحمد');
  });

  it('keeps Cyrillic letters whole, including й and ё', () => {
    expect(fold('Водитель Йогурт ёлка')).toBe('водитель йогурт ёлка');
  });

  it('decomposes compatibility characters', () => {
    expect(fold('ﬁle ½')).toBe('file 1 2');
  });

  it('gives the empty string for text without letters or digits', () => {
    expect(fold(' -- / ')).toBe('');
  });
});

describe('tokens', () => {
  it('splits the folded text on spaces', () => {
    expect(tokens('Problem-solving & C++')).toEqual(['problem', 'solving', 'c++']);
  });

  it('gives no tokens for empty text', () => {
    expect(tokens('')).toEqual([]);
  });
});

describe('stem', () => {
  it.each([
    ['welding', 'weld'],
    ['welds', 'weld'],
    ['welded', 'weld'],
    ['welder', 'weld'],
    ['weld', 'weld'],
    ['cleaning', 'clean'],
    ['clean', 'clean'],
    ['cooking', 'cook'],
    ['cook', 'cook'],
    ['languages', 'languag'],
    ['language', 'languag'],
    ['analyse', 'analys'],
    ['analysing', 'analys'],
    ['analysis', 'analys'],
    ['analyzed', 'analys'],
    ['analytical', 'analytic'],
    ['analytically', 'analytic'],
    ['organisation', 'organis'],
    ['organization', 'organis'],
    ['organize', 'organis'],
    ['management', 'manag'],
    ['managing', 'manag'],
    ['manage', 'manag'],
    ['planning', 'plan'],
    ['modelling', 'model'],
    ['installing', 'install'],
    ['technologies', 'technology'],
    ['processes', 'process'],
    ['driving', 'driv'],
    ['drive', 'driv'],
    ['effectively', 'effectiv'],
    ['using', 'use'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it.each([['status'], ['basis'], ['string'], ['need'], ['speed'], ['engineer'], ['supply'], ['family']])(
    'leaves %s alone, although it looks inflected',
    (word) => {
      expect(stem(word)).toBe(word);
    },
  );

  it('returns tokens shorter than 4 characters, numbers and words outside a–z unchanged', () => {
    expect(['ing', 'ies', 'c++', '2024', 'førerkort', 'مهندس'].map(stem)).toEqual([
      'ing',
      'ies',
      'c++',
      '2024',
      'førerkort',
      'مهندس',
    ]);
  });

  it('treats plain a–z words of other languages by the same rules, which is harmless as both sides are stemmed', () => {
    expect(stem('sveiser')).toBe('sveis');
  });
});

describe('contentTokens', () => {
  it('drops job-ad filler and stems the rest', () => {
    expect(
      contentTokens('Experience with MIG welding and forklift; food hygiene certificate is a plus'),
    ).toEqual(['mig', 'weld', 'forklift', 'food', 'hygien', 'certificat']);
    expect(contentTokens('Good analytical and problem-solving skills')).toEqual([
      'analytic',
      'problem',
      'solv',
    ]);
  });

  it('uses a small stopword list that includes the usual ad filler', () => {
    for (const w of [
      'and',
      'the',
      'of',
      'with',
      'experience',
      'knowledge',
      'ability',
      'skills',
      'good',
      'strong',
    ]) {
      expect(STOPWORDS.has(w)).toBe(true);
    }
    expect(STOPWORDS.has('welding')).toBe(false);
  });
});
