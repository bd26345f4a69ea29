/**
 * The bare baseline of the scorer benchmark: each candidate's skills as a bitset over the skill ids in play,
 * ANDed with the opening's must-have bitset and counted. It answers one question of a score (how many
 * must-haves does the candidate have) as cheaply as a CPU can, so scoreMatch's pairs/s ÷ this loop's says
 * what the rest of a score costs: levels, near misses, label matching, languages, distance, dates, gates and
 * the explanation.
 *
 * Only skills with an id go in: a skill the taxonomy did not resolve matches a requirement by label only,
 * which this baseline does not try (the benchmark's openings ask for skills by id, and its unresolved texts
 * never read as a requirement's label, so the two count the same matches).
 */

/** Set bits of a 32-bit word (SWAR: pairs, nibbles, bytes, then one multiply sums the bytes). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Bit numbers for the skill ids in play, in id order (so the layout does not depend on who comes first). */
export function skillIndex(skillIdLists: Iterable<Iterable<string | null>>): Map<string, number> {
  const ids = new Set<string>();
  for (const list of skillIdLists) for (const id of list) if (id) ids.add(id);
  return new Map([...ids].sort().map((id, i) => [id, i]));
}

/** One row per skill list, each `words` 32-bit words wide, in one flat array (row r at r × words). */
export interface PackedBitsets {
  rows: number;
  words: number;
  bits: Uint32Array;
}

/** Packs skill lists into rows; ids without a bit number (and nulls) are left out. */
export function packBitsets(
  index: ReadonlyMap<string, number>,
  skillIdLists: readonly (readonly (string | null)[])[],
): PackedBitsets {
  const words = Math.max(1, Math.ceil(index.size / 32));
  const bits = new Uint32Array(skillIdLists.length * words);
  skillIdLists.forEach((list, row) => {
    for (const id of list) {
      const bit = id ? index.get(id) : undefined;
      if (bit !== undefined) bits[row * words + (bit >>> 5)] |= 1 << (bit & 31);
    }
  });
  return { rows: skillIdLists.length, words, bits };
}

/**
 * The must-have bits each row holds, into `out` (one count per row); returns their sum. Every word of every
 * row is ANDed, as a plain bitset intersection does.
 */
export function overlapAllWords(packed: PackedBitsets, mask: Uint32Array, out: Uint16Array): number {
  const { rows, words, bits } = packed;
  let total = 0;
  for (let r = 0, base = 0; r < rows; r++, base += words) {
    let n = 0;
    for (let w = 0; w < words; w++) {
      const x = bits[base + w] & mask[w];
      if (x !== 0) n += popcount32(x);
    }
    out[r] = n;
    total += n;
  }
  return total;
}

/**
 * The same counts, reading only the words where the mask has a bit (a handful, however many skills are in
 * play): the cheapest this intersection gets.
 */
export function overlapMaskWords(packed: PackedBitsets, mask: Uint32Array, out: Uint16Array): number {
  const { rows, words, bits } = packed;
  const at: number[] = [];
  for (let w = 0; w < words; w++) if (mask[w] !== 0) at.push(w);
  const offsets = Int32Array.from(at);
  const masks = Uint32Array.from(at.map((w) => mask[w]));
  let total = 0;
  for (let r = 0, base = 0; r < rows; r++, base += words) {
    let n = 0;
    for (let i = 0; i < offsets.length; i++) n += popcount32(bits[base + offsets[i]] & masks[i]);
    out[r] = n;
    total += n;
  }
  return total;
}
