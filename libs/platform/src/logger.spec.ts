import { serializeError } from './logger';

describe('error serialisation for logs', () => {
  it('keeps a database error’s kind and location but not the statement, values or failing row', () => {
    const err = Object.assign(
      new Error(
        `insert into "candidates"."candidate" values ('Amina Hassan', 'amina@example.org') - null value`,
      ),
      {
        code: '23502',
        table: 'candidate',
        column: 'full_name',
        detail: 'Failing row contains (Amina Hassan, amina@example.org, +4791234567)',
      },
    );
    const out = JSON.stringify(serializeError(err));
    expect(out).not.toMatch(/Amina|amina@|4791234567/);
    expect(serializeError(err)).toMatchObject({ code: '23502', table: 'candidate', column: 'full_name' });
  });

  it('leaves other errors as pino serialises them', () => {
    expect(serializeError(new Error('boom'))).toMatchObject({ type: 'Error', message: 'boom' });
  });
});
