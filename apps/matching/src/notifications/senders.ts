import type { Logger } from '@brobygger/platform';
import {
  HttpSmsProvider,
  LogSmsProvider,
  SmtpMailer,
  type MailMessage,
  type SmsProvider,
} from '@brobygger/notify';
import type { MatchingConfig } from '../config';

/** Nest tokens for the two outside channels, so tests and development can run without real providers. */
export const MAILER = Symbol('MAILER');
export const SMS = Symbol('SMS');

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
  close?(): void;
}

/**
 * Development without an SMTP server: the message is logged (recipient masked, no content) and counts as
 * sent. In production an unset SMTP_URL switches e-mail off instead (deliveries are skipped, saying why):
 * logging a message there would tell staff it was sent when it was not.
 */
export class LogMailer implements Mailer {
  constructor(private readonly logger: Logger) {}
  send(message: MailMessage): Promise<{ messageId: string }> {
    const at = message.to.indexOf('@');
    this.logger.info(
      { to: `…${message.to.slice(at)}`, subject: message.subject.length, lang: message.lang },
      'e-mail logged, not sent (SMTP_URL is unset)',
    );
    return Promise.resolve({ messageId: message.messageId });
  }
}

/** null: the channel is off (production without settings). */
export function createMailer(config: MatchingConfig, logger: Logger): Mailer | null {
  if (config.SMTP_URL) return new SmtpMailer({ url: config.SMTP_URL, from: config.MAIL_FROM });
  if (config.NODE_ENV === 'production') {
    logger.warn('SMTP_URL is unset: notification e-mails are switched off');
    return null;
  }
  return new LogMailer(logger);
}

export function createSmsProvider(config: MatchingConfig, logger: Logger): SmsProvider | null {
  if (config.SMS_API_URL) {
    if (!config.SMS_API_KEY) throw new Error('SMS_API_KEY is required with SMS_API_URL');
    return new HttpSmsProvider({ baseUrl: config.SMS_API_URL, apiKey: config.SMS_API_KEY });
  }
  if (config.NODE_ENV === 'production') {
    logger.warn('SMS_API_URL is unset: notification SMS are switched off');
    return null;
  }
  return new LogSmsProvider((line) => logger.info(line, 'SMS logged, not sent (SMS_API_URL is unset)'));
}
