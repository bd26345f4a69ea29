import { signReplyToken, verifyReplyToken, type ReplyClaims } from './reply-token';

const SECRET = 'test-secret-that-is-at-least-32-bytes-long';
const NOTIFICATION = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
const NOW = new Date('2026-11-20T12:00:00Z');
const EXPIRES = new Date('2026-12-04T12:00:00Z');

function newClaims(overrides: Partial<ReplyClaims> = {}): ReplyClaims {
  return { notificationId: NOTIFICATION, answer: 'interested', expiresAt: EXPIRES, ...overrides };
}

/** The token with one character changed, staying in the base64url alphabet. */
function flip(token: string, at: number): string {
  const c = token[at];
  return token.slice(0, at) + (c === 'A' ? 'B' : 'A') + token.slice(at + 1);
}

describe('reply tokens', () => {
  it.each(['interested', 'not-interested'] as const)('round-trips %s', (answer) => {
    const token = signReplyToken(newClaims({ answer }), SECRET);
    expect(verifyReplyToken(token, SECRET, NOW)).toEqual({
      ok: true,
      notificationId: NOTIFICATION,
      answer,
      // Rounded down to the second, as signed.
      expiresAt: new Date(Math.floor(newClaims({ answer }).expiresAt.getTime() / 1000) * 1000),
    });
  });

  it('is short and URL-safe, for SMS', () => {
    const token = signReplyToken(newClaims(), SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]{30}\.[A-Za-z0-9_-]{22}$/);
    expect(encodeURIComponent(token)).toBe(token);
  });

  it('gives the UUID back in lower case', () => {
    const token = signReplyToken(newClaims({ notificationId: NOTIFICATION.toUpperCase() }), SECRET);
    expect(verifyReplyToken(token, SECRET, NOW)).toMatchObject({ ok: true, notificationId: NOTIFICATION });
  });

  it('refuses a payload changed to the other answer', () => {
    const token = signReplyToken(newClaims({ answer: 'not-interested' }), SECRET);
    const [payload, mac] = token.split('.');
    const bytes = Buffer.from(payload, 'base64url');
    bytes[1] = 0; // 'interested'
    const forged = `${bytes.toString('base64url')}.${mac}`;
    expect(verifyReplyToken(forged, SECRET, NOW)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('refuses a payload with a later expiry', () => {
    const token = signReplyToken(newClaims({ expiresAt: new Date('2026-11-01T00:00:00Z') }), SECRET);
    const mac = token.split('.')[1];
    const longer = signReplyToken(newClaims({ expiresAt: new Date('2030-01-01T00:00:00Z') }), SECRET);
    expect(verifyReplyToken(`${longer.split('.')[0]}.${mac}`, SECRET, NOW)).toEqual({
      ok: false,
      reason: 'tampered',
    });
  });

  it('refuses a changed signature', () => {
    const token = signReplyToken(newClaims(), SECRET);
    expect(verifyReplyToken(flip(token, 31), SECRET, NOW)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('refuses another spelling of the same signature bytes', () => {
    const token = signReplyToken(newClaims(), SECRET);
    // The last of 22 characters carries 2 bits of the MAC and 4 spare ones; set a spare bit.
    const last = token.at(-1) ?? '';
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const other = alphabet[alphabet.indexOf(last) ^ 1];
    const respelled = token.slice(0, -1) + other;
    expect(Buffer.from(respelled.split('.')[1], 'base64url')).toEqual(
      Buffer.from(token.split('.')[1], 'base64url'),
    );
    expect(verifyReplyToken(respelled, SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a token signed with another secret', () => {
    const token = signReplyToken(newClaims(), 'another-secret-that-is-also-32-bytes-or-more');
    expect(verifyReplyToken(token, SECRET, NOW)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('expires at expiresAt, to the second', () => {
    const token = signReplyToken(newClaims(), SECRET);
    expect(verifyReplyToken(token, SECRET, new Date(EXPIRES.getTime() - 1000))).toMatchObject({ ok: true });
    expect(verifyReplyToken(token, SECRET, EXPIRES)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyReplyToken(token, SECRET, new Date('2027-06-01T00:00:00Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('says tampered, not expired, for an expired token with a bad signature', () => {
    const token = signReplyToken(newClaims(), SECRET);
    expect(verifyReplyToken(token, 'x'.repeat(32), new Date('2027-06-01T00:00:00Z'))).toEqual({
      ok: false,
      reason: 'tampered',
    });
  });

  it.each([
    ['empty', ''],
    ['no dot', 'AQBrNZsAPyuMHppNTm'],
    ['three parts', 'a.b.c'],
    ['not base64url', '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!.??????????????????????'],
    ['standard base64', 'AQBrNZsAPyuMHppNTm+LehwtPk9aaw.K6/ChvAfN95W+ocg+TOqKg'],
    ['too short', 'AQBr.K6_C'],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'],
  ])('calls %s malformed', (_name, token) => {
    expect(verifyReplyToken(token, SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses to sign with a short secret, an id that is not a UUID, or a bad date', () => {
    expect(() => signReplyToken(newClaims(), 'short')).toThrow(RangeError);
    expect(() => signReplyToken(newClaims({ notificationId: 'n-1' }), SECRET)).toThrow(RangeError);
    expect(() => signReplyToken(newClaims({ expiresAt: new Date('nope') }), SECRET)).toThrow(RangeError);
  });
});
