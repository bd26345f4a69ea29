import { createTransport, type NodemailerError, type Transporter } from 'nodemailer';
import type { Lang } from './catalogue';

export interface SmtpMailerOptions {
  /** smtp://user:pass@host:587, smtps://host:465; nodemailer's URL options (e.g. ?requireTLS=true) work. */
  url: string;
  /** "Brobygger <jobbtips@brobygger.no>"; its domain also names our Message-IDs. */
  from: string;
  /** Connecting, waiting for the greeting, and silence on the socket, each; nodemailer waits minutes. */
  timeoutMs?: number;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  lang: Lang;
  /**
   * Stable per notification (its id will do). The Message-ID header is made from it, so a resend after a
   * lost answer carries the same Message-ID, and mail systems that dedupe on it can.
   */
  messageId: string;
}

/*
 * The errors say what happened in SMTP terms and carry no address: the server's reply text often quotes the
 * recipient ("550 5.1.1 <ola@example.com>: unknown user"), so it is not kept.
 */

/** The server refused this message for good (unknown user, policy): do not retry. */
export class MailRejectedError extends Error {
  override name = 'MailRejectedError';
  constructor(
    readonly responseCode: number | undefined,
    readonly command: string | undefined,
  ) {
    super(
      `mail rejected${responseCode ? ` with SMTP ${responseCode}` : ''}${command ? ` on ${command}` : ''}`,
    );
  }
}

/** The server could not be reached, was slow, or answered "try later" (4xx): retry. */
export class MailTemporaryError extends Error {
  override name = 'MailTemporaryError';
  constructor(
    readonly code: string | undefined,
    readonly responseCode: number | undefined,
  ) {
    super(
      `mail not sent, try again (${[code, responseCode && `SMTP ${responseCode}`].filter(Boolean).join(', ')})`,
    );
  }
}

export class SmtpMailer {
  private readonly transport: Transporter;
  private readonly from: string;
  private readonly domain: string;

  constructor({ url, from, timeoutMs = 30_000 }: SmtpMailerOptions) {
    this.transport = createTransport({
      url,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    this.from = from;
    const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1];
    if (!domain) throw new RangeError('SmtpMailer: from must contain an address with a domain');
    this.domain = domain.toLowerCase();
  }

  /** Returns the Message-ID sent, angle brackets included. */
  async send(msg: MailMessage): Promise<{ messageId: string }> {
    if (!/^[A-Za-z0-9._-]+$/.test(msg.messageId)) {
      throw new RangeError('SmtpMailer: messageId may only hold letters, digits, ".", "_" and "-"');
    }
    const messageId = `<${msg.messageId}@${this.domain}>`;
    try {
      await this.transport.sendMail({
        from: this.from,
        to: msg.to,
        subject: msg.subject,
        text: msg.text,
        html: msg.html,
        messageId,
        headers: { 'Content-Language': msg.lang },
      });
    } catch (err) {
      throw classify(err as NodemailerError);
    }
    return { messageId };
  }

  close(): void {
    this.transport.close();
  }
}

/**
 * An SMTP reply decides by its class (RFC 5321): 5xx is final, 4xx is "later". nodemailer marks the final
 * ones `permanent`, leaving out 503 (wrong command order: a fault of the session, not the message). Without
 * a reply it is the network (refused, reset, timeout, DNS): temporary. Failed authentication is ours to fix,
 * not the recipient's, so it is retried rather than recorded as a rejected message.
 */
function classify(err: NodemailerError): Error {
  if (err.code === 'EAUTH' || err.code === 'ENOAUTH')
    return new MailTemporaryError(err.code, err.responseCode);
  const permanent =
    err.permanent ?? (err.responseCode !== undefined && err.responseCode >= 500 && err.responseCode !== 503);
  if (permanent) return new MailRejectedError(err.responseCode, err.command);
  return new MailTemporaryError(err.code, err.responseCode);
}
