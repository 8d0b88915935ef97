/**
 * When the loan notices go: the due-date reminder once, three days before the due date (or not at
 * all with DUE_REMINDER_DAYS=0), and the overdue notice once, the day after, with the fine it costs.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { asDatabase } from '../../db/engine/sqlite-database.js';
import { createLoanRepo } from '../../db/circulation/loan-repo.js';
import { addDays } from '../../domain/shared/library-date.js';
import { localizerFor } from '../../messages/index.js';
import { DAY, loanNoticeBench, RENEW_URL } from '../../test-support/loan-notice-bench.js';

const en = localizerFor('en');
const bench = loanNoticeBench();
const { lend, run, today, nextDay, claims, service } = bench;

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
    assert.ok(createLoanRepo(asDatabase(bench.storage.db)).renew(loanId, addDays(today(), 2), renewed));
    assert.deepEqual(await run(), [], 'the renewed loan is not due soon');
    bench.storage.clock.advance(52 * DAY);
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
    bench.notices = service({ reminderDays: 0 });
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
    bench.storage.db.prepare("UPDATE loan_rules SET fine_per_day = 0 WHERE patron_type = 'postgraduate'").run();
    lend('21000002', 'Kidnapped', -1);
    const [mail] = await run();
    assert.equal(mail?.subject, 'An item you borrowed is overdue');
    assert.doesNotMatch(mail.text, /fine/i);
    assert.match(mail.text, /can be renewed\.\n\nmyRecord, University Library$/);
  });

  test('nothing for an item returned', async () => {
    const loanId = lend('21000002', 'Kidnapped', -1);
    createLoanRepo(asDatabase(bench.storage.db)).close(loanId, bench.storage.clock.now());
    assert.deepEqual(await run(), []);
    assert.equal(claims(), 0);
  });
});
