/**
 * Mail that helps a patron keep their loans: a reminder `reminderDays` before a loan
 * falls due, and an overdue notice from the day after, each once per loan and due date, in the
 * patron's language. Housekeeping calls `sendDue()` every ten minutes.
 *
 * Each notice is claimed in the database (loan_notices) in one IMMEDIATE transaction before its
 * mail goes: a restart, or a second server process on the same file, finds it claimed and sends
 * nothing. A renewal moves the due date, and a new due date has no claims yet: its reminder is due
 * again. A patron's loans claimed in one run go in one mail of each kind, one line per item. Should
 * the mail server refuse a mail, its claims are given up, so the next run tries again.
 */
import type { Database } from '../../db/engine/database.js';
import type { LoanNoticeKind, LoanNoticeRepo, NoticeCandidate } from '../../db/circulation/loan-notice-repo.js';
import type { LoanRuleRepo } from '../../db/circulation/loan-rule-repo.js';
import type { PatronRepo } from '../../db/patrons/patron-repo.js';
import { addDays, libraryDateOf, type LibraryDate } from '../../domain/shared/library-date.js';
import type { Patron } from '../../domain/patrons/patron.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { DEFAULT_LOCALE, localizerFor, type MessageKey } from '../../messages/index.js';
import { describeMailError, type Mailer, type MailMessage } from '../mail/mailer.js';

/** The earliest due date any loan can have: overdue notices look from here to yesterday. */
const EARLIEST_DATE: LibraryDate = '0000-01-01';

const WORDS: Record<LoanNoticeKind, { subject: MessageKey; body: MessageKey; item: MessageKey }> = {
  reminder: { subject: 'mail.dueReminder.subject', body: 'mail.dueReminder.body', item: 'mail.dueReminder.item' },
  overdue: { subject: 'mail.overdue.subject', body: 'mail.overdue.body', item: 'mail.overdue.item' },
};

/** One mail: a patron's loans claimed for one kind of notice in one run. */
interface ClaimedMail {
  kind: LoanNoticeKind;
  patron: Patron;
  to: string;
  loans: NoticeCandidate[];
}

export type LoanNotices = ReturnType<typeof createLoanNotices>;

export function createLoanNotices(deps: {
  db: Database;
  loanNotices: LoanNoticeRepo;
  patrons: PatronRepo;
  rules: LoanRuleRepo;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  /** Days before the due date the reminder goes; 0: no reminders (overdue notices still go). */
  reminderDays: number;
}) {
  const { db, loanNotices, patrons, rules, mailer, clock, logger, publicUrl, reminderDays } = deps;
  const inFlight = new Set<Promise<void>>();

  /** The loans each kind of notice is due for today, claimed. */
  function claimDue(): ClaimedMail[] {
    return db.transaction(() => {
      const now = clock.now();
      const today = libraryDateOf(now);
      const due: Array<{ kind: LoanNoticeKind; loans: NoticeCandidate[] }> = [
        { kind: 'overdue', loans: loanNotices.unsent('overdue', EARLIEST_DATE, addDays(today, -1)) },
        {
          kind: 'reminder',
          // Not on the day of the loan itself: the patron has just been told the due date at the counter.
          loans:
            reminderDays > 0
              ? loanNotices.unsent('reminder', today, addDays(today, reminderDays)).filter((loan) => libraryDateOf(loan.loanedAt) < today)
              : [],
        },
      ];
      const mails: ClaimedMail[] = [];
      for (const { kind, loans } of due) {
        const claimed = loans.filter((loan) => loanNotices.claim(loan.loanId, kind, loan.dueDate, now));
        for (const patronId of new Set(claimed.map((loan) => loan.patronId))) {
          // Found in the same transaction as the loans, which were chosen for a patron with an address.
          const patron = patrons.findById(patronId);
          if (patron?.email) mails.push({ kind, patron, to: patron.email, loans: claimed.filter((loan) => loan.patronId === patronId) });
        }
      }
      return mails;
    });
  }

  function compose({ kind, patron, loans }: ClaimedMail): Omit<MailMessage, 'to'> {
    const { t, formatDate, formatMoney } = localizerFor(patron.language ?? DEFAULT_LOCALE);
    const words = WORDS[kind];
    const rule = rules.ruleFor(patron.patronType);
    const count = loans.length;
    return {
      subject: t(words.subject, { count }),
      text: t(words.body, {
        name: patron.name,
        count,
        items: loans.map((loan) => t(words.item, { title: loan.title, dueDate: formatDate(loan.dueDate) })).join('\n'),
        renewUrl: `${publicUrl}/myrecord/renew`,
        charged: rule.finePerDay > 0 ? 'yes' : 'no',
        finePerDay: formatMoney(rule.finePerDay),
        fineCap: formatMoney(rule.fineCapPerItem),
        signature: t('mail.signature'),
      }),
    };
  }

  function deliver(mail: ClaimedMail): void {
    const { patron, kind, loans, to } = mail;
    // Composed inside the chain: whatever fails, the claims are given up and the next run tries again.
    const sending = Promise.resolve()
      .then(() => mailer.send({ to, ...compose(mail) }))
      .catch((err: unknown) => {
        logger.error(`${kind} mail to patron ${patron.barcode} failed, to be tried again: ${describeMailError(err)}`);
        if (db.open) for (const loan of loans) loanNotices.release(loan.loanId, kind, loan.dueDate);
      })
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  }

  return {
    /** Claims every notice due now and starts sending them; returns how many mails were started. */
    sendDue(): number {
      const mails = claimDue();
      for (const mail of mails) deliver(mail);
      return mails.length;
    },
    /** Resolves when every mail started so far has been handed over (or failed). */
    async settled(): Promise<void> {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
