import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { OpeningMatchListQuery } from './matching';

/** As the global ValidationPipe reads a query string: strings in, transformed, then validated. */
function read(query: Record<string, string>) {
  const dto = plainToInstance(OpeningMatchListQuery, query);
  return { dto, errors: validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }) };
}

describe('OpeningMatchListQuery.includeNoMustHave', () => {
  it('reads true and false from the query string, and is absent when not given', () => {
    expect(read({ includeNoMustHave: 'true' }).dto.includeNoMustHave).toBe(true);
    expect(read({ includeNoMustHave: 'false' }).dto.includeNoMustHave).toBe(false);
    expect(read({}).dto.includeNoMustHave).toBeUndefined();
    expect(read({ includeNoMustHave: 'true' }).errors).toEqual([]);
  });

  it('refuses anything else, naming the field', () => {
    const { errors } = read({ includeNoMustHave: 'yes' });
    expect(errors.map((e) => e.property)).toEqual(['includeNoMustHave']);
  });
});
