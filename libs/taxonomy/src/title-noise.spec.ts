import { cleanTitle } from './title-noise';

describe('cleanTitle', () => {
  it.each([
    ['Jr Web Developer', ['web', 'developer']],
    ['INTERNSHIP MARKETING', ['marketing']],
    ['Internship for Graphic Designer', ['graphic', 'designer']],
    ['VACANCY - CHIEF ENGINEER', ['chief', 'engineer']],
    ['Senior Java Developer (m/f/d)', ['java', 'developer']],
    ['Lærling kokk', ['kokk']],
    ['Sveiser (praksisplass)', ['sveiser']],
    ['Lagermedarbeider m/truckførerbevis', ['lagermedarbeider', 'truckforerbevis']],
    ['Renholder 50 % stilling – Oslo', ['renholder']],
    ['Kitchen Porter (Part time)', ['kitchen', 'porter']],
    ['Вакансія: кухар', ['кухар']],
    ['مطلوب طباخ', ['طباخ']],
  ])('%s → %j', (title, words) => {
    expect(cleanTitle(title).words).toEqual(words);
  });

  it('keeps words that are only noise beside others ("full" in "full stack", "fast food")', () => {
    expect(cleanTitle('Full-stack developer').words).toEqual(['full', 'stack', 'developer']);
    expect(cleanTitle('fast food preparer').words).toEqual(['fast', 'food', 'preparer']);
  });

  it('searches the noise itself when nothing else is left', () => {
    expect(cleanTitle('Intern')).toEqual({ words: ['intern'], noise: [] });
  });
});
