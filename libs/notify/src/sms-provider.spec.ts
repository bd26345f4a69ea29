import {
  HttpSmsProvider,
  LogSmsProvider,
  SmsRejectedError,
  SmsTemporaryError,
  maskNumber,
  type SmsMessage,
} from './sms-provider';
import { startFakeSmsProvider, type FakeSmsProvider } from './testing';

const TO = '+4791234567';
const TEXT = 'Brobygger: Jobbtips til deg: Sveiser, Drammen.';

function newMessage(overrides: Partial<SmsMessage> = {}): SmsMessage {
  return { to: TO, text: TEXT, idempotencyKey: 'notification-1', ...overrides };
}

describe('HttpSmsProvider against the fake provider', () => {
  let fake: FakeSmsProvider;
  let provider: HttpSmsProvider;

  beforeEach(async () => {
    fake = await startFakeSmsProvider({ apiKey: 'right-key' });
    provider = new HttpSmsProvider({ baseUrl: fake.url, apiKey: 'right-key', timeoutMs: 2_000 });
  });
  afterEach(() => fake.close());

  it('sends, and returns the provider id', async () => {
    const { providerMessageId } = await provider.send(newMessage());
    expect(fake.messages).toEqual([
      { id: providerMessageId, to: TO, text: TEXT, idempotencyKey: 'notification-1' },
    ]);
    expect(fake.requests).toBe(1);
  });

  it('takes a base URL with a trailing slash', async () => {
    const slashed = new HttpSmsProvider({ baseUrl: `${fake.url}/`, apiKey: 'right-key' });
    await slashed.send(newMessage());
    expect(fake.messages).toHaveLength(1);
  });

  it('sends a message once however often the same key is sent', async () => {
    const first = await provider.send(newMessage());
    const second = await provider.send(newMessage());
    expect(second).toEqual(first);
    expect(fake.messages).toHaveLength(1);
    expect(fake.requests).toBe(2);
    await provider.send(newMessage({ idempotencyKey: 'notification-2' }));
    expect(fake.messages).toHaveLength(2);
  });

  it.each([500, 502, 503, 408, 429])(
    'calls HTTP %i temporary, and a retry then goes through once',
    async (status) => {
      fake.failNext(1, status);
      const sent = provider.send(newMessage());
      await expect(sent).rejects.toBeInstanceOf(SmsTemporaryError);
      await expect(sent).rejects.toMatchObject({ status });
      expect(fake.messages).toHaveLength(0);

      await provider.send(newMessage());
      expect(fake.messages).toHaveLength(1);
    },
  );

  it.each([400, 404, 422])('calls HTTP %i rejected', async (status) => {
    fake.failNext(1, status);
    const sent = provider.send(newMessage());
    await expect(sent).rejects.toBeInstanceOf(SmsRejectedError);
    await expect(sent).rejects.toMatchObject({ status, reason: 'simulated_failure' });
  });

  it('calls a bad number rejected, without repeating the number or the text', async () => {
    const sent = provider.send(newMessage({ to: '+47123' }));
    await expect(sent).rejects.toBeInstanceOf(SmsRejectedError);
    await expect(sent).rejects.toMatchObject({ status: 400, reason: 'invalid_number' });
    const err = (await sent.catch((e: unknown) => e)) as Error;
    expect(`${err.message} ${JSON.stringify(err)}`).not.toMatch(/123|Jobbtips/);
  });

  it('calls a wrong key rejected', async () => {
    const wrong = new HttpSmsProvider({ baseUrl: fake.url, apiKey: 'wrong-key' });
    const sent = wrong.send(newMessage());
    await expect(sent).rejects.toBeInstanceOf(SmsRejectedError);
    await expect(sent).rejects.toMatchObject({ status: 401 });
    expect(fake.messages).toHaveLength(0);
  });

  it('gives up on a slow provider after timeoutMs, as a temporary failure', async () => {
    const quick = new HttpSmsProvider({ baseUrl: fake.url, apiKey: 'right-key', timeoutMs: 100 });
    fake.delayNext(1_000);
    const started = Date.now();
    const sent = quick.send(newMessage());
    await expect(sent).rejects.toBeInstanceOf(SmsTemporaryError);
    await expect(sent).rejects.toThrow('no answer within 100 ms');
    expect(Date.now() - started).toBeLessThan(900);
  });
});

describe('HttpSmsProvider without a provider', () => {
  it('calls a refused connection temporary', async () => {
    const gone = await startFakeSmsProvider();
    await gone.close();
    const sent = new HttpSmsProvider({ baseUrl: gone.url, apiKey: gone.apiKey }).send(newMessage());
    await expect(sent).rejects.toBeInstanceOf(SmsTemporaryError);
    await expect(sent).rejects.toThrow('network error');
  });
});

describe('LogSmsProvider', () => {
  it('logs a masked number and the length, never the text', async () => {
    const lines: object[] = [];
    const provider = new LogSmsProvider((line) => lines.push(line));
    const { providerMessageId } = await provider.send(newMessage());
    expect(providerMessageId).toMatch(/^log-[0-9a-f-]{36}$/);
    expect(lines).toEqual([expect.objectContaining({ to: '***67', length: TEXT.length, providerMessageId })]);
    expect(JSON.stringify(lines)).not.toMatch(/912345|Jobbtips/);
  });

  it('masks all but the last two digits, whatever the format', () => {
    expect(maskNumber('+47 912 34 567')).toBe('***67');
    expect(maskNumber('7')).toBe('***7');
  });
});

describe('the fake provider', () => {
  it('answers 404 elsewhere and counts every request', async () => {
    const fake = await startFakeSmsProvider();
    try {
      const res = await fetch(`${fake.url}/nope`, { method: 'POST' });
      expect(res.status).toBe(404);
      fake.failNext(2, 503);
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const r = await fetch(`${fake.url}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${fake.apiKey}`, 'idempotency-key': 'k' },
          body: JSON.stringify({ to: TO, text: 'hi' }),
        });
        statuses.push(r.status);
      }
      expect(statuses).toEqual([503, 503, 201]);
      expect(fake.requests).toBe(4);
    } finally {
      await fake.close();
    }
  });
});
