import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring tokens for the "interested" / "not for me" links. They go into SMS, where every character
 * counts (two links must fit beside the text in 134 UCS-2 units), so the payload is binary, not JSON:
 *
 *   version (1 byte) | answer (1) | expiry, Unix seconds, big-endian (4) | notification id, a UUID (16)
 *
 * The token is `base64url(payload).base64url(mac)`, 30 + 1 + 22 = 53 characters. The MAC is HMAC-SHA256
 * truncated to its first 128 bits (RFC 2104 § 5 allows it): forging one needs about 2^128 tries against a
 * server that answers one at a time, and it saves 21 characters per link.
 *
 * A token proves who may answer, not that they have not answered: applying an answer twice must be harmless
 * (the reply handler upserts), and a later answer may replace an earlier one.
 */

export type ReplyAnswer = 'interested' | 'not-interested';

export interface ReplyClaims {
  notificationId: string;
  answer: ReplyAnswer;
  /** Rounded down to the second. */
  expiresAt: Date;
}

export type ReplyTokenResult =
  | { ok: true; notificationId: string; answer: ReplyAnswer; expiresAt: Date }
  | { ok: false; reason: 'malformed' | 'tampered' | 'expired' };

const VERSION = 1;
const ANSWERS: readonly ReplyAnswer[] = ['interested', 'not-interested'];
const PAYLOAD_BYTES = 22;
const MAC_BYTES = 16;
/** Shorter secrets are refused: the MAC is only as strong as the key. */
const MIN_SECRET_BYTES = 32;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function signReplyToken(claims: ReplyClaims, secret: string | Buffer): string {
  const { notificationId, answer, expiresAt } = claims;
  if (!UUID.test(notificationId)) {
    throw new RangeError('signReplyToken: notificationId must be a UUID');
  }
  const expiry = Math.floor(expiresAt.getTime() / 1000);
  if (!Number.isInteger(expiry) || expiry < 0 || expiry > 0xffff_ffff) {
    throw new RangeError('signReplyToken: expiresAt must be a valid date between 1970 and 2106');
  }
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  payload.writeUInt8(VERSION, 0);
  payload.writeUInt8(ANSWERS.indexOf(answer), 1);
  payload.writeUInt32BE(expiry, 2);
  Buffer.from(notificationId.replace(/-/g, ''), 'hex').copy(payload, 6);
  return `${payload.toString('base64url')}.${mac(payload, secret).toString('base64url')}`;
}

/**
 * Checks the MAC before anything in the payload is trusted, so 'expired' is only said of genuine tokens and a
 * forger learns nothing but 'tampered'.
 */
export function verifyReplyToken(
  token: string,
  secret: string | Buffer,
  now: Date = new Date(),
): ReplyTokenResult {
  const [payloadText, macText, ...rest] = token.split('.');
  const payload = decode(payloadText, PAYLOAD_BYTES);
  const given = decode(macText, MAC_BYTES);
  if (rest.length || !payload || !given) return { ok: false, reason: 'malformed' };
  if (!timingSafeEqual(given, mac(payload, secret))) return { ok: false, reason: 'tampered' };

  const answer = ANSWERS[payload.readUInt8(1)];
  if (payload.readUInt8(0) !== VERSION || !answer) return { ok: false, reason: 'malformed' };
  if (now.getTime() >= payload.readUInt32BE(2) * 1000) return { ok: false, reason: 'expired' };
  const hex = payload.subarray(6).toString('hex');
  const notificationId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { ok: true, notificationId, answer, expiresAt: new Date(payload.readUInt32BE(2) * 1000) };
}

function mac(payload: Buffer, secret: string | Buffer): Buffer {
  const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  if (key.length < MIN_SECRET_BYTES) {
    throw new RangeError(`reply token secret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  return createHmac('sha256', key).update(payload).digest().subarray(0, MAC_BYTES);
}

/**
 * Strict base64url of exactly `bytes` bytes. Node's decoder skips bad characters and ignores the spare low
 * bits of the last character, so without the round trip several spellings of one MAC would all verify.
 */
function decode(text: string | undefined, bytes: number): Buffer | undefined {
  if (!text || !BASE64URL.test(text)) return undefined;
  const buf = Buffer.from(text, 'base64url');
  return buf.length === bytes && buf.toString('base64url') === text ? buf : undefined;
}
