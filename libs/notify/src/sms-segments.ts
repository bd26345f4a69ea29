/**
 * How many SMS a text costs (3GPP TS 23.038 / 23.040). A text that fits the GSM 7-bit default alphabet goes
 * as GSM-7: 160 septets alone, 153 per part once split (the rest holds the concatenation header). One
 * character outside it, and the whole text goes as UCS-2: 70 UTF-16 code units alone, 67 per part. Arabic
 * and Ukrainian are always UCS-2; so is Norwegian with a typographic apostrophe, dash or "…".
 */

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsSize {
  encoding: SmsEncoding;
  /** Septets for GSM-7 (an extension character counts 2), UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

// The basic table without ESC (0x1B), which introduces the extension table and is no character of its own.
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Sent as ESC plus a septet: two septets each. */
const GSM7_EXTENDED = new Set('\f^{}\\[~]|€');

const LIMITS: Readonly<Record<SmsEncoding, { single: number; perPart: number }>> = {
  gsm7: { single: 160, perPart: 153 },
  ucs2: { single: 70, perPart: 67 },
};

export function smsSegments(text: string): SmsSize {
  const chars = Array.from(text);
  const gsm = chars.every((c) => GSM7_BASIC.has(c) || GSM7_EXTENDED.has(c));
  const encoding: SmsEncoding = gsm ? 'gsm7' : 'ucs2';
  // A code point outside the BMP is a surrogate pair: two UCS-2 units.
  const sizes = chars.map((c) => (gsm ? (GSM7_EXTENDED.has(c) ? 2 : 1) : c.length));
  const units = sizes.reduce((a, b) => a + b, 0);
  const { single, perPart } = LIMITS[encoding];
  if (units <= single) return { encoding, units, segments: 1 };

  // Phones and gateways never split an escape sequence or a surrogate pair across parts: one that would
  // straddle the boundary moves whole to the next part, which can cost a part more than units / perPart.
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > perPart) {
      segments++;
      used = 0;
    }
    used += size;
  }
  return { encoding, units, segments };
}
