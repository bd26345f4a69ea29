import type { LabelEntry } from './label-index';
import { TitleIndex } from './title-index';

const COOK = 'occupation/cook';
const KITCHEN_PORTER = 'occupation/kitchen-porter';
const WEB = 'occupation/web-developer';
const SOFTWARE = 'occupation/software-developer';
const BUS = 'occupation/bus-driver';
const TELECOM = 'occupation/telecom-manager';
const FORKLIFT = 'occupation/forklift-operator';

const label = (conceptId: string, lang: string, l: string, kind: LabelEntry['kind'] = 'preferred') => ({
  conceptId,
  label: l,
  kind,
  lang,
});

const index = new TitleIndex([
  label(COOK, 'en', 'cook'),
  label(COOK, 'nb', 'kokk'),
  label(COOK, 'nb', 'kokkelærling', 'alt'),
  label(COOK, 'uk', 'кухар', 'alt'),
  label(KITCHEN_PORTER, 'en', 'kitchen porter'),
  label(KITCHEN_PORTER, 'nb', 'kjøkkenassistent'),
  label(WEB, 'en', 'web developer'),
  label(WEB, 'nb', 'webutvikler'),
  label(SOFTWARE, 'en', 'software developer'),
  label(SOFTWARE, 'nb', 'systemutvikler', 'alt'),
  label(BUS, 'en', 'bus driver'),
  label(BUS, 'nb', 'bussjåfør'),
  label(TELECOM, 'en', 'telecommunications manager'),
  // An Icelandic label that a loose typo match would reach from "net".
  label(TELECOM, 'is', 'net stjórnandi', 'alt'),
  label(FORKLIFT, 'en', 'forklift operator'),
  label(FORKLIFT, 'nb', 'truckfører'),
]);
const ids = (q: string, langs = ['en'], prefix = false) =>
  index.search(q, { langs, prefix }).map((h) => h.conceptId);

describe('TitleIndex', () => {
  it('ranks an exact label in the asked language first, with score 1', () => {
    expect(index.search('Kokk', { langs: ['nb', 'en'] })[0]).toMatchObject({
      conceptId: COOK,
      score: 1,
      label: 'kokk',
      lang: 'nb',
    });
  });

  it('leaves noise words out instead of finding nothing', () => {
    expect(ids('Lærling kokk', ['nb', 'en'])[0]).toBe(COOK);
    expect(ids('Jr Web Developer')[0]).toBe(WEB);
  });

  it('answers when only some words match, best covered first', () => {
    expect(ids('web developer for our shop')[0]).toBe(WEB);
    expect(ids('developer')).toEqual(expect.arrayContaining([WEB, SOFTWARE]));
  });

  it('ranks the asked language first and keeps the others as a fallback', () => {
    const hits = index.search('.NET Developer', { langs: ['en'] });
    expect(hits[0].conceptId).not.toBe(TELECOM);
    expect(index.search('net stjórnandi', { langs: ['en'] })[0].conceptId).toBe(TELECOM);
  });

  it('forgives a typo in a long word, but not in a short one', () => {
    expect(ids('bussjåførr', ['nb', 'en'])[0]).toBe(BUS);
    expect(ids('kokt', ['nb', 'en'])).toEqual([]);
  });

  it('reads plural and definite forms the labels do not hold', () => {
    expect(ids('Bussjåførene', ['nb', 'en'])[0]).toBe(BUS);
    expect(ids('web developers')[0]).toBe(WEB);
  });

  it('matches a compound by its parts and a word by the compound it ends', () => {
    expect(ids('truckførerbevis', ['nb', 'en'])[0]).toBe(FORKLIFT);
    expect(ids('sjåfør', ['nb', 'en'])[0]).toBe(BUS);
  });

  it('completes the last word while typing', () => {
    expect(ids('kjøkkenass', ['nb', 'en'], true)[0]).toBe(KITCHEN_PORTER);
    expect(ids('web dev', ['en'], true)[0]).toBe(WEB);
  });

  it('finds a title in a language ESCO lacks through a supplied label', () => {
    expect(ids('Вакансія: кухар', ['uk', 'en'])[0]).toBe(COOK);
  });
});
