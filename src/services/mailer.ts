/**
 * Mail, for real: over SMTP when SMTP_URL is set; otherwise each message is written as an
 * .eml file to MAIL_OUTBOX_DIR and its link logged, so a fresh install works with nothing
 * configured. Nothing secret goes into a log but the link itself, and only in outbox mode.
 */
import nodemailer from 'nodemailer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../lib/logger.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** A link the message carries: logged in outbox mode, so a developer can follow it. */
  link?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export function createMailer(settings: { smtpUrl: string | null; from: string; outboxDir: string; logger: Logger }): Mailer {
  const { smtpUrl, from, outboxDir, logger } = settings;
  if (smtpUrl) {
    const transport = nodemailer.createTransport(smtpUrl);
    return {
      async send({ to, subject, text }) {
        await transport.sendMail({ from, to, subject, text });
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send({ to, subject, text, link }) {
      const info = await transport.sendMail({ from, to, subject, text });
      mkdirSync(outboxDir, { recursive: true });
      const file = join(outboxDir, `${Date.now()}-${randomBytes(4).toString('hex')}.eml`);
      writeFileSync(file, info.message as Buffer);
      logger.info(`mail to ${to} written to ${file}${link ? `; its link: ${link}` : ''}`);
    },
  };
}
