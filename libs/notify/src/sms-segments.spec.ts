import { smsSegments } from './sms-segments';

const a = (n: number) => 'a'.repeat(n);
const zhe = (n: number) => 'ж'.repeat(n);

describe('smsSegments, GSM-7', () => {
  it.each([
    ['empty', '', 0, 1],
    ['160 characters', a(160), 160, 1],
    ['161 characters', a(161), 161, 2],
    ['306 characters (2 × 153)', a(306), 306, 2],
    ['307 characters', a(307), 307, 3],
  ])('%s', (_name, text, units, segments) => {
    expect(smsSegments(text)).toEqual({ encoding: 'gsm7', units, segments });
  });

  it('counts Norwegian letters as one septet', () => {
    expect(smsSegments('æøåÆØÅ'.repeat(26) + 'æøåÆ')).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
  });

  it('counts the extension table (€ [ ] { } ^ ~ | \\ and form feed) as two septets', () => {
    expect(smsSegments('€[]{}^~|\\\f')).toEqual({ encoding: 'gsm7', units: 20, segments: 1 });
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsSegments(a(159) + '€')).toEqual({ encoding: 'gsm7', units: 161, segments: 2 });
  });

  it('never splits an escape sequence: one straddling a boundary moves to the next part', () => {
    // 306 septets would be two parts, but the € would start at septet 153 of the first.
    expect(smsSegments(a(152) + '€' + a(152))).toEqual({ encoding: 'gsm7', units: 306, segments: 3 });
    expect(smsSegments(a(151) + '€' + a(153))).toEqual({ encoding: 'gsm7', units: 306, segments: 2 });
  });
});

describe('smsSegments, UCS-2', () => {
  it.each([
    ['70 Cyrillic', zhe(70), 70, 1],
    ['71 Cyrillic', zhe(71), 71, 2],
    ['134 Arabic (2 × 67)', 'ع'.repeat(134), 134, 2],
    ['135 Arabic', 'ع'.repeat(135), 135, 3],
  ])('%s', (_name, text, units, segments) => {
    expect(smsSegments(text)).toEqual({ encoding: 'ucs2', units, segments });
  });

  it.each([
    ['a typographic apostrophe', 'Kari’s'],
    ['an en dash', 'Kokk – kafé'],
    ['an ellipsis', 'Sveiser…'],
    ['â, which GSM lacks though it has à and ä', 'crème brûlée'],
  ])('switches the whole text to UCS-2 for %s', (_name, text) => {
    expect(smsSegments(a(100) + text).encoding).toBe('ucs2');
  });

  it('counts an emoji as two units and never splits it', () => {
    expect(smsSegments('😀')).toEqual({ encoding: 'ucs2', units: 2, segments: 1 });
    expect(smsSegments(zhe(66) + '😀' + zhe(66))).toEqual({ encoding: 'ucs2', units: 134, segments: 3 });
    expect(smsSegments(zhe(65) + '😀' + zhe(67))).toEqual({ encoding: 'ucs2', units: 134, segments: 2 });
  });
});
