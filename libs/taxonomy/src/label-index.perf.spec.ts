import { LabelIndex, type LabelEntry, type LabelKind } from './label-index';
import { seededRandom } from './metrics';

// Sanity check at ESCO scale (about 14k skills with 110k labels, plus occupations). Only completion is
// asserted: timing assertions flake on shared CI machines.
const WORDS = (
  'use operate manage prepare apply maintain monitor ensure develop perform conduct design install repair ' +
  'clean inspect plan assess supervise teach advise coordinate welding equipment food safety hygiene ' +
  'forklift crane machine vehicle customer staff data analysis quality records software network ' +
  'building electrical plumbing wood metal textile animal patient child music art stock warehouse ' +
  'invoice budget contract marketing sales logistics transport cargo kitchen restaurant hotel farm'
).split(' ');
const KINDS: LabelKind[] = ['preferred', 'alt', 'alt', 'alt', 'alt', 'alt', 'alt', 'hidden'];

function syntheticEntries(n: number): LabelEntry[] {
  const rnd = seededRandom(2024);
  const out: LabelEntry[] = [];
  for (let i = 0; i < n; i++) {
    const words: string[] = [];
    const len = 1 + Math.floor(rnd() * 4);
    for (let w = 0; w < len; w++) words.push(WORDS[Math.floor(rnd() * WORDS.length)]);
    out.push({
      conceptId: `skill/${Math.floor(i / 8)}`,
      label: `${words.join(' ')} ${i.toString(36)}`,
      kind: KINDS[i % 8],
      lang: 'en',
    });
  }
  return out;
}

describe('LabelIndex at ESCO scale', () => {
  it('builds from 120,000 entries and answers lookups and extractions', () => {
    const entries = syntheticEntries(120_000);
    const index = new LabelIndex(entries);
    expect(index.size).toBe(120_000);
    expect(index.lookup(entries[777].label)[0]).toMatchObject({
      conceptId: entries[777].conceptId,
      confidence: 1,
    });
    expect(index.extract(`We need ${entries[4242].label} and more`, { minConfidence: 0 })[0].conceptId).toBe(
      entries[4242].conceptId,
    );
  });
});
