/**
 * Text normalisation shared by every matcher in this lib. Labels and queries must go through the same
 * functions, otherwise "Sveising" and "sveising", or "Café" and "cafe", would never meet.
 */

// Letters that Unicode does not decompose but that Norwegian (and German/Polish/Icelandic) users type
// interchangeably with a plain ASCII spelling.
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  æ: 'ae',
  ø: 'o',
  å: 'a',
  ß: 'ss',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  þ: 'th',
  ı: 'i',
};
const SPECIAL_RE = /[æøåßœłđþı]/g;

// Accents are dropped only on scripts where they are optional in practice (Latin, Greek). On Cyrillic a
// mark changes the letter (й is not и), so those marks are kept and recomposed by the final NFC.
const LATIN_OR_GREEK_MARKS_RE = /([\p{Script=Latin}\p{Script=Greek}])\p{M}+/gu;
// Arabic tashkeel (vowel signs, shadda, sukun and the other marks up to U+065F) is optional in everyday
// writing; letters written with a hamza (أ, ئ) are different letters and stay.
const TASHKEEL_RE = /[\u064B-\u065F]/g;
// Marks are kept as word characters because in scripts such as Devanagari they are part of the spelling.
const NON_WORD_RE = /[^\p{L}\p{M}\p{N}]/gu;
const LETTER_RE = /\p{L}/u;
const WORD_CHAR_RE = /[\p{L}\p{N}]/u;
const SPACES_RE = / +/g;

/**
 * Lower case, accent-free, punctuation-free form used for every comparison in the taxonomy. Word
 * characters are letters and digits of any script; everything else becomes one space, except that "c++"
 * and "c#" keep their + and # because there they are part of a name.
 */
export function fold(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(SPECIAL_RE, (c) => SPECIAL_LETTERS[c] ?? c)
      // Tashkeel goes before decomposing, so that the hamza of a precomposed letter (أ, ئ) survives.
      .normalize('NFC')
      .replace(TASHKEEL_RE, '')
      .normalize('NFKD')
      .replace(LATIN_OR_GREEK_MARKS_RE, '$1')
      .normalize('NFC')
      .replace(NON_WORD_RE, (c: string, at: number, str: string) => (isNameSuffix(c, at, str) ? c : ' '))
      .replace(SPACES_RE, ' ')
      .trim()
  );
}

// A + or # is kept when it belongs to a run of them that follows a letter and ends the word ("c++",
// "f#"), so "a+b" and "1+1" still split.
function isNameSuffix(c: string, at: number, str: string): boolean {
  if (c !== '+' && c !== '#') return false;
  let start = at;
  while (start > 0 && (str[start - 1] === '+' || str[start - 1] === '#')) start--;
  let end = at + 1;
  while (end < str.length && (str[end] === '+' || str[end] === '#')) end++;
  if (start === 0 || !LETTER_RE.test(charBefore(str, start))) return false;
  return end >= str.length || !WORD_CHAR_RE.test(String.fromCodePoint(str.codePointAt(end) ?? 32));
}

function charBefore(str: string, at: number): string {
  const low = str.charCodeAt(at - 1);
  // Astral letters are two UTF-16 units; look at the whole code point.
  return low >= 0xdc00 && low <= 0xdfff && at >= 2 ? str.slice(at - 2, at) : str[at - 1];
}

/** `fold`, split into words. */
export function tokens(s: string): string[] {
  const f = fold(s);
  return f ? f.split(' ') : [];
}

// Forms the suffix rules would get wrong or leave apart; the value is the final stem.
const STEM_EXCEPTIONS: Readonly<Record<string, string>> = {
  using: 'use',
  used: 'use',
  uses: 'use',
  news: 'news',
  series: 'series',
  species: 'species',
  analysis: 'analys',
  analyses: 'analys',
  diagnosis: 'diagnos',
  diagnoses: 'diagnos',
};

const VOWEL_RE = /[aeiouy]/;
// Doubled final consonants that come from inflection ("planning", "shipped"); l, s, z and f are doubled in
// the base word too ("install", "dress", "buzz", "staff"), so those stay.
const UNDOUBLE_RE = /([bcdgkmnprt])\1$/;

/**
 * Light English stemmer. It only has to make inflected forms of one word meet, never to produce a real
 * word, and it must be predictable, so it is a short fixed list of rules applied once each, in order:
 *
 * 0. Tokens shorter than 4 characters, and tokens that are not plain a–z (numbers, "c++", Norwegian "ø",
 *    Arabic), are returned unchanged. A few irregular forms come from a table ("using" → "use",
 *    "analysis" → "analys").
 * 1. Plurals: -ies → -y ("technologies"); -sses → -ss; -xes/-ches/-shes/-zes drop "es"; otherwise a final
 *    -s is dropped unless the word ends in -ss, -us or -is ("business", "status", "basis" stay).
 * 2. -ization becomes -isation.
 * 3. At most one derivational or inflectional ending, longest first:
 *    - -ically/-ical → -ic ("analytically", "analytical" → "analytic"); -isation → -is ("organisation");
 *    - -ment and -ness when at least 4 letters remain ("management" → "manage");
 *    - the adverb endings -ely/-lly/-rly/-sly/-tly lose -ly when at least 4 letters remain
 *      ("effectively"), while "supply", "assembly" and "family" keep it;
 *    - -ing and -ed when at least 3 letters with a vowel remain ("welding" → "weld"; "string" and
 *      "need" stay; -eed is left alone: "speed"), then a doubled final consonant is undoubled
 *      ("planning" → "plan", British "modelling" → "model", but "install" and "dress" keep theirs);
 *    - -er when at least 4 letters remain and the word does not end in -eer ("welder" → "weld",
 *      "driver" → "driv", "engineer" stays); no undoubling here, so "better" does not become "bet".
 * 4. A final -e is dropped when at least 3 letters remain and it is not -ee ("manage" → "manag",
 *    "analyse" → "analys", "drive" → "driv"), so the verb and its -ing/-ed forms meet.
 * 5. A final -iz/-yz of 6+ letters becomes -is/-ys, so American and British spellings meet
 *    ("organizing", "organised" → "organis"; "analyzed" → "analys").
 */
export function stem(token: string): string {
  if (token.length < 4 || !/^[a-z]+$/.test(token)) return token;
  const exception = STEM_EXCEPTIONS[token];
  if (exception !== undefined) return exception;
  let w = token;

  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(x|ch|sh|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);

  if (w.endsWith('ization')) w = w.slice(0, -7) + 'isation';

  w = stripEnding(w);

  if (w.endsWith('e') && !w.endsWith('ee') && w.length >= 4) w = w.slice(0, -1);
  if (w.length >= 6 && /[iy]z$/.test(w)) w = w.slice(0, -1) + 's';
  return w;
}

function stripEnding(w: string): string {
  const cut = (n: number) => w.slice(0, w.length - n);
  if (w.endsWith('ically') && w.length - 6 >= 3) return cut(4);
  if (w.endsWith('ical') && w.length - 4 >= 3) return cut(2);
  if (w.endsWith('isation') && w.length - 7 >= 3) return cut(5);
  if ((w.endsWith('ment') || w.endsWith('ness')) && w.length - 4 >= 4) return cut(4);
  if (/[elrst]ly$/.test(w) && w.length - 2 >= 4) return cut(2);
  if (w.endsWith('ing')) return inflected(w, 3);
  if (w.endsWith('ed') && !w.endsWith('eed')) return inflected(w, 2);
  if (w.endsWith('er') && !w.endsWith('eer') && w.length - 2 >= 4) return cut(2);
  return w;
}

function inflected(w: string, n: number): string {
  const base = w.slice(0, w.length - n);
  if (base.length < 3 || !VOWEL_RE.test(base)) return w;
  return undouble(base);
}

function undouble(w: string): string {
  if (UNDOUBLE_RE.test(w)) return w.slice(0, -1);
  // British "modelling", "travelling": the base has one l.
  return w.length >= 6 && w.endsWith('ell') ? w.slice(0, -1) : w;
}

/**
 * Grammatical words only. Labels drop these but keep words like "knowledge" or "skills", which in a
 * label are part of the name ("knowledge management") even though in an ad they are filler.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'and',
  'or',
  'nor',
  'the',
  'of',
  'to',
  'in',
  'into',
  'for',
  'with',
  'within',
  'without',
  'on',
  'at',
  'by',
  'as',
  'from',
  'its',
  'their',
  'your',
  'our',
  'etc',
]);

/**
 * Words that carry no skill in job-ad text: function words plus the filler ads wrap skills in
 * ("experience with", "good knowledge of", "ability to"). Compared with the folded, unstemmed word.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  ...FUNCTION_WORDS,
  'be',
  'being',
  'been',
  'is',
  'are',
  'was',
  'were',
  'you',
  'we',
  'us',
  'they',
  'it',
  'this',
  'that',
  'these',
  'those',
  'who',
  'which',
  'will',
  'would',
  'can',
  'could',
  'should',
  'must',
  'may',
  'have',
  'has',
  'had',
  'do',
  'does',
  'not',
  'but',
  'if',
  'than',
  'so',
  'such',
  'also',
  'all',
  'any',
  'other',
  'others',
  'eg',
  'e',
  'g',
  'ie',
  'i',
  'incl',
  'including',
  'plus',
  'well',
  'very',
  'highly',
  'more',
  'least',
  'year',
  'years',
  'able',
  'ability',
  'abilities',
  'experience',
  'experiences',
  'experienced',
  'knowledge',
  'good',
  'strong',
  'excellent',
  'solid',
  'proven',
  'skills',
  'skill',
  'skilled',
  'preferred',
  'required',
  'desirable',
  'advantage',
  'advantageous',
  'ideally',
]);

/** Stemmed words of `s` without stopwords: what a skill mention is made of. */
export function contentTokens(s: string): string[] {
  const out: string[] = [];
  for (const t of tokens(s)) if (!STOPWORDS.has(t)) out.push(stem(t));
  return out;
}
