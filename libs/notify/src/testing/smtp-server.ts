import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface TestSmtpServer {
  url: string;
  port: number;
  /** Messages the server accepted (answered 250 to). */
  received: ReceivedMail[];
  /** Every RCPT TO is refused with this reply code from now on (e.g. 550); undefined accepts again. */
  refuseRecipients(code: number | undefined): void;
  /**
   * Messages are read but not answered until `release()`: the sender sits in DATA, as when a server is
   * slow. A message whose sender disconnects meanwhile is never accepted.
   */
  hold(): void;
  release(): void;
  /** Sessions that got as far as DATA (accepted or not). */
  dataStarted: number;
  /** Connections open now. */
  openSessions: number;
  close(): Promise<void>;
}

/**
 * A real SMTP server in the test process (smtp-server, the library nodemailer's authors maintain), on
 * 127.0.0.1 and the given port (0: any). Tests read what arrived instead of mocking the mailer.
 */
export async function startTestSmtpServer(port = 0): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let rcptCode: number | undefined;
  let holding = false;
  const waiting: (() => void)[] = [];
  const state = { dataStarted: 0, open: 0 };
  const closed = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // Its default reverse DNS lookup of each client waits seconds for a resolver a test machine may lack.
    disableReverseLookup: true,
    logger: false,
    onConnect(_session, callback) {
      state.open += 1;
      callback();
    },
    onClose(session) {
      state.open -= 1;
      closed.add(session.id);
    },
    onRcptTo(_address, _session, callback) {
      if (!rcptCode) return callback();
      callback(Object.assign(new Error('mailbox unavailable'), { responseCode: rcptCode }));
    },
    onData(stream, session, callback) {
      state.dataStarted += 1;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const accept = () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        };
        if (!holding) return accept();
        // Accept only if the sender is still there when released: a dead sender's message never arrived.
        waiting.push(() => (closed.has(session.id) ? undefined : accept()));
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${actual}`,
    port: actual,
    received,
    refuseRecipients(code) {
      rcptCode = code;
    },
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      waiting.splice(0).forEach((go) => go());
    },
    get dataStarted() {
      return state.dataStarted;
    },
    get openSessions() {
      return state.open;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// --- just enough MIME to read what arrived ---------------------------------------------------------------

export function mailHeader(raw: string, name: string): string | undefined {
  const head = raw.split(/\r\n\r\n/)[0].replace(/\r\n[ \t]+/g, ' ');
  const value = new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1];
  return value === undefined ? undefined : decodeWords(value);
}

/** RFC 2047 encoded words, as nodemailer writes them (B or Q, UTF-8). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The decoded body of the first part with this content type, line ends as LF (SMTP sends CRLF). */
export function mailPart(raw: string, type: string): string | undefined {
  // Split on this message's own MIME boundaries: a body line of dashes is not one.
  const boundaries = [...raw.matchAll(/boundary="?([^";\r\n]+)"?/gi)].map((m) => m[1]);
  const escaped = boundaries.map((b) => b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const chunks = escaped.length
    ? raw.split(new RegExp(`\r\n--(?:${escaped.join('|')})(?:--)?\r?\n?`))
    : [raw];
  for (const chunk of chunks) {
    if (!new RegExp(`^Content-Type: ${type}`, 'mi').test(chunk)) continue;
    const [head, ...body] = chunk.split(/\r\n\r\n/);
    const text = body.join('\r\n\r\n');
    const encoding = /^Content-Transfer-Encoding: (.*)$/im.exec(head)?.[1].trim().toLowerCase();
    const decoded =
      encoding === 'base64'
        ? Buffer.from(text, 'base64').toString('utf8')
        : encoding === 'quoted-printable'
          ? decodeQuotedPrintable(text)
          : text;
    return decoded.replace(/\r\n/g, '\n');
  }
  return undefined;
}
