import { type ArgumentsHost, NotFoundException } from '@nestjs/common';
import pino from 'pino';
import { Conflict, InternalError, ValidationFailed } from '@brobygger/contracts';
import { HttpErrorFilter } from './http-error.filter';

function respond(err: unknown) {
  const out = { status: 0, body: undefined as unknown };
  const res = {
    status(code: number) {
      out.status = code;
      return this;
    },
    json(body: unknown) {
      out.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  new HttpErrorFilter(pino({ level: 'silent' })).catch(err, host);
  return out;
}

describe('HttpErrorFilter', () => {
  it('maps a domain error to its status, code and fields', () => {
    expect(respond(new ValidationFailed([{ field: 'q', messages: ['q is empty'] }]))).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'validation_failed',
        message: 'Invalid input: q (q is empty)',
        fields: [{ field: 'q', messages: ['q is empty'] }],
      },
    });
    expect(respond(new Conflict('taken')).status).toBe(409);
  });

  it('turns an unknown error into a bare 500 with an error id and no stack or message', () => {
    const { status, body } = respond(new TypeError('secret detail at /srv/app.js:12'));
    expect(status).toBe(500);
    expect(body).toEqual({
      statusCode: 500,
      error: 'internal',
      message: 'Internal error',
      errorId: expect.any(String),
    });
    expect(JSON.stringify(body)).not.toContain('secret detail');
  });

  it('passes on the error id a service reported', () => {
    expect(respond(new InternalError('svc-err-1'))).toMatchObject({
      status: 500,
      body: { errorId: 'svc-err-1' },
    });
  });

  it('names framework errors', () => {
    expect(respond(new NotFoundException('Cannot GET /x')).body).toEqual({
      statusCode: 404,
      error: 'not_found',
      message: 'Cannot GET /x',
    });
  });
});
