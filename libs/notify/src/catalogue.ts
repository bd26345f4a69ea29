import { createInstance } from 'i18next';
import ar from './locales/ar.json';
import en from './locales/en.json';
import nb from './locales/nb.json';
import uk from './locales/uk.json';

/** The languages notifications are written in. */
export const LANGUAGES = ['nb', 'en', 'ar', 'uk'] as const;
export type Lang = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Lang = 'en';

/**
 * How a candidate's preferred language (a BCP 47 tag, only its first subtag is read) becomes one we write in.
 * Anything not listed, and no preference at all, gets DEFAULT_LANGUAGE.
 */
export const LANGUAGE_CHAIN: readonly { readonly codes: readonly string[]; readonly lang: Lang }[] = [
  // Bokmål, nynorsk and the macrolanguage: Bokmål is what the readers meet at NAV and at work.
  { codes: ['nb', 'nn', 'no'], lang: 'nb' },
  // A Swede or Dane reads written Bokmål more easily than English.
  { codes: ['sv', 'da'], lang: 'nb' },
  { codes: ['en'], lang: 'en' },
  { codes: ['ar'], lang: 'ar' },
  { codes: ['uk'], lang: 'uk' },
  // Deliberately not Ukrainian: Russian speakers come from many countries, and choosing Ukrainian for them is
  // a guess about their origin that can also hurt. Listed so nobody "fixes" it by adding ru to the line above.
  { codes: ['ru'], lang: 'en' },
];

const CHAIN = new Map(LANGUAGE_CHAIN.flatMap(({ codes, lang }) => codes.map((c) => [c, lang] as const)));

/** 'nb-NO', 'ar_SY', ' UK ' and undefined all work: only the primary subtag counts. */
export function pickLanguage(preferred?: string): Lang {
  const primary = preferred?.trim().split(/[-_]/)[0]?.toLowerCase();
  return (primary && CHAIN.get(primary)) || DEFAULT_LANGUAGE;
}

export function textDirection(lang: Lang): 'ltr' | 'rtl' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/**
 * Locales for Intl. English as written in Norway (day before month). Arabic with Western digits: they are the
 * digits on Norwegian letters, signs and forms, and the numbers in our sentences (km, counts) use them too.
 */
const INTL_LOCALE: Readonly<Record<Lang, string>> = {
  nb: 'nb-NO',
  en: 'en-GB',
  ar: 'ar-u-nu-latn',
  uk: 'uk-UA',
};

// --- the catalogue ---------------------------------------------------------------------------------------

/** English is the reference: catalogue.spec.ts checks the other files have exactly its keys and variables. */
type Catalogue = typeof en;

/** 'email.subject' and the like: every leaf of the catalogue, so a mistyped key fails to compile. */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<Catalogue>;

/**
 * 'digest.subject' for 'digest.subject_one', 'digest.subject_other' and the other plural forms, as
 * Intl.PluralRules names them: English has one and other, Ukrainian also few and many, Arabic all six.
 */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}_other` ? Base : never }[MessageKey];

export const CATALOGUES: Readonly<Record<Lang, Catalogue>> = { nb, en, ar, uk };

// One instance of our own: the global i18next may be configured by someone else in the same process.
const i18n = createInstance();
// With inline resources and initAsync off, init finishes before it returns; the promise carries nothing.
void i18n.init({
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: CATALOGUES[l] }])),
  supportedLngs: [...LANGUAGES],
  fallbackLng: DEFAULT_LANGUAGE,
  initAsync: false,
  returnNull: false,
  // Escaping belongs to the output format: the HTML renderer escapes whole sentences, SMS and text must not.
  interpolation: { escapeValue: false },
});

export type Vars = Readonly<Record<string, string | number>>;

const FSI = '\u2068';
const PDI = '\u2069';

/**
 * Wraps a value in Unicode isolates (FSI … PDI) in a right-to-left language, so a Latin title or skill label
 * ending in punctuation or a parenthesis does not jump to the wrong side of the Arabic around it. For e-mail
 * and in-app; SMS leaves them out, as older phones show them as boxes and every character counts there.
 * Wrap single values, never a formatted list: the list's Arabic "و" must stay in the Arabic flow.
 */
export function bidiIsolate(lang: Lang, value: string): string {
  return textDirection(lang) === 'rtl' ? `${FSI}${value}${PDI}` : value;
}

/**
 * One message in one language. Values go in through `replace`, never as options, so a variable can never be
 * read as an i18next option (count, context, lng); i18next does not interpolate inside values (a title
 * containing "{{x}}" or "$t(…)" stays as written).
 */
export function translate(lang: Lang, key: MessageKey, vars: Vars = {}): string {
  return i18n.t(key, { lng: lang, replace: vars });
}

/**
 * A message with plural forms, the form chosen by `count` in the reader's language ("1 вакансія", "3 вакансії",
 * "5 вакансій"). `count` is the one option passed as such, to choose the form; with `replace` given, i18next
 * fills {{count}} from there only, so it goes in there too, over any `count` among `vars`. A form may leave
 * the number out ("A job tip for you").
 */
export function translateCount(lang: Lang, key: PluralKey, count: number, vars: Vars = {}): string {
  return i18n.t(key, { lng: lang, count, replace: { ...vars, count } });
}

/** The catalogue's name for an opening type, or undefined for a type it does not know. */
export function openingTypeName(lang: Lang, type: string): string | undefined {
  return Object.hasOwn(en.types, type)
    ? translate(lang, `types.${type as keyof Catalogue['types']}`)
    : undefined;
}

// --- formats ---------------------------------------------------------------------------------------------

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar day (YYYY-MM-DD) written out for the reader, e.g. "4. januar 2027". Noon UTC is the same day in
 * Norway whatever the season, so the day never shifts.
 */
export function formatDay(lang: Lang, day: string): string {
  const m = DAY.exec(day);
  const at = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)) : undefined;
  if (!at || at.toISOString().slice(0, 10) !== day) {
    throw new RangeError(`formatDay: expected a YYYY-MM-DD date, got ${JSON.stringify(day)}`);
  }
  return new Intl.DateTimeFormat(INTL_LOCALE[lang], { dateStyle: 'long', timeZone: 'Europe/Oslo' }).format(
    at,
  );
}

/** Kilometres as people say them: one decimal under 10 km ("3,4"), whole numbers above ("12"). */
export function formatKm(lang: Lang, km: number): string {
  return new Intl.NumberFormat(INTL_LOCALE[lang], { maximumFractionDigits: km < 10 ? 1 : 0 }).format(km);
}

/** Lists of more than this many show the first two and "N more": "3 more" is shorter than a third label. */
const LIST_MAX = 3;

/** "a, b and c" in the reader's language; longer lists become "a, b and 3 more". */
export function formatList(lang: Lang, items: readonly string[], isolate = false): string {
  const shown = (items.length > LIST_MAX ? items.slice(0, LIST_MAX - 1) : items).map((s) =>
    isolate ? bidiIsolate(lang, s) : s,
  );
  if (items.length > LIST_MAX) shown.push(translate(lang, 'list.more', { n: items.length - shown.length }));
  return new Intl.ListFormat(INTL_LOCALE[lang], { type: 'conjunction' }).format(shown);
}
