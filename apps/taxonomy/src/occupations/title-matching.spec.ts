import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { labelFallback, type TaxonomyLang } from '@brobygger/contracts';
import { TitleIndex, type LabelEntry } from '@brobygger/taxonomy';
import { shippedData } from '../data-dir';
import { readTaxonomy } from '../import/taxonomy-source';

/**
 * The faults issue 14 reported, against every occupation label the service ships (the integration tests
 * hold a slice of ESCO that lacks most of these occupations).
 */
const dir = shippedData('taxonomy');
const entries: LabelEntry[] = [];
const english = new Map<string, string>();
for (const r of parse<Record<string, string>>(
  gunzipSync(readFileSync(join(dir, 'occupation_labels_long.csv.gz'))),
  {
    columns: true,
  },
)) {
  const lang = r.lang === 'no' ? 'nb' : r.lang;
  const add = (label: string, kind: LabelEntry['kind']) =>
    entries.push({ conceptId: r.id, label, kind, lang });
  add(r.preferredLabel, 'preferred');
  if (lang === 'en') english.set(r.id, r.preferredLabel);
  for (const kind of ['alt', 'hidden'] as const) {
    for (const l of (r[`${kind}Labels`] ?? '').split(' | ').filter(Boolean)) add(l.trim(), kind);
  }
}
const supplement = readTaxonomy(dir).titleSupplement.map((l): LabelEntry => ({
  conceptId: l.occupationId,
  label: l.label,
  kind: l.kind,
  lang: l.lang,
}));
const index = new TitleIndex([...entries, ...supplement]);
const top = (q: string, lang: TaxonomyLang, n = 5) =>
  index
    .search(q, { langs: labelFallback(lang), limit: n, prefix: true })
    .map((h) => english.get(h.conceptId));

describe('job titles over the shipped occupation labels', () => {
  it('"Lærling kokk" is a cook first', () => {
    expect(top('Lærling kokk', 'nb')[0]).toBe('cook');
  });

  it.each([
    ['Jr Web Developer', 'web developer'],
    ['Internship for Graphic Designer', 'graphic designer'],
    ['VACANCY - CHIEF ENGINEER', 'marine chief engineer'],
  ])('"%s" is not empty and has %s first', (q, expected) => {
    expect(top(q, 'en')[0]).toBe(expected);
  });

  it('"INTERNSHIP MARKETING" answers with marketing occupations', () => {
    expect(top('INTERNSHIP MARKETING', 'en', 2)).toEqual(
      expect.arrayContaining([expect.stringMatching(/marketing/)]),
    );
  });

  it('with lang=en, ".NET Developer" and "Full-stack developer" are developers, not reached through other languages', () => {
    for (const q of ['.NET Developer', 'Full-stack developer']) {
      const [first] = index.search(q, { langs: labelFallback('en'), limit: 1, prefix: true });
      expect(first.lang).toBe('en');
      expect(english.get(first.conceptId)).toMatch(/developer/);
    }
  });

  it('Norwegian ad titles with their noise', () => {
    expect(top('Sveiser (praksisplass)', 'nb')[0]).toBe('welder');
    expect(top('Lagermedarbeider m/truckførerbevis', 'nb')[0]).toBe('warehouse worker');
  });

  it('Ukrainian and Arabic everyday titles', () => {
    expect(top('Водій вантажівки', 'uk')[0]).toBe('cargo vehicle driver');
    expect(top('Прибиральниця', 'uk')[0]).toBe('building cleaner');
    expect(top('سائق تاكسي', 'ar')[0]).toBe('taxi driver');
  });
});
