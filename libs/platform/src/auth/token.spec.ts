import jwt from 'jsonwebtoken';
import { signAccessToken, verifyAccessToken } from './token';

const secret = 'a'.repeat(32);

describe('access tokens', () => {
  it('round-trips the actor', () => {
    const token = signAccessToken({ sub: 'u1', role: 'employer', employerId: 'e1' }, secret);
    expect(verifyAccessToken(token, secret)).toEqual({ sub: 'u1', role: 'employer', employerId: 'e1' });
  });

  it('refuses another secret, a tampered payload, an expired token and an unknown role', () => {
    const token = signAccessToken({ sub: 'u1', role: 'staff' }, secret);
    expect(verifyAccessToken(token, 'b'.repeat(32))).toBeNull();
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ role: 'admin', sub: 'u1', iss: 'brobygger' })).toString(
      'base64url',
    );
    expect(verifyAccessToken(`${h}.${forged}.${s}`, secret)).toBeNull();
    expect(verifyAccessToken(signAccessToken({ sub: 'u1', role: 'staff' }, secret, -10), secret)).toBeNull();
    const odd = jwt.sign({ role: 'root' }, secret, { subject: 'u1', issuer: 'brobygger' });
    expect(verifyAccessToken(odd, secret)).toBeNull();
  });

  it('refuses the "none" algorithm', () => {
    const none = jwt.sign({ role: 'admin' }, '', { algorithm: 'none', subject: 'u1', issuer: 'brobygger' });
    expect(verifyAccessToken(none, secret)).toBeNull();
  });
});
