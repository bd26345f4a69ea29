import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, InternalError } from '@brobygger/contracts';
import { LOGGER, requestContext, type Logger } from '@brobygger/platform';

/** Codes for errors Nest or Express raise themselves (unknown route, malformed JSON, body too large). */
const FRAMEWORK_CODES: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/**
 * The one place errors become HTTP. Domain errors (raised here or behind the transport) keep their status
 * and fields; anything unknown is a 500 with an id that is also in the log, and never a stack.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (err instanceof DomainError) {
      if (err instanceof InternalError)
        this.logger.error({ errorId: err.errorId }, 'service reported an internal error');
      res.status(err.status).json({
        statusCode: err.status,
        error: err.code,
        message: err.message,
        ...(err.fields ? { fields: err.fields } : {}),
        ...(err instanceof InternalError ? { errorId: err.errorId } : {}),
      });
      return;
    }
    if (err instanceof HttpException) {
      const status = err.getStatus();
      const body = err.getResponse();
      const message =
        typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? err.message);
      res
        .status(status)
        .json({ statusCode: status, error: FRAMEWORK_CODES[status] ?? 'http_error', message });
      return;
    }
    const errorId = requestContext.newId();
    this.logger.error({ err, errorId }, 'unhandled error');
    res.status(500).json({ statusCode: 500, error: 'internal', message: 'Internal error', errorId });
  }
}
