import { foldName } from './fold';

describe('foldName', () => {
  it('folds case, accents and punctuation', () => {
    expect(foldName('  Nord-Aurdal ')).toBe('nord aurdal');
    expect(foldName('Kárášjohka')).toBe('karasjohka');
  });

  it('spells æ, ø and å the way people without a Norwegian keyboard do', () => {
    for (const typed of ['Bærum', 'BÆRUM', 'baerum', 'Barum']) expect(foldName(typed)).toBe('barum');
    for (const typed of ['Tromsø', 'tromso', 'Tromsoe']) expect(foldName(typed)).toBe('tromso');
    for (const typed of ['Ålesund', 'Aalesund', 'alesund']) expect(foldName(typed)).toBe('alesund');
  });
});
