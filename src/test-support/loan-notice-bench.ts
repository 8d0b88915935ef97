/**
 * The loan notices (src/services/circulation/loan-notices.ts) on a bench of their own: three patrons
 * on an in-memory database, a mailer that records each mail or refuses while told to, and titles lent
 * to a patron with a due date in so many days. Each test starts on a new bench (beforeEach).
 */
import { beforeEach } from 'node:test';
import { asDatabase } from '../db/engine/sqlite-database.js';
import { createCatalogueRepo } from '../db/catalogue/catalogue-repo.js';
import { createLoanNoticeRepo } from '../db/circulation/loan-notice-repo.js';
import { createLoanRepo } from '../db/circulation/loan-repo.js';
import { createLoanRuleRepo } from '../db/circulation/loan-rule-repo.js';
import { createPatronRepo } from '../db/patrons/patron-repo.js';
import type { Db } from '../db/engine/connection.js';
import { addDays, libraryDateOf } from '../domain/shared/library-date.js';
import { createLoanNotices, type LoanNotices } from '../services/circulation/loan-notices.js';
import type { Mailer, MailMessage } from '../services/mail/mailer.js';
import { createTestStorage, HEADER, registerPatrons, type TestStorage } from './fixtures.js';

export const DAY = 86_400_000;
export const PUBLIC_URL = 'https://myrecord.example.edu';
export const RENEW_URL = `${PUBLIC_URL}/myrecord/renew`;

// Chan reads Chinese (set below); Maria has never chosen a language; Li Wei has no e-mail address.
export const PATRONS = `${HEADER}
21000001,Chan Tai Man,tai-man.chan@example.edu,Z123456(7),,,undergraduate,2030-08-31
21000002,Maria Santos,maria.santos@example.edu,,XY12345678,,postgraduate,2030-08-31
21000003,Li Wei,,,,11010519491231002X,postgraduate,2030-08-31
`;

export interface LoanNoticeBench {
  storage: TestStorage;
  /** Mails sent and not yet taken by `run`. */
  mails: MailMessage[];
  logs: string[];
  /** The service `run` drives unless given another. */
  notices: LoanNotices;
  /** The mailer the service is given: it records each mail, or fails while `refusing` is set. */
  mailer: Mailer & { refusing: boolean };
  /** A service on the bench's database, or on another connection to it. */
  service(options?: { db?: Db; reminderDays?: number }): LoanNotices;
  /** One housekeeping run: the mails it sent, in order. */
  run(on?: LoanNotices): Promise<MailMessage[]>;
  today(): string;
  nextDay(): void;
  /** A new title with one copy, lent to the patron, due in `dueInDays` (negative: overdue); returns the loan's id. */
  lend(barcode: string, title: string, dueInDays: number, lentDaysAgo?: number): number;
  /** How many notices are recorded as sent (claimed). */
  claims(): unknown;
}

/** The bench, set up anew before each test of the file that calls this. */
export function loanNoticeBench(): LoanNoticeBench {
  let copies = 0;
  const mailer = { refusing: false } as Mailer & { refusing: boolean };
  mailer.send = (message) => {
    if (mailer.refusing) return Promise.reject(new Error('421 4.3.2 Service not available, closing channel'));
    bench.mails.push(message);
    return Promise.resolve();
  };

  const bench: LoanNoticeBench = {
    storage: undefined as unknown as TestStorage,
    mails: [],
    logs: [],
    notices: undefined as unknown as LoanNotices,
    mailer,
    service(options = {}) {
      const db = options.db ?? bench.storage.db;
      return createLoanNotices({
        db: asDatabase(db),
        loanNotices: createLoanNoticeRepo(asDatabase(db)),
        patrons: createPatronRepo(asDatabase(db)),
        rules: createLoanRuleRepo(asDatabase(db)),
        mailer,
        clock: bench.storage.clock,
        logger: { info: (m) => bench.logs.push(m), error: (m) => bench.logs.push(m) },
        publicUrl: PUBLIC_URL,
        reminderDays: options.reminderDays ?? 3,
      });
    },
    async run(on = bench.notices) {
      on.sendDue();
      await on.settled();
      return bench.mails.splice(0);
    },
    today: () => libraryDateOf(bench.storage.clock.now()),
    nextDay: () => bench.storage.clock.advance(DAY),
    lend(barcode, title, dueInDays, lentDaysAgo = 20) {
      const { storage } = bench;
      const catalogue = createCatalogueRepo(asDatabase(storage.db));
      copies++;
      const recordId = catalogue.upsertRecord({
        isbn: `97800000${String(copies).padStart(5, '0')}`,
        title,
        author: 'Author, An',
        publisher: null,
        year: 1900,
        subjects: '',
      });
      catalogue.upsertCopy({
        recordId,
        itemBarcode: `3999${String(copies).padStart(4, '0')}`,
        callNumber: 'PR1 .A1 1900',
        location: 'Main Library',
      });
      const copy = catalogue.copiesOf(recordId)[0]!;
      catalogue.setCopyStatus(copy.id, 'on_loan');
      const patron = storage.patrons.findByBarcode(barcode)!;
      return createLoanRepo(asDatabase(storage.db)).insert(
        copy.id,
        patron.id,
        storage.clock.now() - lentDaysAgo * DAY,
        addDays(bench.today(), dueInDays),
      );
    },
    claims: () => bench.storage.db.prepare('SELECT COUNT(*) FROM loan_notices').pluck().get(),
  };

  beforeEach(async () => {
    bench.storage = createTestStorage();
    await registerPatrons(bench.storage, PATRONS);
    bench.storage.patrons.setLanguage(bench.storage.patrons.findByBarcode('21000001')!.id, 'zh-HK');
    bench.mails = [];
    bench.logs = [];
    mailer.refusing = false;
    bench.notices = bench.service();
  });
  return bench;
}
