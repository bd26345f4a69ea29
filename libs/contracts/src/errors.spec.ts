import {
  Conflict,
  fromWireError,
  InternalError,
  isWireError,
  NotFound,
  toWireError,
  ValidationFailed,
  type DomainError,
  type WireError,
} from './errors';

const roundTrip = (e: DomainError) => fromWireError(JSON.parse(JSON.stringify(toWireError(e))) as WireError);

describe('domain errors across the wire', () => {
  it('a validation failure keeps its class, message and fields', () => {
    const back = roundTrip(new ValidationFailed([{ field: 'orgNumber', messages: ['bad checksum'] }]));
    expect(back).toBeInstanceOf(ValidationFailed);
    expect(back).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(back.fields).toEqual([{ field: 'orgNumber', messages: ['bad checksum'] }]);
    expect(back.message).toBe('Invalid input: orgNumber (bad checksum)');
  });

  it('a subclass comes back as its base with the same message', () => {
    class CandidateNotFound extends NotFound {}
    const back = roundTrip(new CandidateNotFound('Candidate x not found'));
    expect(back).toBeInstanceOf(NotFound);
    expect(back).toMatchObject({ status: 404, code: 'not_found', message: 'Candidate x not found' });
  });

  it('keeps fields on a conflict', () => {
    const back = roundTrip(new Conflict('dup', [{ field: 'orgNumber', messages: ['taken'] }]));
    expect(back).toBeInstanceOf(Conflict);
    expect(back.fields?.[0].field).toBe('orgNumber');
  });

  it('an internal error carries only its id, never the cause', () => {
    const wire = toWireError(new InternalError('e-123'));
    expect(wire).toEqual({
      brobyggerError: true,
      status: 500,
      code: 'internal',
      message: 'Internal error',
      errorId: 'e-123',
    });
    expect(roundTrip(new InternalError('e-123'))).toEqual(new InternalError('e-123'));
  });

  it('recognises only objects marked as wire errors', () => {
    expect(isWireError({ status: 404 })).toBe(false);
    expect(isWireError(new Error('x'))).toBe(false);
    expect(isWireError(toWireError(new NotFound('x')))).toBe(true);
  });
});
