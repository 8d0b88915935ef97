/**
 * The mail a patron receives about his PIN: the reset link, and a notice whenever the PIN
 * is changed or returned to the default. No PIN and no ID number is ever in it. Mail is
 * sent in the background: whether a patron exists or has an e-mail address must not show
 * in how long a page takes. Each mail is written in the patron's language (the one on his
 * record); a reset link for a patron whose language is not known yet follows the browser that
 * asked for it; otherwise English.
 */
import type { Patron } from '../../domain/patrons/patron.js';
import { DEFAULT_LOCALE, localizerFor, type Locale, type Localizer, type MessageKey, type Params } from '../../messages/index.js';
import type { Logger } from '../../lib/logger.js';
import { describeMailError, type MailAttachment, type Mailer, type MailMessage } from './mailer.js';

export type PatronNotices = ReturnType<typeof createPatronNotices>;

export function createPatronNotices(deps: { mailer: Mailer; publicUrl: string; logger: Logger }) {
  const { mailer, publicUrl, logger } = deps;
  const inLanguageOf = (patron: Patron, fallback: Locale = DEFAULT_LOCALE): Localizer => localizerFor(patron.language ?? fallback);
  // Kept so tests (and a graceful stop) can wait for mail in flight.
  const inFlight = new Set<Promise<void>>();

  function deliver(patron: Patron, message: Omit<MailMessage, 'to'>): void {
    if (!patron.email) return;
    const sending = mailer
      .send({ to: patron.email, ...message })
      .catch((err: unknown) => logger.error(`mail to patron ${patron.barcode} failed: ${describeMailError(err)}`))
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  }

  return {
    resetLink(patron: Patron, token: string, minutes: number, askedIn: Locale): void {
      const { t } = inLanguageOf(patron, askedIn);
      const link = `${publicUrl}/pin/reset/${token}`;
      const signature = t('mail.signature');
      deliver(patron, {
        subject: t('mail.resetLink.subject'),
        text: t('mail.resetLink.body', {
          name: patron.name,
          barcode: patron.barcode,
          document: patron.idDocument,
          minutes,
          link,
          signature,
        }),
        link,
      });
    },
    pinChanged(patron: Patron, at: number): void {
      const { t, formatDateTime } = inLanguageOf(patron);
      const signature = t('mail.signature');
      deliver(patron, {
        subject: t('mail.pinChanged.subject'),
        text: t('mail.pinChanged.body', {
          name: patron.name,
          barcode: patron.barcode,
          when: formatDateTime(at),
          resetUrl: `${publicUrl}/pin/forgot`,
          signature,
        }),
      });
    },
    pinReturnedToDefault(patron: Patron, at: number, how: 'online' | 'counter', askedIn?: Locale): void {
      const { t, formatDateTime } = inLanguageOf(patron, askedIn);
      const signature = t('mail.signature');
      deliver(patron, {
        subject: t('mail.pinReset.subject'),
        text: t('mail.pinReset.body', {
          name: patron.name,
          barcode: patron.barcode,
          when: formatDateTime(at),
          how,
          document: patron.idDocument,
          signature,
        }),
      });
    },
    holdReady(patron: Patron, title: string, pickup: { code: string; name: string }, collectBy: string): void {
      const { t, formatDate } = inLanguageOf(patron);
      const signature = t('mail.signature');
      deliver(patron, {
        subject: t('mail.holdReady.subject'),
        text: t('mail.holdReady.body', {
          name: patron.name,
          title,
          pickupLocation: t('pickup.name', pickup),
          collectBy: formatDate(collectBy),
          signature,
        }),
      });
    },
    /**
     * A change to something the patron asked the library for (a recommendation, an interlibrary
     * loan request…), in his language: the subject and body are catalogue keys, and the body is
     * given his name and the signature besides `params`. Each service passes its own words;
     * `params` may be a function of his language, for what must be put in words there (a status,
     * a date).
     */
    statusChanged(
      patron: Patron,
      mail: {
        subject: MessageKey;
        body: MessageKey;
        params: Params | ((l: Localizer) => Params);
        link?: string;
        attachments?: (l: Localizer) => MailAttachment[];
      },
    ): void {
      const l = inLanguageOf(patron);
      const params = typeof mail.params === 'function' ? mail.params(l) : mail.params;
      deliver(patron, {
        subject: l.t(mail.subject, params),
        text: l.t(mail.body, { name: patron.name, signature: l.t('mail.signature'), ...params }),
        ...(mail.link ? { link: mail.link } : {}),
        ...(mail.attachments ? { attachments: mail.attachments(l) } : {}),
      });
    },
    /** Resolves when every mail started so far has been handed over (or failed). */
    async settled(): Promise<void> {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
