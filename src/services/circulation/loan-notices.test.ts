import { beforeEach, describe, test } from 'node:test';
import { asDatabase } from '../../db/engine/sqlite-database.js';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCatalogueRepo } from '../../db/catalogue/catalogue-repo.js';
import { openDatabase } from '../../db/engine/connection.js';
import { createLoanNoticeRepo } from '../../db/circulation/loan-notice-repo.js';
import { createLoanRepo } from '../../db/circulation/loan-repo.js';
import { createLoanRuleRepo } from '../../db/circulation/loan-rule-repo.js';
import { createPatronRepo } from '../../db/patrons/patron-repo.js';
import { addDays, libraryDateOf } from '../../domain/circulation/library-date.js';
import { localizerFor } from '../../messages/index.js';
import { createTestStorage, HEADER, registerPatrons, type TestStorage } from '../../test-support/fixtures.js';
import type { Db } from '../../db/engine/connection.js';
import { createLoanNotices, type LoanNotices } from './loan-notices.js';
import type { Mailer, MailMessage } from '../mail/mailer.js';

const DAY = 86_400_000;
const PUBLIC_URL = 'https://myrecord.example.edu';
const RENEW_URL = `${PUBLIC_URL}/myrecord/renew`;
const en = localizerFor('en');
const zh = localizerFor('zh-HK');

// Chan reads Chinese (set below); Maria has never chosen a language; Li Wei has no e-mail address.
const PATRONS = `${HEADER}
21000001,Chan Tai Man,tai-man.chan@example.edu,Z123456(7),,,undergraduate,2030-08-31
21000002,Maria Santos,maria.santos@example.edu,,XY12345678,,postgraduate,2030-08-31
21000003,Li Wei,,,,11010519491231002X,postgraduate,2030-08-31
`;

let storage: TestStorage;
let mails: MailMessage[];
let logs: string[];
let copies = 0;

/** The mailer the service is given: it records each mail, or fails while `refusing` is set. */
const mailer = { refusing: false } as Mailer & { refusing: boolean };
mailer.send = (message) => {
  if (mailer.refusing) return Promise.reject(new Error('421 4.3.2 Service not available, closing channel'));
  mails.push(message);
  return Promise.resolve();
};

function service(options: { db?: Db; reminderDays?: number } = {}): LoanNotices {
  const db = options.db ?? storage.db;
  return createLoanNotices({
    db: asDatabase(db),
    loanNotices: createLoanNoticeRepo(asDatabase(db)),
    patrons: createPatronRepo(asDatabase(db)),
    rules: createLoanRuleRepo(asDatabase(db)),
    mailer,
    clock: storage.clock,
    logger: { info: (m) => logs.push(m), error: (m) => logs.push(m) },
    publicUrl: PUBLIC_URL,
    reminderDays: options.reminderDays ?? 3,
  });
}

let notices: LoanNotices;

/** One housekeeping run: the mails it sent, in order. */
async function run(on: LoanNotices = notices): Promise<MailMessage[]> {
  on.sendDue();
  await on.settled();
  return mails.splice(0);
}

const today = () => libraryDateOf(storage.clock.now());
const nextDay = () => storage.clock.advance(DAY);

/** A new title with one copy, lent to the patron, due in `dueInDays` (negative: overdue); returns the loan's id. */
function lend(barcode: string, title: string, dueInDays: number, lentDaysAgo = 20): number {
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
    addDays(today(), dueInDays),
  );
}

const claims = () => storage.db.prepare('SELECT COUNT(*) FROM loan_notices').pluck().get();

beforeEach(async () => {
  storage = createTestStorage();
  await registerPatrons(storage, PATRONS);
  storage.patrons.setLanguage(storage.patrons.findByBarcode('21000001')!.id, 'zh-HK');
  mails = [];
  logs = [];
  mailer.refusing = false;
  notices = service();
});

describe('the due-date reminder', () => {
  test('goes once, three days before the due date, naming the item and the day it is due, in English when the patron never chose a language', async () => {
    lend('21000002', 'Dracula', 5);
    const due = addDays(today(), 5);
    assert.deepEqual(await run(), [], 'five days before: nothing');
    nextDay();
    assert.deepEqual(await run(), [], 'four days before: nothing');
    nextDay();
    const [mail, ...more] = await run();
    assert.deepEqual(more, []);
    assert.equal(mail?.to, 'maria.santos@example.edu');
    assert.equal(mail.subject, 'An item you borrowed is due back soon');
    const item = `• Dracula — due ${en.formatDate(due)}`;
    assert.equal(
      mail.text,
      en.t('mail.dueReminder.body', {
        name: 'Maria Santos',
        count: 1,
        items: item,
        renewUrl: RENEW_URL,
        signature: en.t('mail.signature'),
      }),
    );
    assert.match(
      mail.text,
      /^Dear Maria Santos,\n\nThis item you borrowed from the library is due back soon:\n\n• Dracula — due \d{1,2} December 2026\n\nPlease return it to a library counter by the due date, or renew online at https:\/\/myrecord\.example\.edu\/myrecord\/renew\./,
    );
    assert.deepEqual(await run(), [], 'the same day again: nothing');
    for (let day = 0; day < 4; day++) {
      nextDay();
      assert.deepEqual(
        (await run()).filter((m) => m.subject === mail.subject),
        [],
        'the days after: no second reminder',
      );
    }
  });

  test('a renewal that moves the due date makes a new reminder due, three days before the new date', async () => {
    const loanId = lend('21000002', 'Dracula', 2);
    assert.equal((await run()).length, 1);
    const renewed = addDays(today(), 56);
    assert.ok(createLoanRepo(asDatabase(storage.db)).renew(loanId, addDays(today(), 2), renewed));
    assert.deepEqual(await run(), [], 'the renewed loan is not due soon');
    storage.clock.advance(52 * DAY);
    assert.deepEqual(await run(), [], 'four days before the new date: nothing');
    nextDay();
    const [mail] = await run();
    assert.match(mail?.text ?? '', new RegExp(`• Dracula — due ${en.formatDate(renewed)}\n`));
  });

  test('a loan made today is not reminded of at once: the reminder comes the next day', async () => {
    lend('21000002', 'Dracula', 2, 0);
    assert.deepEqual(await run(), []);
    nextDay();
    assert.equal((await run()).length, 1);
  });

  test('DUE_REMINDER_DAYS=0 sends no reminders; overdue notices still go', async () => {
    notices = service({ reminderDays: 0 });
    lend('21000002', 'Dracula', 1);
    lend('21000002', 'Kidnapped', -1);
    const sent = await run();
    assert.deepEqual(
      sent.map((m) => m.subject),
      ['An item you borrowed is overdue'],
    );
  });
});

describe('the overdue notice', () => {
  test('goes once, the day after the due date, with the fine the patron type is charged', async () => {
    lend('21000002', 'Kidnapped', 1);
    const due = addDays(today(), 1);
    assert.deepEqual(
      (await run()).map((m) => m.subject),
      ['An item you borrowed is due back soon'],
    );
    nextDay();
    assert.deepEqual(await run(), [], 'on the due date: nothing');
    nextDay();
    const [mail, ...more] = await run();
    assert.deepEqual(more, []);
    assert.equal(mail?.subject, 'An item you borrowed is overdue');
    assert.equal(
      mail.text,
      en.t('mail.overdue.body', {
        name: 'Maria Santos',
        count: 1,
        items: `• Kidnapped — was due ${en.formatDate(due)}`,
        renewUrl: RENEW_URL,
        charged: 'yes',
        finePerDay: 'HK$1.00',
        fineCap: 'HK$50.00',
        signature: en.t('mail.signature'),
      }),
    );
    assert.match(mail.text, /An overdue item is fined HK\$1\.00 a day, up to HK\$50\.00, when it is returned\./);
    for (let day = 0; day < 5; day++) {
      assert.deepEqual(await run(), [], 'never a second notice for the same due date');
      nextDay();
    }
  });

  test('says nothing of fines to a patron type that is not fined', async () => {
    storage.db.prepare("UPDATE loan_rules SET fine_per_day = 0 WHERE patron_type = 'postgraduate'").run();
    lend('21000002', 'Kidnapped', -1);
    const [mail] = await run();
    assert.equal(mail?.subject, 'An item you borrowed is overdue');
    assert.doesNotMatch(mail.text, /fine/i);
    assert.match(mail.text, /can be renewed\.\n\nmyRecord, University Library$/);
  });

  test('nothing for an item returned', async () => {
    const loanId = lend('21000002', 'Kidnapped', -1);
    createLoanRepo(asDatabase(storage.db)).close(loanId, storage.clock.now());
    assert.deepEqual(await run(), []);
    assert.equal(claims(), 0);
  });
});

describe("one mail of each kind per patron, in the patron's language", () => {
  test('Chan reads Chinese and gets one reminder listing two items and one overdue notice; Maria gets hers in English', async () => {
    lend('21000001', 'Treasure Island', 3);
    lend('21000001', 'Dracula', 2);
    lend('21000001', 'Kidnapped', -3);
    lend('21000002', 'Emma', 1);
    const sent = await run();
    const to = (address: string) => sent.filter((m) => m.to === address);
    assert.equal(sent.length, 3);

    const chan = to('tai-man.chan@example.edu');
    assert.deepEqual(chan.map((m) => m.subject).sort(), ['你借閱的 1 項資料已逾期', '你借閱的 2 項資料即將到期']);
    const reminder = chan.find((m) => m.subject.includes('即將到期'))!;
    const items = [
      `• 《Dracula》— 到期日：${zh.formatDate(addDays(today(), 2))}`,
      `• 《Treasure Island》— 到期日：${zh.formatDate(addDays(today(), 3))}`,
    ].join('\n');
    assert.equal(
      reminder.text,
      zh.t('mail.dueReminder.body', { name: 'Chan Tai Man', count: 2, items, renewUrl: RENEW_URL, signature: zh.t('mail.signature') }),
    );
    // As the reader sees it: the word joiners that keep a Chinese date on one line are invisible.
    assert.match(
      reminder.text.replaceAll('\u2060', ''),
      /^Chan Tai Man，你好：\n\n你向圖書館借閱的以下 2 項資料即將到期：\n\n• 《Dracula》— 到期日：2026年11月30日\n/,
    );
    const overdue = chan.find((m) => m.subject.includes('逾期'))!;
    assert.match(overdue.text.replaceAll('\u2060', ''), /• 《Kidnapped》— 原到期日：2026年11月25日\n/);
    assert.match(overdue.text, /每日 HK\$1\.00，每項上限 HK\$50\.00。/);

    const maria = to('maria.santos@example.edu');
    assert.deepEqual(
      maria.map((m) => m.subject),
      ['An item you borrowed is due back soon'],
    );
  });

  test('the English subject and list count several items', async () => {
    lend('21000002', 'Emma', 1);
    lend('21000002', 'Dracula', 2);
    const [mail] = await run();
    assert.equal(mail?.subject, '2 items you borrowed are due back soon');
    assert.match(
      mail.text,
      /These 2 items you borrowed from the library are due back soon:\n\n• Emma — due .+\n• Dracula — due .+\n\nPlease return them/,
    );
  });

  test('a patron with no e-mail address is mailed once an address is on file, if the notice is still due', async () => {
    lend('21000003', 'Kidnapped', -2);
    assert.deepEqual(await run(), []);
    assert.equal(claims(), 0, 'nothing is recorded as sent');
    await registerPatrons(storage, `${HEADER}\n21000003,Li Wei,wei.li@example.edu,,,11010519491231002X,postgraduate,2030-08-31\n`);
    assert.deepEqual(
      (await run()).map((m) => m.to),
      ['wei.li@example.edu'],
    );
  });
});

describe('each notice exactly once', () => {
  test('after a restart (a new connection to the same database file) nothing is sent again', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'myrecord-notices-')), 'db.sqlite');
    storage = createTestStorage(file);
    await registerPatrons(storage, PATRONS);
    notices = service();
    lend('21000002', 'Dracula', 2);
    lend('21000002', 'Kidnapped', -2);
    assert.equal((await run()).length, 2);
    storage.db.close();
    const reopened = openDatabase(file);
    assert.deepEqual(await run(service({ db: reopened })), []);
    assert.equal(reopened.prepare('SELECT COUNT(*) FROM loan_notices').pluck().get(), 2);
    reopened.close();
  });

  test('a mail the server refuses is tried again at the next run, and then sent once', async () => {
    lend('21000002', 'Dracula', 2);
    mailer.refusing = true;
    assert.deepEqual(await run(), []);
    assert.match(logs.join('\n'), /reminder mail to patron 21000002 failed, to be tried again: 421/);
    assert.equal(claims(), 0, 'the claim was given up');
    mailer.refusing = false;
    assert.equal((await run()).length, 1);
    assert.deepEqual(await run(), []);
  });
});
