import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSmsMessage {
  id: string;
  to: string;
  text: string;
  idempotencyKey: string;
}

export interface FakeSmsProvider {
  /** Base URL for HttpSmsProvider, e.g. http://127.0.0.1:40123. */
  readonly url: string;
  readonly apiKey: string;
  /** Messages accepted, each once however often it was sent. */
  readonly messages: readonly FakeSmsMessage[];
  /** Requests received, failed and duplicate ones included. */
  readonly requests: number;
  /** The next `n` requests answer `status` and store nothing. */
  failNext(n: number, status?: number): void;
  /** The next request waits this long before it is answered (for timeouts). */
  delayNext(ms: number): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 playing the SMS provider HttpSmsProvider talks to: it checks the bearer key,
 * stores messages, and dedupes on Idempotency-Key like a real provider (a repeat answers the first message's
 * id and sends nothing), so retry logic can be tested for double sends.
 */
export async function startFakeSmsProvider({ apiKey = 'fake-sms-key' } = {}): Promise<FakeSmsProvider> {
  const messages: FakeSmsMessage[] = [];
  const byKey = new Map<string, FakeSmsMessage>();
  const timers = new Set<NodeJS.Timeout>();
  let requests = 0;
  let failures: { left: number; status: number } = { left: 0, status: 500 };
  let delayMs = 0;

  const answer = (res: ServerResponse, status: number, body: object) => {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    requests++;
    const raw = await readBody(req);
    if (delayMs > 0) {
      const ms = delayMs;
      delayMs = 0;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, ms);
        timers.add(timer);
      });
    }
    if (req.method !== 'POST' || req.url !== '/messages') return answer(res, 404, { error: 'not_found' });
    if (req.headers.authorization !== `Bearer ${apiKey}`) return answer(res, 401, { error: 'unauthorized' });
    if (failures.left > 0) {
      failures.left--;
      return answer(res, failures.status, { error: 'simulated_failure' });
    }
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !key) return answer(res, 400, { error: 'missing_idempotency_key' });
    const seen = byKey.get(key);
    if (seen) return answer(res, 200, { id: seen.id });

    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return answer(res, 400, { error: 'invalid_json' });
    }
    const { to, text } = (body ?? {}) as Record<string, unknown>;
    if (typeof to !== 'string' || !/^\+\d{8,15}$/.test(to))
      return answer(res, 400, { error: 'invalid_number' });
    if (typeof text !== 'string' || !text) return answer(res, 400, { error: 'empty_text' });
    const msg = { id: `fake-${randomUUID()}`, to, text, idempotencyKey: key };
    messages.push(msg);
    byKey.set(key, msg);
    return answer(res, 201, { id: msg.id });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => answer(res, 500, { error: 'fake_provider_error' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    messages,
    get requests() {
      return requests;
    },
    failNext(n, status = 500) {
      failures = { left: n, status };
    },
    delayNext(ms) {
      delayMs = ms;
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      // Keep-alive sockets from fetch would hold close() open until they time out.
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
