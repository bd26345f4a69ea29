import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsObject, ValidateBy, ValidateNested } from 'class-validator';

/** The Common European Framework levels, lowest first; the order is what "at least B1" compares. */
export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type CefrLevel = (typeof CEFR_LEVELS)[number];

/** 1–6 for A1–C2, 7 for a mother tongue, 0 when unknown: the scale matching and search compare on. */
export function cefrRank(level: string | undefined | null, native = false): number {
  if (native) return 7;
  return level ? CEFR_LEVELS.indexOf(level as CefrLevel) + 1 : 0;
}

/** Norwegian driving licence classes (førerkortklasser). */
export const LICENCE_CLASSES = [
  'AM',
  'A1',
  'A2',
  'A',
  'B',
  'BE',
  'C1',
  'C1E',
  'C',
  'CE',
  'D1',
  'D1E',
  'D',
  'DE',
  'T',
] as const;
export type LicenceClass = (typeof LICENCE_CLASSES)[number];

/** class-transformer helpers shared by the DTOs. */
export const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
export const upperCased = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;
/** Numbers people write in groups ("952 601 814"): the spaces are layout, not part of the number. */
export const spacesRemoved = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.replace(/\s+/g, '') : value;
/** `true`/`false` in a query string become booleans; anything else stays as it came, for @IsBoolean to refuse. */
export const queryBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
/** `a,b` in a query string, or the same parameter repeated, both become a list. */
export const commaList = ({ value }: { value: unknown }): unknown[] =>
  (Array.isArray(value) ? (value as unknown[]) : [value])
    .flatMap((v): unknown[] => (typeof v === 'string' ? v.split(',') : [v]))
    .map((v) => (typeof v === 'string' ? v.trim() : v))
    .filter((v) => v !== '');

/** A calendar date, `YYYY-MM-DD`, that exists. */
export function IsDateOnly(field: string) {
  return ValidateBy({
    name: 'isDateOnly',
    validator: {
      validate: (v: unknown) => {
        if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
        const d = new Date(`${v}T00:00:00Z`);
        // Invalid months give an invalid Date; 2027-02-30 gives 2 March: both are refused.
        return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
      },
      defaultMessage: () => `${field} must be a date (YYYY-MM-DD)`,
    },
  });
}

/**
 * A nested object such as `workPermit`. ValidateNested alone lets an array through (`workPermit: []`), which is
 * then stored and breaks every reader; refusing anything but a plain object names the field instead.
 */
export function NestedObject(type: () => new () => object): PropertyDecorator {
  return applyDecorators(IsObject({ message: '$property must be an object' }), ValidateNested(), Type(type));
}

/**
 * A list of nested objects such as `skills`. ValidateNested({ each: true }) validates an inner array's items and
 * so accepts `[[]]`; that reached the database (or a 500 in the service) and failed matching later.
 */
export function NestedList(type: () => new () => object): PropertyDecorator {
  return applyDecorators(
    IsArray({ message: '$property must be a list' }),
    IsObject({ each: true, message: 'each item of $property must be an object' }),
    ValidateNested({ each: true }),
    Type(type),
  );
}

/** Where the validation pipe finds fields exempt from its text checks (see RawText). */
export const RAW_TEXT_FIELDS = 'brobygger:raw-text-fields';

/** Marks a field that carries a whole file: its content is checked row by row by whoever parses it. */
export function RawText(): PropertyDecorator {
  return (target, key) => {
    const fields = (Reflect.getMetadata(RAW_TEXT_FIELDS, target.constructor) as string[] | undefined) ?? [];
    Reflect.defineMetadata(RAW_TEXT_FIELDS, [...fields, String(key)], target.constructor);
  };
}

/** The ISO 639-1 language codes (183; the withdrawn `bh` left out): a two-letter shape alone let "xx" in. */
export const ISO_639_1_CODES: ReadonlySet<string> = new Set([
  'aa',
  'ab',
  'ae',
  'af',
  'ak',
  'am',
  'an',
  'ar',
  'as',
  'av',
  'ay',
  'az',
  'ba',
  'be',
  'bg',
  'bi',
  'bm',
  'bn',
  'bo',
  'br',
  'bs',
  'ca',
  'ce',
  'ch',
  'co',
  'cr',
  'cs',
  'cu',
  'cv',
  'cy',
  'da',
  'de',
  'dv',
  'dz',
  'ee',
  'el',
  'en',
  'eo',
  'es',
  'et',
  'eu',
  'fa',
  'ff',
  'fi',
  'fj',
  'fo',
  'fr',
  'fy',
  'ga',
  'gd',
  'gl',
  'gn',
  'gu',
  'gv',
  'ha',
  'he',
  'hi',
  'ho',
  'hr',
  'ht',
  'hu',
  'hy',
  'hz',
  'ia',
  'id',
  'ie',
  'ig',
  'ii',
  'ik',
  'io',
  'is',
  'it',
  'iu',
  'ja',
  'jv',
  'ka',
  'kg',
  'ki',
  'kj',
  'kk',
  'kl',
  'km',
  'kn',
  'ko',
  'kr',
  'ks',
  'ku',
  'kv',
  'kw',
  'ky',
  'la',
  'lb',
  'lg',
  'li',
  'ln',
  'lo',
  'lt',
  'lu',
  'lv',
  'mg',
  'mh',
  'mi',
  'mk',
  'ml',
  'mn',
  'mr',
  'ms',
  'mt',
  'my',
  'na',
  'nb',
  'nd',
  'ne',
  'ng',
  'nl',
  'nn',
  'no',
  'nr',
  'nv',
  'ny',
  'oc',
  'oj',
  'om',
  'or',
  'os',
  'pa',
  'pi',
  'pl',
  'ps',
  'pt',
  'qu',
  'rm',
  'rn',
  'ro',
  'ru',
  'rw',
  'sa',
  'sc',
  'sd',
  'se',
  'sg',
  'si',
  'sk',
  'sl',
  'sm',
  'sn',
  'so',
  'sq',
  'sr',
  'ss',
  'st',
  'su',
  'sv',
  'sw',
  'ta',
  'te',
  'tg',
  'th',
  'ti',
  'tk',
  'tl',
  'tn',
  'to',
  'tr',
  'ts',
  'tt',
  'tw',
  'ty',
  'ug',
  'uk',
  'ur',
  'uz',
  've',
  'vi',
  'vo',
  'wa',
  'wo',
  'xh',
  'yi',
  'yo',
  'za',
  'zh',
  'zu',
]);

/** An ISO 639-1 code that exists, not merely two letters. */
export function IsLanguageCode(message: string): PropertyDecorator {
  return ValidateBy({
    name: 'isLanguageCode',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && ISO_639_1_CODES.has(value),
      defaultMessage: () => message,
    },
  });
}
