import { licenceClassesOf } from './licence-words';

describe('licenceClassesOf', () => {
  it.each([
    ['førerkort klasse B', ['B']],
    ['Førerkort kl. B', ['B']],
    ['BE-sertifikat', ['BE']],
    ['sertifikat klasse C1', ['C1']],
    ['førerkort B og BE', ['B', 'BE']],
    ['førerkort', ['B']],
    ['lappen', ['B']],
    ['driving licence class C', ['C']],
    ["driver's license B", ['B']],
    ['C1 licence', ['C1']],
    ['رخصة قيادة فئة B', ['B']],
    ['رخصة قيادة', ['B']],
    ['посвідчення водія категорії В', ['B']],
    ['водійські права категорія С', ['C']],
    ['права категорії C', ['C']],
    ['посвідчення водія категорій B і C', ['B', 'C']],
    ['رخصة قيادة فئة B و C', ['B', 'C']],
  ])('%s → %j', (text, classes) => {
    expect(licenceClassesOf(text)).toEqual(classes);
  });

  it('leaves alone what is not a driving licence: a bare class, a language level, a forklift licence', () => {
    expect(licenceClassesOf('B')).toEqual([]);
    expect(licenceClassesOf('C1')).toEqual([]);
    expect(licenceClassesOf('norsk C1')).toEqual([]);
    expect(licenceClassesOf('truckførerbevis')).toEqual([]);
    expect(licenceClassesOf('forklift licence')).toEqual([]);
    expect(licenceClassesOf('sveising')).toEqual([]);
    // A word that only says "licence" or "rights" is no car licence without a class.
    expect(licenceClassesOf('sertifikat')).toEqual([]);
    expect(licenceClassesOf('licence')).toEqual([]);
    expect(licenceClassesOf('права')).toEqual([]);
  });
});
