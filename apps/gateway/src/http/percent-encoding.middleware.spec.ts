import { percentEncodingProblems } from './percent-encoding.middleware';

describe('percentEncodingProblems', () => {
  it('names the query parameter or path segment that does not decode', () => {
    expect(
      percentEncodingProblems('/api/v1/candidates/search?q=%E0%A4%A&limit=5').map((p) => p.field),
    ).toEqual(['q']);
    expect(percentEncodingProblems('/api/v1/candidates/%E0%A4%A').map((p) => p.field)).toEqual([
      'path segment 4',
    ]);
  });

  it('lets well-formed URLs through', () => {
    expect(percentEncodingProblems('/api/v1/candidates/search?q=sveis%C3%A5r+oslo&near=0580')).toEqual([]);
  });
});
