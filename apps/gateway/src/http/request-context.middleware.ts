import type { NextFunction, Request, Response } from 'express';
import { requestContext, type Logger } from '@brobygger/platform';

const SAFE_ID = /^[A-Za-z0-9._-]{8,100}$/;

/**
 * Gives every request an id (a well-formed incoming X-Request-Id is kept, so a caller can trace its own
 * calls), runs the rest of the request inside that context and logs one line when it ends. Only the path is
 * logged: query strings can hold search text about people.
 */
export function requestContextMiddleware(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    const requestId =
      typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : requestContext.newId();
    res.setHeader('x-request-id', requestId);
    const started = performance.now();
    requestContext.run({ requestId }, () => {
      res.on('finish', () =>
        logger.info(
          {
            method: req.method,
            path: req.path,
            status: res.statusCode,
            ms: Math.round(performance.now() - started),
            role: requestContext.get()?.actor?.role,
          },
          'request',
        ),
      );
      next();
    });
  };
}
