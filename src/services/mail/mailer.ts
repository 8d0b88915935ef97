/**
 * Mail, for real: over SMTP when SMTP_URL is set; otherwise each message is written as an
 * .eml file to MAIL_OUTBOX_DIR, readable by its owner alone, so a fresh install works with
 * nothing configured. Only in demo mode (outside production) does the log name the addressee
 * and the link, so that a developer can follow it; otherwise neither ever reaches a log.
 */
import nodemailer from 'nodemailer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../lib/logger.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** A link the message carries: logged in outbox mode, so a developer can follow it. */
  link?: string;
  /** Files the mail carries (a booking's .ics), written into the .eml in outbox mode too. */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** A mail error in words fit for a log: any e-mail address in it replaced. */
export function describeMailError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.slice(0, 500).replace(/[^\s<>@"']+@[^\s<>@"']+/g, '<address>');
}

export function createMailer(settings: { smtpUrl: string | null; from: string; outboxDir: string; logger: Logger; demo: boolean }): Mailer {
  const { smtpUrl, from, outboxDir, logger, demo } = settings;
  if (smtpUrl) {
    const transport = nodemailer.createTransport(smtpUrl);
    return {
      async send({ to, subject, text, attachments }) {
        await transport.sendMail({ from, to, subject, text, ...(attachments ? { attachments } : {}) });
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send({ to, subject, text, link, attachments }) {
      const info = await transport.sendMail({ from, to, subject, text, ...(attachments ? { attachments } : {}) });
      mkdirSync(outboxDir, { recursive: true, mode: 0o700 });
      const file = join(outboxDir, `${Date.now()}-${randomBytes(4).toString('hex')}.eml`);
      writeFileSync(file, info.message as Buffer, { mode: 0o600 });
      logger.info(demo ? `mail to ${to} written to ${file}${link ? `; its link: ${link}` : ''}` : `mail written to ${file}`);
    },
  };
}
