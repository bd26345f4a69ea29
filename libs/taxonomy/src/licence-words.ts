import { LICENCE_CLASSES, type LicenceClass } from '@brobygger/contracts';
import { fold } from './text';

const CLASSES: readonly string[] = LICENCE_CLASSES;

// Ukrainians write the class with Cyrillic look-alikes ("категорія В").
const CYRILLIC_LATIN: Record<string, string> = { а: 'a', в: 'b', с: 'c', е: 'e', д: 'd', т: 't', м: 'm' };

/**
 * Words that say "driving licence" in nb, en, ar and uk, folded as `fold` folds them (ø → o), longest first
 * within a language so the longer phrase is taken out whole. Alone they mean a car: class B.
 */
const DRIVING_WORDS = [
  'forerkort',
  'lappen',
  'driving licence',
  'driving license',
  'drivers licence',
  'drivers license',
  'driver s licence',
  'driver s license',
  'driver licence',
  'driver license',
  'رخصة قيادة',
  'رخصة سياقة',
  'посвідчення водія',
  'водійське посвідчення',
  'водійські права',
];
/** Words that name a licence of some kind: they count only beside a class ("C1 licence", "права категорії C"). */
const LICENCE_WORDS = ['sertifikat', 'licence', 'license', 'رخصة', 'права'];
const FILLER = new Set([
  'klasse',
  'kl',
  'class',
  'category',
  'kategori',
  'فئة',
  'صنف',
  'категорії',
  'категорія',
  'категорій',
  'кат',
  // "and" between classes
  'og',
  'and',
  'і',
  'й',
  'та',
  'و',
]);

/**
 * The driving licence classes a skill text names ("førerkort klasse B", "C1 licence", "رخصة قيادة فئة B و C",
 * "посвідчення водія категорій В і С", "BE-sertifikat"), or none. A bare class ("B", "C1") is not enough: "C1"
 * is also a language level. A driving-licence word with no class ("førerkort", "driving licence") means a car,
 * class B; a word that only says "licence" ("sertifikat", "права") needs a class.
 */
export function licenceClassesOf(text: string): LicenceClass[] {
  const f = ` ${fold(text).replace(/-/g, ' ')} `;
  const driving = DRIVING_WORDS.filter((w) => f.includes(` ${w} `));
  const licence = LICENCE_WORDS.filter((w) => f.includes(` ${w} `));
  if (driving.length === 0 && licence.length === 0) return [];
  let rest = f;
  for (const w of [...driving, ...licence]) rest = rest.split(` ${w} `).join(' ');
  const tokens = rest
    .split(/[\s,/+&]+/)
    .filter((t) => t && !FILLER.has(t))
    // A class is a short token; only there are Cyrillic letters stand-ins for Latin ones.
    .map((t) => (t.length <= 3 ? t.replace(/[авседтм]/g, (c) => CYRILLIC_LATIN[c] ?? c) : t).toUpperCase());
  const classes = tokens.filter((t): t is LicenceClass => CLASSES.includes(t));
  // Anything else left over ("forklift licence", "båtførerbevis") is not a driving licence.
  if (tokens.length > classes.length) return [];
  if (classes.length) return [...new Set(classes)];
  return driving.length ? ['B'] : [];
}

/** The licence classes some skill texts name, each once. */
export function licencesNamedIn(skills: { text?: string }[]): LicenceClass[] {
  return [...new Set(skills.flatMap((s) => (s.text ? licenceClassesOf(s.text) : [])))];
}

/** The licence classes a list already has, plus those its skill texts name (see mergeLicences). */
export function withLicencesOf<T extends string>(
  licences: T[],
  skills: { text?: string }[],
): (T | LicenceClass)[] {
  return mergeLicences(licences, licencesNamedIn(skills));
}

/** Both lists together, each class once, in the order of LICENCE_CLASSES (what is not a class stays, last). */
export function mergeLicences<T extends string>(licences: T[], added: LicenceClass[]): (T | LicenceClass)[] {
  if (added.every((c) => (licences as string[]).includes(c))) return licences;
  const all = new Set<string>([...licences, ...added]);
  return [...LICENCE_CLASSES.filter((c) => all.has(c)), ...licences.filter((l) => !CLASSES.includes(l))];
}
