import { LICENCE_CLASSES, type LicenceClass } from '@brobygger/contracts';
import { fold } from './text';

const CLASSES: readonly string[] = LICENCE_CLASSES;

// Ukrainians write the class with Cyrillic look-alikes ("категорія В").
const CYRILLIC_LATIN: Record<string, string> = { а: 'a', в: 'b', с: 'c', е: 'e', д: 'd', т: 't', м: 'm' };

/** The words around a class that say "driving licence" in nb, en, ar and uk (folded, so without accents). */
const LICENCE_WORDS = [
  'førerkort',
  'forerkort',
  'sertifikat',
  'lappen',
  'driving licence',
  'driving license',
  'drivers licence',
  'drivers license',
  'driver licence',
  'driver license',
  'driver s licence',
  'driver s license',
  'licence',
  'license',
  'رخصة قيادة',
  'رخصة سياقة',
  'رخصة',
  'посвідчення водія',
  'водійське посвідчення',
  'водійські права',
  'права',
];
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
  'кат',
]);

/**
 * The driving licence classes a skill text names ("førerkort klasse B", "C1 licence", "رخصة قيادة فئة B",
 * "посвідчення водія категорії В", "BE-sertifikat"), or none. A bare class ("B", "C1") is not enough: "C1" is
 * also a language level. A licence word with no class ("førerkort", "driving licence") means a car, class B.
 */
export function licenceClassesOf(text: string): LicenceClass[] {
  const f = fold(text).replace(/-/g, ' ');
  if (!LICENCE_WORDS.some((w) => f.includes(w))) return [];
  let rest = ` ${f} `;
  for (const w of LICENCE_WORDS) rest = rest.split(` ${w} `).join(' ');
  const tokens = rest
    .split(/[\s,/+&]+|\bog\b|\band\b|\bі\b|\bو\b/)
    .map((t) => t.trim())
    .filter((t) => t && !FILLER.has(t))
    // A class is a short token; only there are Cyrillic letters stand-ins for Latin ones.
    .map((t) => (t.length <= 3 ? t.replace(/[авседтм]/g, (c) => CYRILLIC_LATIN[c] ?? c) : t).toUpperCase());
  const classes = tokens.filter((t): t is LicenceClass => CLASSES.includes(t));
  // Anything else left over ("truckførerbevis" has no licence word; "båtførerbevis sertifikat") is not a car licence.
  if (tokens.length > classes.length) return [];
  return classes.length ? [...new Set(classes)] : ['B'];
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
