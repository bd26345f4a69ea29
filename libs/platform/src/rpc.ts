import {
  createParamDecorator,
  type ArgumentsHost,
  type CallHandler,
  Catch,
  type ExecutionContext,
  type ExceptionFilter,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Observable, firstValueFrom, throwError, timeout, TimeoutError } from 'rxjs';
import {
  DomainError,
  InternalError,
  ServiceUnavailable,
  fromWireError,
  isWireError,
  toWireError,
  type Pattern,
  type RpcEnvelope,
} from '@brobygger/contracts';
import { LOGGER, type Logger } from './logger';
import { requestContext } from './request-context';

/** The `data` part of an RPC envelope; validated by the global pipe against the parameter's class. */
export const RpcData = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const envelope = ctx.switchToRpc().getData<RpcEnvelope<unknown>>();
  return envelope?.data;
});

/** Runs each RPC handler inside the caller's request context (request id, actor). */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const envelope = ctx.switchToRpc().getData<RpcEnvelope<unknown>>();
    const meta = envelope?.meta ?? { requestId: requestContext.newId() };
    // next.handle() calls the handler lazily on subscribe, so the context must wrap the subscription.
    return new Observable((subscriber) =>
      requestContext.run({ requestId: meta.requestId, actor: meta.actor }, () =>
        next.handle().subscribe(subscriber),
      ),
    );
  }
}

/** Sends domain errors back as data; anything else is logged with an id and sent as a bare 500. */
@Catch()
export class RpcErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}
  catch(err: unknown, host: ArgumentsHost): Observable<never> {
    if (err instanceof DomainError) return throwError(() => toWireError(err));
    const errorId = requestContext.newId();
    const pattern = host.switchToRpc().getContext<{ getPattern?: () => string }>()?.getPattern?.();
    this.logger.error({ err, errorId, pattern }, 'unhandled error in RPC handler');
    return throwError(() => toWireError(new InternalError(errorId)));
  }
}

/**
 * The gateway's side of RPC: wraps the payload with the current request context, bounds the wait and turns
 * errors that crossed the wire back into domain errors.
 */
export interface RpcSender {
  send<T>(pattern: string, data: unknown): Observable<T>;
}

export class RpcCaller {
  constructor(
    private readonly client: RpcSender,
    private readonly timeoutMs: number,
  ) {}

  async call<T>(pattern: Pattern, data: unknown, timeoutMs = this.timeoutMs): Promise<T> {
    const ctx = requestContext.get();
    const envelope: RpcEnvelope<unknown> = {
      meta: { requestId: ctx?.requestId ?? requestContext.newId(), actor: ctx?.actor },
      data,
    };
    try {
      return await firstValueFrom(this.client.send<T>(pattern, envelope).pipe(timeout(timeoutMs)));
    } catch (err) {
      if (isWireError(err)) throw fromWireError(err);
      if (err instanceof TimeoutError) {
        throw new ServiceUnavailable(`${pattern.split('.')[0]} service did not answer in ${timeoutMs} ms`);
      }
      throw err;
    }
  }
}
