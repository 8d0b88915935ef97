/** A real SMTP server in-process: the portal's mail goes over the wire and is read back here. */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  raw: string;
  /** The files a multipart mail carries (a booking's .ics), decoded. */
  attachments: Array<{ filename: string; contentType: string; content: string }>;
}

/** A header as the reader sees it: RFC 2047 encoded words (=?UTF-8?B?…?=, for a subject not in ASCII) decoded. */
function decodeHeader(value: string): string {
  return value.replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=(?:\s+(?==\?))?/gi, (_m, _charset: string, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

/** Decodes a text message as nodemailer writes it: single-part, or multipart with its text first and files after. */
export function parseMail(raw: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  let body = raw.slice(split).trim();
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const boundary = /^multipart\/[^;]+;.*boundary="?([^";]+)"?/i.exec(header('Content-Type'))?.[1];
  if (boundary) {
    const parts = body
      .split(`--${boundary}`)
      .slice(1, -1)
      .map((part) => parseMail(part.replace(/^\r?\n/, ''), to));
    const attachments = parts.slice(1).map((part) => {
      const partHead = part.raw.slice(0, Math.max(part.raw.indexOf('\r\n\r\n'), part.raw.indexOf('\n\n'))).replace(/\r?\n[ \t]+/g, ' ');
      return {
        filename: /filename="?([^";\r\n]+)"?/i.exec(partHead)?.[1] ?? '',
        contentType: /^Content-Type:\s*([^;\r\n]+)/im.exec(partHead)?.[1] ?? '',
        content: part.text,
      };
    });
    return { to, subject: decodeHeader(header('Subject')), text: parts[0]?.text ?? '', raw, attachments };
  }
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  if (encoding === 'quoted-printable') {
    body = Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  } else if (encoding === 'base64') {
    body = Buffer.from(body, 'base64').toString('utf8');
  }
  return { to, subject: decodeHeader(header('Subject')), text: body.replace(/\r\n/g, '\n'), raw, attachments: [] };
}

export async function startTestSmtp() {
  const received: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push(
          parseMail(
            Buffer.concat(chunks).toString('utf8'),
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        waiters.splice(0).forEach((wake) => wake());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /**
     * Waits (at most `ms`) for a mail matching the test, and returns it. A generous limit, not a
     * speed check: it returns as the mail arrives, and on a busy machine mail can take seconds.
     */
    async waitFor(test: (mail: ReceivedMail) => boolean, ms = 30_000): Promise<ReceivedMail> {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = received.find(test);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no such mail arrived; received: ${received.map((m) => m.subject).join(', ')}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TestSmtp = Awaited<ReturnType<typeof startTestSmtp>>;
