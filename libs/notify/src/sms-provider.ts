import { randomUUID } from 'node:crypto';

export interface SmsMessage {
  /** E.164, e.g. +4791234567. */
  to: string;
  text: string;
  /**
   * The same for every attempt at one message (the notification id will do): a retry after a timeout must
   * not send the SMS twice, and only the provider can know whether the first attempt got through.
   */
  idempotencyKey: string;
}

export interface SmsProvider {
  readonly name: string;
  /** Throws SmsRejectedError (do not retry) or SmsTemporaryError (retry with the same idempotency key). */
  send(msg: SmsMessage): Promise<{ providerMessageId: string }>;
}

/*
 * The errors carry the HTTP status and a short reason and nothing of the message: error messages end up in
 * logs and job records, and the phone number and text are personal data.
 */

/** The provider refused the message for good (bad number, bad request, bad key): retrying cannot help. */
export class SmsRejectedError extends Error {
  override name = 'SmsRejectedError';
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`SMS rejected (HTTP ${status}): ${reason}`);
  }
}

/** The provider was down, slow, overloaded or unreachable: try again later. */
export class SmsTemporaryError extends Error {
  override name = 'SmsTemporaryError';
  constructor(
    readonly reason: string,
    readonly status?: number,
  ) {
    super(`SMS not sent, try again${status ? ` (HTTP ${status})` : ''}: ${reason}`);
  }
}

export interface HttpSmsProviderOptions {
  /** E.g. https://sms.example.com/v1; messages go to `${baseUrl}/messages`. */
  baseUrl: string;
  apiKey: string;
  /** For the whole exchange, body included. */
  timeoutMs?: number;
}

/**
 * A provider with a small JSON API: `POST /messages { to, text }` with a bearer key and an Idempotency-Key
 * header, answering `{ id }`. 408 and 429 are the provider asking us to come back later, so they are
 * temporary like 5xx; every other 4xx is final.
 */
export class HttpSmsProvider implements SmsProvider {
  readonly name = 'http';
  private readonly url: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;

  constructor({ baseUrl, apiKey, timeoutMs = 10_000 }: HttpSmsProviderOptions) {
    this.url = `${baseUrl.replace(/\/+$/, '')}/messages`;
    this.apiKey = apiKey;
    this.timeoutMs = timeoutMs;
  }

  async send({ to, text, idempotencyKey }: SmsMessage): Promise<{ providerMessageId: string }> {
    let res: Response;
    let body: unknown;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${this.apiKey}`,
          'idempotency-key': idempotencyKey,
        },
        body: JSON.stringify({ to, text }),
        // A redirect would turn the POST into a GET elsewhere; we would rather hear about it.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = await res.json().catch(() => undefined);
    } catch (err) {
      // No cause attached: a fetch error can carry the request, and with it the number and the text.
      // By name, not instanceof: the DOMException may come from another realm (a test VM, a worker).
      const timedOut = isRecord(err) && err.name === 'TimeoutError';
      throw new SmsTemporaryError(timedOut ? `no answer within ${this.timeoutMs} ms` : 'network error');
    }

    const { status } = res;
    if (status >= 200 && status < 300) {
      const id = isRecord(body) ? body.id : undefined;
      // Sent, but we cannot tell which message it became. Retrying is safe: the key makes the provider
      // answer with the same id instead of sending again.
      if (typeof id !== 'string' || !id) throw new SmsTemporaryError('answer without a message id', status);
      return { providerMessageId: id };
    }
    const reason = shortReason(body, status);
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
      throw new SmsRejectedError(status, reason);
    }
    throw new SmsTemporaryError(reason, status);
  }
}

/**
 * The provider's error code when it looks like a code ("invalid_number"), else the status text. Free text
 * from the provider is not copied: it may quote the number or the message back.
 */
function shortReason(body: unknown, status: number): string {
  const code = isRecord(body) ? (body.code ?? body.error) : undefined;
  if (typeof code === 'string' && /^[A-Za-z][\w.-]{0,39}$/.test(code)) return code;
  return `HTTP ${status}`;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/** For development: sends nothing, logs that it would have. */
export class LogSmsProvider implements SmsProvider {
  readonly name = 'log';

  constructor(private readonly log: (line: object) => void) {}

  send({ to, text, idempotencyKey }: SmsMessage): Promise<{ providerMessageId: string }> {
    const providerMessageId = `log-${randomUUID()}`;
    // Even a development log should not collect phone numbers or messages.
    this.log({
      msg: 'sms not sent (log provider)',
      to: maskNumber(to),
      length: text.length,
      idempotencyKey,
      providerMessageId,
    });
    return Promise.resolve({ providerMessageId });
  }
}

/** "+4791234567" → "***67": the last two digits, enough to tell test phones apart. */
export function maskNumber(to: string): string {
  return `***${to.replace(/\D/g, '').slice(-2)}`;
}
