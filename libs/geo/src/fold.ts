/**
 * Place-name folding, so that what a person types finds the official name. Many of our users write Norwegian
 * names without æ, ø and å ("Barum", "Baerum", "Tromso", "Aalesund"), so each of those letters and its usual
 * ASCII spellings fold to the same plain vowel. scripts/build-geo-data.mjs folds the same way.
 */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = { æ: 'ae', ø: 'o', å: 'a' };

export function foldName(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[æøå]/g, (c) => SPECIAL_LETTERS[c] ?? c)
      .normalize('NFKD')
      // Sámi and foreign accents (á, č, ü) are optional in practice.
      .replace(/\p{M}+/gu, '')
      // Both sides of a comparison are folded, so collapsing the ASCII spellings is symmetric.
      .replace(/aa|ae/g, 'a')
      .replace(/oe/g, 'o')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
  );
}
