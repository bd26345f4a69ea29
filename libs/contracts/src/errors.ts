/**
 * Domain errors are plain classes. Services throw them; the RPC layer sends them across Redis as data
 * (`WireError`) and the gateway turns them back into the same class and then into an HTTP status. Nothing
 * behind the transport knows about HTTP.
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 500 | 503;

export interface FieldError {
  field: string;
  messages: string[];
}

export interface WireError {
  /** Marks an error object that crossed the transport, so it is not mistaken for any other rejection. */
  brobyggerError: true;
  status: ErrorStatus;
  code: string;
  message: string;
  fields?: FieldError[];
  errorId?: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: ErrorStatus;
  abstract readonly code: string;
  constructor(
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailed extends DomainError {
  readonly status = 400;
  readonly code = 'validation_failed';
  constructor(fields: FieldError[]) {
    super(`Invalid input: ${fields.map((f) => `${f.field} (${f.messages.join('; ')})`).join(', ')}`, fields);
  }
}

export class Unauthenticated extends DomainError {
  readonly status = 401;
  readonly code = 'unauthenticated';
}

export class Forbidden extends DomainError {
  readonly status = 403;
  readonly code = 'forbidden';
}

export class NotFound extends DomainError {
  readonly status = 404;
  readonly code = 'not_found';
}

export class Conflict extends DomainError {
  readonly status = 409;
  readonly code = 'conflict';
}

export class Unprocessable extends DomainError {
  readonly status = 422;
  readonly code = 'unprocessable';
}

export class ServiceUnavailable extends DomainError {
  readonly status = 503;
  readonly code = 'service_unavailable';
}

/** An error with no domain meaning. Its message never leaves the service; the errorId ties the reply to the log. */
export class InternalError extends DomainError {
  readonly status = 500;
  readonly code = 'internal';
  constructor(readonly errorId: string) {
    super('Internal error');
  }
}

export function toWireError(err: DomainError): WireError {
  return {
    brobyggerError: true,
    status: err.status,
    code: err.code,
    message: err.message,
    ...(err.fields ? { fields: err.fields } : {}),
    ...(err instanceof InternalError ? { errorId: err.errorId } : {}),
  };
}

export function isWireError(value: unknown): value is WireError {
  return typeof value === 'object' && value !== null && (value as WireError).brobyggerError === true;
}

type ErrorCtor = new (message: string, fields?: FieldError[]) => DomainError;

class BadRequest extends DomainError {
  readonly status = 400;
  readonly code = 'bad_request';
}

/**
 * Each base class has a status of its own, so the status picks the class; a subclass (CandidateNotFound)
 * comes back as its base, with the service's code and message.
 */
const byStatus: Record<Exclude<ErrorStatus, 500>, ErrorCtor> = {
  400: BadRequest,
  401: Unauthenticated,
  403: Forbidden,
  404: NotFound,
  409: Conflict,
  422: Unprocessable,
  503: ServiceUnavailable,
};

/** Rebuilds a DomainError on the gateway side with the status, code, message and fields the service sent. */
export function fromWireError(wire: WireError): DomainError {
  if (wire.status === 500) return new InternalError(wire.errorId ?? 'unknown');
  if (wire.code === 'validation_failed') {
    const err = new ValidationFailed(wire.fields ?? []);
    err.message = wire.message;
    return err;
  }
  const err = new (byStatus[wire.status] ?? BadRequest)(wire.message, wire.fields);
  if (err.code !== wire.code) Object.defineProperty(err, 'code', { value: wire.code });
  return err;
}
