/**
 * How the loan notices are delivered: one mail of each kind per patron, listing every item, in the
 * patron's language; a patron without an address mailed once one is on file; and each notice exactly
 * once, across a restart and a mail server that refused it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db/engine/connection.js';
import { addDays } from '../../domain/shared/library-date.js';
import { localizerFor } from '../../messages/index.js';
import { createTestStorage, HEADER, registerPatrons } from '../../test-support/fixtures.js';
import { loanNoticeBench, PATRONS, RENEW_URL } from '../../test-support/loan-notice-bench.js';

const zh = localizerFor('zh-HK');
const bench = loanNoticeBench();
const { lend, run, today, claims, service } = bench;

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
    await registerPatrons(bench.storage, `${HEADER}\n21000003,Li Wei,wei.li@example.edu,,,11010519491231002X,postgraduate,2030-08-31\n`);
    assert.deepEqual(
      (await run()).map((m) => m.to),
      ['wei.li@example.edu'],
    );
  });
});

describe('each notice exactly once', () => {
  test('after a restart (a new connection to the same database file) nothing is sent again', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'myrecord-notices-')), 'db.sqlite');
    bench.storage = createTestStorage(file);
    await registerPatrons(bench.storage, PATRONS);
    bench.notices = service();
    lend('21000002', 'Dracula', 2);
    lend('21000002', 'Kidnapped', -2);
    assert.equal((await run()).length, 2);
    bench.storage.db.close();
    const reopened = openDatabase(file);
    assert.deepEqual(await run(service({ db: reopened })), []);
    assert.equal(reopened.prepare('SELECT COUNT(*) FROM loan_notices').pluck().get(), 2);
    reopened.close();
  });

  test('a mail the server refuses is tried again at the next run, and then sent once', async () => {
    lend('21000002', 'Dracula', 2);
    bench.mailer.refusing = true;
    assert.deepEqual(await run(), []);
    assert.match(bench.logs.join('\n'), /reminder mail to patron 21000002 failed, to be tried again: 421/);
    assert.equal(claims(), 0, 'the claim was given up');
    bench.mailer.refusing = false;
    assert.equal((await run()).length, 1);
    assert.deepEqual(await run(), []);
  });
});
