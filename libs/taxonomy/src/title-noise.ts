import { fold } from './text';

/**
 * Words that job-ad titles carry beside the occupation: seniority, the kind of contract, the ad's own
 * vocabulary ("vacancy", "we are hiring"), gender markers and places. None of them names an occupation,
 * but each one makes a search that wants every word find nothing ("Jr Web Developer", "Lærling kokk").
 * Folded forms (see `fold`): ø → o, æ → ae, å → a.
 */
const NOISE_WORDS: ReadonlySet<string> = new Set([
  // English: seniority and contract
  ...['jr', 'junior', 'sr', 'senior', 'lead', 'trainee', 'intern', 'interns', 'internship', 'apprentice'],
  ...['apprenticeship', 'graduate', 'entry', 'level', 'experienced', 'temporary', 'temp', 'permanent'],
  ...['freelance', 'parttime', 'fulltime', 'remote', 'hybrid', 'onsite'],
  ...['vacancy', 'vacancies', 'hiring', 'urgent', 'urgently', 'wanted', 'needed', 'required'],
  ...['position', 'opening', 'opportunity', 'role', 'new', 'immediate', 'start', 'asap', 'ii', 'iii', 'iv'],
  ...[
    'we',
    'are',
    'is',
    'looking',
    'seeking',
    'for',
    'a',
    'an',
    'the',
    'in',
    'at',
    'of',
    'to',
    'and',
    'with',
  ],
  ...['m', 'f', 'd', 'w', 'x', 'h', 'k', 'mwd', 'mfd', 'all', 'genders', 'gender', 'male', 'female'],
  // Norwegian: kind of post, seniority, the ad's words
  ...['laerling', 'laerlinger', 'laerlingplass', 'laerlingeplass', 'praksisplass', 'praksis', 'sommerjobb'],
  ...['sommervikar', 'vikar', 'vikariat', 'fastansatt', 'deltid', 'heltid', 'ekstrahjelp', 'tilkalling'],
  ...[
    'tilkallingsvikar',
    'stilling',
    'stillinger',
    'ledig',
    'ledige',
    'soker',
    'vi',
    'og',
    'til',
    'med',
    'i',
  ],
  ...[
    'pa',
    'for',
    'av',
    'en',
    'et',
    'ny',
    'nye',
    'erfaren',
    'erfarne',
    'dyktig',
    'dyktige',
    'mann',
    'kvinne',
  ],
  ...['snarest', 'strakstiltredelse', 'prosent', 'stillingsprosent'],
  // Ukrainian and Arabic ad words ("vacancy", "internship", "urgently", "required")
  ...['вакансія', 'стажер', 'стажування', 'терміново', 'потрібен', 'потрібна', 'шукаємо'],
  ...['وظيفة', 'مطلوب', 'متدرب', 'تدريب', 'شاغرة', 'عاجل'],
]);

/** Places that often end a Norwegian or international ad title ("Kokk – Bergen", "Developer, Oslo"). */
const PLACES: ReadonlySet<string> = new Set([
  ...['oslo', 'bergen', 'trondheim', 'stavanger', 'drammen', 'fredrikstad', 'kristiansand', 'sandnes'],
  ...['tromso', 'sarpsborg', 'skien', 'alesund', 'sandefjord', 'haugesund', 'tonsberg', 'moss', 'bodo'],
  ...['arendal', 'hamar', 'larvik', 'halden', 'lillehammer', 'molde', 'kongsberg', 'gjovik', 'harstad'],
  ...['asker', 'baerum', 'lillestrom', 'jessheim', 'gardermoen', 'forus', 'fornebu', 'viken'],
  ...['rogaland', 'vestland', 'agder', 'innlandet', 'nordland', 'troms', 'finnmark', 'vestfold', 'telemark'],
  ...['norge', 'norway', 'london', 'berlin', 'dubai', 'stockholm', 'copenhagen', 'amsterdam', 'paris'],
  ...['usa', 'uk', 'europe', 'emea', 'nordic', 'nordics', 'kyiv', 'kiev', 'lviv', 'kharkiv', 'odesa'],
]);

// "m/f/d", "(m/w/d)", "m/k" and the like, and a Norwegian "m/" meaning "with" glued to the next word.
const GENDER_MARKER_RE = /\(?\b[mfwdxhk](?:\s*\/\s*[mfwdxhk]){1,3}\b\)?/giu;
const WITH_PREFIX_RE = /(^|\s)m\/(?=\p{L})/giu;
// Percentages of a post ("80 %", "100%") and bare numbers ("2 stillinger") never name an occupation.
const NUMBER_RE = /\b\d+(?:[.,]\d+)?\s*%?/gu;
// Two-word noise that is only noise together: "full" and "time" alone can be part of an occupation's name.
const NOISE_PHRASE_RE = /\b(?:full|part)[\s-]?time\b|\bentry[\s-]level\b|\bwe are hiring\b/giu;

export interface CleanedTitle {
  /** The folded words that may name the occupation. */
  words: string[];
  /** The folded words that were taken out as noise, in order. */
  noise: string[];
}

/**
 * A title's words without the noise around the occupation. When nothing but noise is left ("Intern"), the
 * noise words are the query after all: someone may be looking for the word itself.
 */
export function cleanTitle(title: string): CleanedTitle {
  const stripped = title
    .replace(GENDER_MARKER_RE, ' ')
    .replace(WITH_PREFIX_RE, '$1')
    .replace(NUMBER_RE, ' ')
    .replace(NOISE_PHRASE_RE, ' ');
  const all = fold(stripped).split(' ').filter(Boolean);
  const words = all.filter((w) => !NOISE_WORDS.has(w) && !PLACES.has(w));
  const noise = all.filter((w) => NOISE_WORDS.has(w) || PLACES.has(w));
  if (words.length === 0) {
    const folded = fold(title).split(' ').filter(Boolean);
    return { words: folded, noise: [] };
  }
  return { words, noise };
}
