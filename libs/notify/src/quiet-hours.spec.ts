import { smsAllowedAt } from './quiet-hours';

const at = (iso: string) => new Date(iso);

// Oslo is UTC+1 in winter (CET) and UTC+2 in summer (CEST). In 2026 the clocks go forward at 02:00 on
// 29 March and back at 03:00 on 25 October.
describe('smsAllowedAt in Oslo', () => {
  it.each([
    // A winter evening and the short night into summer time: 08:00 CEST on 29 March is 06:00Z.
    ['20:59 CET, 28 March', '2026-03-28T19:59:00Z', '2026-03-28T19:59:00Z'],
    ['21:00 CET, 28 March', '2026-03-28T20:00:00Z', '2026-03-29T06:00:00Z'],
    ['23:30 CET, 28 March', '2026-03-28T22:30:00Z', '2026-03-29T06:00:00Z'],
    ['01:59 CET, 29 March, just before the change', '2026-03-29T00:59:00Z', '2026-03-29T06:00:00Z'],
    ['03:00 CEST, 29 March, just after it', '2026-03-29T01:00:00Z', '2026-03-29T06:00:00Z'],
    ['07:59 CEST, 29 March', '2026-03-29T05:59:00Z', '2026-03-29T06:00:00Z'],
    ['08:00 CEST, 29 March', '2026-03-29T06:00:00Z', '2026-03-29T06:00:00Z'],
    // A summer evening and the long night into winter time: 08:00 CET on 25 October is 07:00Z.
    ['20:59 CEST, 24 October', '2026-10-24T18:59:00Z', '2026-10-24T18:59:00Z'],
    ['21:00 CEST, 24 October', '2026-10-24T19:00:00Z', '2026-10-25T07:00:00Z'],
    ['02:30 CEST, 25 October, the first time', '2026-10-25T00:30:00Z', '2026-10-25T07:00:00Z'],
    ['02:30 CET, 25 October, the second time', '2026-10-25T01:30:00Z', '2026-10-25T07:00:00Z'],
    ['03:00 CET, 25 October', '2026-10-25T02:00:00Z', '2026-10-25T07:00:00Z'],
    ['07:59 CET, 25 October', '2026-10-25T06:59:00Z', '2026-10-25T07:00:00Z'],
    ['08:00 CET, 25 October', '2026-10-25T07:00:00Z', '2026-10-25T07:00:00Z'],
    // Month and year ends.
    ['22:00 CET, 31 December', '2026-12-31T21:00:00Z', '2027-01-01T07:00:00Z'],
    ['noon', '2026-06-15T10:00:00Z', '2026-06-15T10:00:00Z'],
  ])('%s', (_name, now, expected) => {
    expect(smsAllowedAt(at(now)).toISOString()).toBe(at(expected).toISOString());
  });

  it('returns the very Date it was given when sending is allowed', () => {
    const now = at('2026-06-15T10:00:00Z');
    expect(smsAllowedAt(now)).toBe(now);
  });
});

describe('smsAllowedAt, other settings', () => {
  it('takes a quiet period that does not cross midnight', () => {
    const lunch = { fromHour: 12, toHour: 13 };
    expect(smsAllowedAt(at('2026-06-15T10:30:00Z'), lunch).toISOString()).toBe('2026-06-15T11:00:00.000Z');
    expect(smsAllowedAt(at('2026-06-15T09:59:00Z'), lunch).toISOString()).toBe('2026-06-15T09:59:00.000Z');
  });

  it('takes another time zone, across its own change (New York, 8 March 2026)', () => {
    // 23:00 EST on 7 March → 08:00 EDT on 8 March = 12:00Z.
    expect(smsAllowedAt(at('2026-03-08T04:00:00Z'), undefined, 'America/New_York').toISOString()).toBe(
      '2026-03-08T12:00:00.000Z',
    );
  });

  it('ends a period in an hour the clocks skip at the moment they jump', () => {
    // 01:30 CET on 29 March with quiet until 02:00, an hour that does not exist that night: 03:00 CEST.
    expect(smsAllowedAt(at('2026-03-29T00:30:00Z'), { fromHour: 21, toHour: 2 }).toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });

  it('has no quiet hours when they start and end together', () => {
    const now = at('2026-06-15T22:00:00Z');
    expect(smsAllowedAt(now, { fromHour: 8, toHour: 8 })).toBe(now);
  });

  it.each([[{ fromHour: 24, toHour: 8 }], [{ fromHour: 21, toHour: -1 }], [{ fromHour: 21.5, toHour: 8 }]])(
    'refuses %o',
    (quiet) => {
      expect(() => smsAllowedAt(at('2026-06-15T10:00:00Z'), quiet)).toThrow(RangeError);
    },
  );

  it('refuses an invalid date', () => {
    expect(() => smsAllowedAt(new Date('nope'))).toThrow(RangeError);
  });
});
