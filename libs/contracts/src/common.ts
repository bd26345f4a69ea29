import { ValidateBy } from 'class-validator';

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
