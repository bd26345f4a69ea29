import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { everydayFigures, parseEverydaySet, type EverydayItem } from './everyday-set';

const A = 'skill/00000000-0000-0000-0000-00000000000a';
const B = 'skill/00000000-0000-0000-0000-00000000000b';
const C = 'skill/00000000-0000-0000-0000-00000000000c';
const HEADER = 'split,lang,text,accepted,misspelt,accepted_labels';

describe('parseEverydaySet', () => {
  it('reads items with several accepted ids and a label column that holds commas', () => {
    const items = parseEverydaySet(
      `${HEADER}\ndev,nb,vaske gulv,${A} ${B},no,"clean floors, by hand; clean surfaces"\nheld,uk,миття вікон,${C},yes,x\n`,
    );
    expect(items).toEqual([
      { split: 'dev', lang: 'nb', text: 'vaske gulv', accepted: [A, B], misspelt: false },
      { split: 'held', lang: 'uk', text: 'миття вікон', accepted: [C], misspelt: true },
    ]);
  });

  it.each([
    ['train,nb,x,A,no,x', /line 2: split must be one of dev, held/],
    ['dev,se,x,A,no,x', /line 2: lang must be one of nb, en, ar, uk/],
    ['dev,nb,,A,no,x', /line 2: text is empty/],
    ['dev,nb,x,,no,x', /line 2: accepted must be/],
    ['dev,nb,x,occupation/00000000-0000-0000-0000-00000000000a,no,x', /line 2: accepted must be/],
    ['dev,nb,x,A,maybe,x', /line 2: misspelt must be yes or no/],
  ])('refuses %s, naming the line and field', (row, message) => {
    expect(() => parseEverydaySet(`${HEADER}\n${row.replace(',A,', `,${A},`)}\n`)).toThrow(message);
  });

  it('parses the shipped set: four languages, both splits, about 30 % held apart', () => {
    const items = parseEverydaySet(
      readFileSync(join(__dirname, '../../../data/eval/everyday-skills.csv'), 'utf8'),
    );
    const perLang = new Map<string, number>();
    for (const i of items) perLang.set(i.lang, (perLang.get(i.lang) ?? 0) + 1);
    expect([...perLang.keys()].sort()).toEqual(['ar', 'en', 'nb', 'uk']);
    for (const n of perLang.values()) expect(n).toBeGreaterThanOrEqual(80);
    const held = items.filter((i) => i.split === 'held').length / items.length;
    expect(held).toBeGreaterThan(0.25);
    expect(held).toBeLessThan(0.4);
    expect(items.every((i) => i.accepted.length >= 1 && i.accepted.length <= 5)).toBe(true);
  });
});

describe('everydayFigures', () => {
  const item = (over: Partial<EverydayItem>): EverydayItem => ({
    split: 'dev',
    lang: 'nb',
    text: 'x',
    accepted: [A, B],
    misspelt: false,
    ...over,
  });

  it('scores normalise on the top answer and autocomplete on the first five, per language and split', () => {
    const figures = everydayFigures([
      // accepted second answer: a normalise miss, an autocomplete hit
      { item: item({}), normalised: [C, A], suggested: [C, C, C, C, B] },
      // accepted top answer; autocomplete has it only sixth
      { item: item({}), normalised: [B], suggested: [C, C, C, C, C, A] },
      { item: item({ split: 'held' }), normalised: [], suggested: [] },
      { item: item({ lang: 'en' }), normalised: [A], suggested: [A] },
    ]);
    expect(figures).toEqual([
      { lang: 'nb', split: 'dev', items: 2, normaliseAt1: 0.5, autocompleteAt5: 0.5 },
      { lang: 'nb', split: 'held', items: 1, normaliseAt1: 0, autocompleteAt5: 0 },
      { lang: 'en', split: 'dev', items: 1, normaliseAt1: 1, autocompleteAt5: 1 },
    ]);
  });
});
