import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { requestContext } from './request-context';

/**
 * Database errors carry the failing statement with its values and PostgreSQL's "Failing row contains (...)":
 * names, e-mails and notes of the people this system serves. Logs keep what explains the failure (the kind,
 * the SQLSTATE, the table, column and constraint) and the stack, never the row.
 */
export function serializeError(err: unknown): unknown {
  const base = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  const e = err as {
    sqlState?: unknown;
    code?: unknown;
    table?: unknown;
    column?: unknown;
    constraint?: unknown;
  };
  const isDatabaseError =
    typeof e?.sqlState === 'string' || (typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code));
  if (!isDatabaseError) return base;
  return {
    type: base.type,
    message: `database error ${String(e.sqlState ?? e.code)} (statement and values left out of the log)`,
    code: e.sqlState ?? e.code,
    table: e.table,
    column: e.column,
    constraint: e.constraint,
    stack:
      typeof base.stack === 'string'
        ? base.stack
            .split('\n')
            .filter((l) => /^\s+at /.test(l))
            .join('\n')
        : undefined,
  };
}

/** One JSON logger per process; every line carries the current request id, wherever it came from. */
export function createLogger(app: string, level: string): Logger {
  return pino({
    level,
    base: { app },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: serializeError },
    mixin: () => {
      const id = requestContext.requestId();
      return id ? { requestId: id } : {};
    },
  });
}

/** Routes Nest's own logging through pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    if (message instanceof Error) this.logger.error({ context, err: message }, message.message);
    else this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}

export const LOGGER = Symbol('LOGGER');
export type { Logger };
