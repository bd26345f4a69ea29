import {
  CATALOGUES,
  LANGUAGE_CHAIN,
  LANGUAGES,
  bidiIsolate,
  formatDay,
  formatKm,
  formatList,
  openingTypeName,
  pickLanguage,
  translate,
  translateCount,
  type Lang,
  type PluralKey,
} from './catalogue';
import { smsSegments } from './sms-segments';

/** Every leaf of a catalogue as [dotted key, text]. */
function leaves(node: object, prefix = ''): [string, string][] {
  return Object.entries(node).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string' ? [[`${prefix}${k}`, v]] : leaves(v as object, `${prefix}${k}.`),
  );
}

function variables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
}

/** 'digest.subject_few' → 'digest.subject'; a key without a plural suffix stays as it is. */
const pluralBase = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

describe('pickLanguage', () => {
  it.each([
    ['nb', 'nb'],
    ['nn', 'nb'],
    ['no', 'nb'],
    ['nb-NO', 'nb'],
    ['NO', 'nb'],
    ['sv', 'nb'],
    ['sv-SE', 'nb'],
    ['da', 'nb'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['ar', 'ar'],
    ['ar-SY', 'ar'],
    ['ar_EG', 'ar'],
    [' uk ', 'uk'],
    ['uk-UA', 'uk'],
    // Russian is not assumed to mean Ukrainian.
    ['ru', 'en'],
    ['ru-UA', 'en'],
    ['fa', 'en'],
    ['ti', 'en'],
    ['so', 'en'],
    ['', 'en'],
    ['-', 'en'],
    [undefined, 'en'],
  ] as const)('%p → %s', (preferred, expected) => {
    expect(pickLanguage(preferred)).toBe(expected);
  });

  it('declares each code once, and only languages we write in', () => {
    const codes = LANGUAGE_CHAIN.flatMap((r) => r.codes);
    expect(new Set(codes).size).toBe(codes.length);
    for (const rule of LANGUAGE_CHAIN) expect(LANGUAGES).toContain(rule.lang);
  });
});

describe('catalogues', () => {
  const reference = new Map(leaves(CATALOGUES.en));

  /** Messages with plural forms: English has `_one` and `_other` of each. */
  const plurals = new Set([...reference.keys()].filter((k) => k.endsWith('_other')).map(pluralBase));

  it.each(LANGUAGES)(
    '%s has exactly the English keys, plural forms as its language has them, with the same variables',
    (lang) => {
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      const expected = [...reference.keys()].flatMap((k) => {
        if (!plurals.has(pluralBase(k))) return [k];
        return k.endsWith('_other') ? categories.map((c) => `${pluralBase(k)}_${c}`) : [];
      });
      const entries = leaves(CATALOGUES[lang]);
      expect(entries.map(([k]) => k).sort()).toEqual(expected.sort());
      for (const [key, text] of entries) {
        expect(text.trim()).not.toBe('');
        if (plurals.has(pluralBase(key))) {
          // A form may leave the number out ("A job tip for you"); the next test checks it where it matters.
          const others = (t: string) => variables(t).filter((v) => v !== 'count');
          expect([key, others(text)]).toEqual([key, others(reference.get(`${pluralBase(key)}_other`) ?? '')]);
        } else {
          expect([key, variables(text)]).toEqual([key, variables(reference.get(key) ?? '')]);
        }
      }
    },
  );

  // Ukrainian says "21 вакансія" with the form for one: only the forms for exactly 1 and 2 may leave it out.
  it.each(LANGUAGES)('%s plural forms write the number from 3 on', (lang) => {
    for (const key of plurals) {
      for (const n of [3, 4, 5, 11, 12, 21, 22, 25, 100, 101, 102, 111]) {
        expect([key, n, translateCount(lang, key as PluralKey, n).includes(String(n))]).toEqual([
          key,
          n,
          true,
        ]);
      }
    }
  });

  it.each(['ar', 'uk'] as const)('%s is really translated, not English left in place', (lang) => {
    const same = leaves(CATALOGUES[lang]).filter(([k, text]) => text === reference.get(k));
    expect(same).toEqual([]);
  });

  // A Norwegian or English SMS must stay in the GSM alphabet: one stray character would make it UCS-2 and
  // halve the room for the message.
  it.each(['nb', 'en'] as const)('%s texts used in SMS are GSM-7', (lang) => {
    const smsKeys = leaves(CATALOGUES[lang]).filter(([k]) => /^(sms|reasons|list|types)\./.test(k));
    for (const [key, text] of smsKeys) expect([key, smsSegments(text).encoding]).toEqual([key, 'gsm7']);
  });
});

describe('translate', () => {
  it('fills in values and works right after import (initialised synchronously)', () => {
    expect(translate('nb', 'email.subject', { title: 'Sveiser' })).toBe(
      'En jobb som kan passe for deg: Sveiser',
    );
    expect(translate('uk', 'reasons.distance', { km: '12' })).toBe('Робоче місце за 12 км від вашого дому.');
  });

  it('leaves values alone: no HTML escaping, no interpolation or nesting inside them', () => {
    const title = 'A & B <b> {{title}} $t(email.greeting)';
    expect(translate('en', 'inApp.title', { title })).toBe(`Job tip: ${title}`);
  });

  it.each([
    ['en', 1, 'A job tip for you'],
    ['en', 3, '3 job tips for you'],
    ['nb', 1, 'Et jobbtips til deg'],
    ['nb', 4, '4 jobbtips til deg'],
    ['uk', 1, '1 вакансія для вас'],
    ['uk', 3, '3 вакансії для вас'],
    ['uk', 5, '5 вакансій для вас'],
    ['uk', 21, '21 вакансія для вас'],
    ['ar', 1, 'فرصة عمل لك'],
    ['ar', 2, 'فرصتا عمل لك'],
    ['ar', 3, '3 فرص عمل لك'],
    ['ar', 11, '11 فرصة عمل لك'],
  ] as [Lang, number, string][])('chooses the plural form in %s for %d', (lang, n, expected) => {
    expect(translateCount(lang, 'digest.subject', n)).toBe(expected);
  });

  it('fills other values of a plural message as translate does, and keeps the count its own', () => {
    expect(translateCount('en', 'sms.digestMore', 2, { count: 9, lng: 'nb' })).toBe(
      '+2 more in the app or e-mail',
    );
  });

  it('takes a value named like an i18next option as a value', () => {
    expect(translate('en', 'list.more', { n: 2, count: 5, lng: 'nb' })).toBe('2 more');
  });
});

describe('formats', () => {
  it.each([
    ['nb', '4. januar 2027'],
    ['en', '4 January 2027'],
    ['uk', '4 січня 2027 р.'],
    ['ar', '4 يناير 2027'],
  ] as [Lang, string][])('formatDay in %s', (lang, expected) => {
    expect(formatDay(lang, '2027-01-04')).toBe(expected);
  });

  it('keeps the calendar day in summer time too', () => {
    expect(formatDay('en', '2026-07-01')).toBe('1 July 2026');
  });

  it.each(['2027-02-30', '4.1.2027', '2027-1-4', ''])('refuses %p as a day', (day) => {
    expect(() => formatDay('nb', day)).toThrow(RangeError);
  });

  it('writes kilometres with one decimal under 10, whole above', () => {
    expect(formatKm('nb', 3.44)).toBe('3,4');
    expect(formatKm('en', 3.44)).toBe('3.4');
    expect(formatKm('nb', 12.3)).toBe('12');
    expect(formatKm('en', 0.3)).toBe('0.3');
  });

  it('lists up to three items, then two and "N more"', () => {
    expect(formatList('en', ['welding'])).toBe('welding');
    expect(formatList('en', ['a', 'b', 'c'])).toBe('a, b and c');
    expect(formatList('en', ['a', 'b', 'c', 'd'])).toBe('a, b and 2 more');
    expect(formatList('nb', ['a', 'b', 'c', 'd', 'e'])).toBe('a, b og 3 til');
    expect(formatList('uk', ['a', 'b', 'c', 'd'])).toBe('a, b і ще 2');
  });

  it('isolates list items in Arabic when asked, and only there', () => {
    expect(formatList('ar', ['a', 'b'], true)).toBe('\u2068a\u2069 و\u2068b\u2069');
    expect(formatList('nb', ['a', 'b'], true)).toBe('a og b');
    expect(bidiIsolate('ar', 'Sveiser (deltid)')).toBe('\u2068Sveiser (deltid)\u2069');
    expect(bidiIsolate('uk', 'Sveiser (deltid)')).toBe('Sveiser (deltid)');
  });

  it('names the opening types it knows and no others', () => {
    expect(openingTypeName('nb', 'work-trial')).toBe('Jobbhospitering');
    expect(openingTypeName('en', 'summer-job')).toBe('Summer job');
    expect(openingTypeName('en', 'volunteer')).toBeUndefined();
    expect(openingTypeName('en', 'toString')).toBeUndefined();
  });
});
