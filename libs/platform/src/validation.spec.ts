import { MAX_INPUT_DEPTH, unsafeInputProblems } from './validation';

describe('unsafeInputProblems', () => {
  const fields = (v: unknown, raw?: string[]) => unsafeInputProblems(v, raw).map((p) => p.field);

  it('names NUL bytes, lone surrogates and prototype keys at their dotted path', () => {
    expect(fields({ fullName: 'a\u0000b', contacts: [{ email: 'x\ud800@y.no' }] })).toEqual([
      'fullName',
      'contacts.0.email',
    ]);
    expect(fields(JSON.parse('{"a":{"__proto__":{"x":1}},"constructor":{}}'))).toEqual([
      'a.__proto__',
      'constructor',
    ]);
    expect(fields({ name: 'Émile 😀 عربي' })).toEqual([]);
  });

  it('stops at the depth limit with one problem instead of overflowing the stack', () => {
    let deep: unknown = [];
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const problems = unsafeInputProblems({ skills: deep });
    expect(problems).toHaveLength(1);
    expect(problems[0].field.split('.')).toHaveLength(MAX_INPUT_DEPTH + 1);
  });

  it('leaves a whole file to be checked by line', () => {
    expect(fields({ format: 'csv', content: 'a\u0000b' }, ['content'])).toEqual([]);
  });
});
