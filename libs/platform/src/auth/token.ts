/*
 * Bearer tokens (HS256 JWT). Kept free of runtime imports besides jsonwebtoken so `npm run token` can load
 * this file straight from source without a build.
 */
import jwt from 'jsonwebtoken';
import type { Actor, Role } from '@brobygger/contracts';

// Record<Role, true> makes the compiler check this list against the contract in both directions.
const KNOWN_ROLES: Record<Role, true> = { staff: true, employer: true, candidate: true, admin: true };
const ISSUER = 'brobygger';

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && Object.hasOwn(KNOWN_ROLES, value);
}

export function signAccessToken(actor: Actor, secret: string, expiresInSeconds = 8 * 3600): string {
  const { sub, ...claims } = actor;
  return jwt.sign(claims, secret, {
    algorithm: 'HS256',
    subject: sub,
    issuer: ISSUER,
    expiresIn: expiresInSeconds,
  });
}

/** Returns the actor, or null for a missing, malformed, expired or wrongly signed token. */
export function verifyAccessToken(token: string, secret: string): Actor | null {
  let payload: jwt.JwtPayload | string;
  try {
    payload = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: ISSUER });
  } catch {
    return null;
  }
  if (typeof payload === 'string' || typeof payload.sub !== 'string' || !isRole(payload.role)) return null;
  const actor: Actor = { sub: payload.sub, role: payload.role };
  if (typeof payload.employerId === 'string') actor.employerId = payload.employerId;
  if (typeof payload.candidateId === 'string') actor.candidateId = payload.candidateId;
  return actor;
}
