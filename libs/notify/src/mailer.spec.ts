import { MailRejectedError, MailTemporaryError, SmtpMailer, type MailMessage } from './mailer';
import { renderEmail } from './render';
import { mailHeader as header, mailPart as part, startTestSmtpServer as startSmtp } from './testing';

// --- the tests ----------------------------------------------------------------------------------------------

const FROM = 'Brobygger <jobbtips@brobygger.no>';

function newMail(overrides: Partial<MailMessage> = {}): MailMessage {
  const rendered = renderEmail({
    lang: 'ar',
    opening: { title: 'Sveiser', place: 'Drammen', type: 'job' },
    explanation: {
      weightsVersion: 'w3',
      parts: [{ factor: 'distance', points: 10, maxPoints: 10, detail: 'remote' }],
      gates: [],
      matchedSkills: [],
      missingMustHaves: [],
      nearMisses: [],
      toCloseTheGap: [],
    },
    links: { interested: 'https://brobygger.no/r/yes', notForMe: 'https://brobygger.no/r/no' },
  });
  return {
    to: 'amina@example.com',
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    lang: rendered.lang,
    messageId: '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b',
    ...overrides,
  };
}

describe('SmtpMailer', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let mailer: SmtpMailer;

  beforeEach(async () => {
    smtp = await startSmtp();
    mailer = new SmtpMailer({ url: smtp.url, from: FROM });
  });
  afterEach(async () => {
    mailer.close();
    await smtp.close();
  });

  it('delivers subject, text and RTL HTML, with our Message-ID and Content-Language', async () => {
    const mail = newMail();
    const { messageId } = await mailer.send(mail);
    expect(messageId).toBe('<3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b@brobygger.no>');

    expect(smtp.received).toHaveLength(1);
    const [{ from, to, raw }] = smtp.received;
    expect({ from, to }).toEqual({ from: 'jobbtips@brobygger.no', to: ['amina@example.com'] });
    expect(header(raw, 'Message-ID')).toBe(messageId);
    expect(header(raw, 'Content-Language')).toBe('ar');
    expect(header(raw, 'Subject')).toBe(mail.subject);
    expect(part(raw, 'text/plain')).toBe(mail.text);
    const html = part(raw, 'text/html');
    expect(html).toBe(mail.html);
    expect(html).toContain('<html lang="ar" dir="rtl">');
  });

  it('sends a resend with the same Message-ID', async () => {
    await mailer.send(newMail());
    await mailer.send(newMail());
    const ids = smtp.received.map((m) => header(m.raw, 'Message-ID'));
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it('calls 550 on RCPT rejected, without the address', async () => {
    smtp.refuseRecipients(550);
    const sent = mailer.send(newMail());
    await expect(sent).rejects.toBeInstanceOf(MailRejectedError);
    await expect(sent).rejects.toMatchObject({
      responseCode: 550,
      message: 'mail rejected with SMTP 550 on RCPT TO',
    });
    expect(smtp.received).toHaveLength(0);
  });

  it('calls 451 on RCPT temporary', async () => {
    smtp.refuseRecipients(451);
    const sent = mailer.send(newMail());
    await expect(sent).rejects.toBeInstanceOf(MailTemporaryError);
    await expect(sent).rejects.toMatchObject({ responseCode: 451 });
  });
});

describe('SmtpMailer, failing early', () => {
  it('calls a server that is down temporary', async () => {
    const gone = await startSmtp();
    await gone.close();
    const mailer = new SmtpMailer({ url: gone.url, from: FROM, timeoutMs: 2_000 });
    const sent = mailer.send(newMail());
    await expect(sent).rejects.toBeInstanceOf(MailTemporaryError);
    await expect(sent).rejects.toMatchObject({ responseCode: undefined });
    mailer.close();
  });

  it('refuses a Message-ID that could break the header, and a sender without a domain', async () => {
    const mailer = new SmtpMailer({ url: 'smtp://127.0.0.1:1', from: FROM });
    await expect(mailer.send(newMail({ messageId: 'a>\r\nBcc: x@y' }))).rejects.toThrow(RangeError);
    mailer.close();
    expect(() => new SmtpMailer({ url: 'smtp://127.0.0.1:1', from: 'Brobygger' })).toThrow(RangeError);
  });
});
