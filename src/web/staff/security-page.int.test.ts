/**
 * The admins' security page and the attack alert over HTTP, during a seeded attack: a
 * spray of wrong PINs over many barcodes and a run at one barcode until it is blocked. The page's
 * figures, its table and its CSV must equal counts taken straight from login_attempts; the alert is
 * mailed once per incident, not once per failure.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, TestBrowser, demoStaffIn, type TestPortal } from '../../test-support/test-portal.js';
import type { TestSmtp } from '../../test-support/test-smtp.js';
import { prepare } from '../../test-support/raw-sql.js';

describe('the security page during an attack', () => {
  let portal: TestPortal;
  let smtp: TestSmtp;
  let close: () => Promise<void>;
  let admin: TestBrowser;

  before(async () => {
    ({ portal, smtp, close } = await startPortalWithMail({ ATTACK_ALERT_FAILURES: '30', ADDRESS_MAX_FAILURES: '0' }));
    admin = await demoStaffIn(portal, 'admin');
    await admin.get('/staff/accounts');
    assert.equal((await admin.post('/staff/accounts/admin/email', { email: 'not an address' })).status, 422);
    assert.equal((await admin.post('/staff/accounts/admin/email', { email: 'it-security@example.edu.hk' })).status, 303);

    // Minute 1: a spray, one wrong PIN on each of 24 barcodes. Minute 2: six at one barcode (five
    // fail, the sixth is refused unchecked), and a patron who logs in. Minute 3: twelve more sprayed.
    const attacker = new TestBrowser(portal.url);
    const wrong = async (barcode: string) => {
      await attacker.get('/login');
      return (await attacker.post('/login', { barcode, pin: 'WRONG9' })).status;
    };
    for (let i = 0; i < 24; i++) assert.equal(await wrong(`2900${String(i).padStart(4, '0')}`), 401);
    portal.clock.advance(60_000);
    for (let i = 0; i < 5; i++) assert.equal(await wrong('21000003'), 401);
    assert.equal(await wrong('21000003'), 429);
    await new TestBrowser(portal.url).logIn('21000004', 'K7M2P9');
    portal.clock.advance(60_000);
    for (let i = 24; i < 36; i++) assert.equal(await wrong(`2900${String(i).padStart(4, '0')}`), 401);
  });
  after(() => close());

  const db = () => portal.portal.db;
  const fromTable = (sql: string) => prepare(db(), sql).pluck().get() as number;

  test('the CSV has a row per minute of the hour, each equal to the attempts of that minute in login_attempts', async () => {
    const csv = await admin.get('/staff/security.csv?period=hour');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type')!, /^text\/csv/);
    const [header, ...rows] = csv.text.trim().split('\r\n');
    assert.equal(header, 'start,successes,failures,refused');
    assert.equal(rows.length, 60);
    const byMinute = prepare(
      db(),
      `SELECT at_ms - at_ms % 60000 AS minute, SUM(CASE WHEN outcome = 'success' THEN 1 ELSE 0 END) AS s, SUM(CASE WHEN outcome = 'failure' THEN 1 ELSE 0 END) AS f, SUM(CASE WHEN outcome = 'blocked' THEN count ELSE 0 END) AS r
         FROM login_attempts GROUP BY minute`,
    ).all() as Array<{ minute: number; s: number; f: number; r: number }>;
    for (const row of rows) {
      const [start = '', s, f, r] = row.split(',');
      const minute = Date.parse(start);
      const expected = byMinute.find((m) => m.minute === minute) ?? { s: 0, f: 0, r: 0 };
      assert.deepEqual([Number(s), Number(f), Number(r)], [expected.s, expected.f, expected.r], `minute ${start}`);
    }
    assert.equal(
      rows.reduce((sum, row) => sum + Number(row.split(',')[2]), 0),
      fromTable("SELECT count(*) FROM login_attempts WHERE outcome = 'failure'"),
    );
  });

  test('the page shows the same totals, a block begun, the barcode with most failures first, and the chart', async () => {
    const page = await admin.get('/staff/security');
    assert.equal(page.status, 200);
    const figure = (label: string) => Number(new RegExp(`<dt>${label}</dt><dd>([\\d,]+)</dd>`).exec(page.text)?.[1]?.replace(/,/g, ''));
    assert.equal(figure('Failed attempts'), fromTable("SELECT count(*) FROM login_attempts WHERE outcome = 'failure'"));
    assert.equal(figure('Failed attempts'), 41);
    assert.equal(figure('Successful logins'), fromTable("SELECT count(*) FROM login_attempts WHERE outcome = 'success'"));
    assert.equal(figure('Refused unchecked'), fromTable("SELECT COALESCE(SUM(count), 0) FROM login_attempts WHERE outcome = 'blocked'"));
    assert.equal(figure('Blocks started'), 1);
    assert.match(page.text, /<svg role="img" aria-labelledby="chart-title chart-desc"/);
    assert.equal((page.text.match(/class="chart__line chart__series--/g) ?? []).length, 3);
    assert.match(page.text, /<tbody><tr><td>21000003<\/td><td>5<\/td><\/tr>/, 'the barcode run at comes first, with its five failures');
    assert.match(page.text, /<td class="break-all">127\.0\.0\.1<\/td><td>41<\/td>/);
    for (const period of ['day', 'week']) {
      const other = await admin.get(`/staff/security?period=${period}`);
      assert.equal(other.status, 200);
      assert.match(other.text, /<dt>Failed attempts<\/dt><dd>41<\/dd>/, /<dt>Failed attempts<\/dt><dd>[^<]*/.exec(other.text)?.[0]);
    }
  });

  test('only admins open it', async () => {
    const clerk = await demoStaffIn(portal, 'counter');
    assert.equal((await clerk.get('/staff/security')).status, 403);
    assert.equal((await clerk.get('/staff/security.csv')).status, 403);
    assert.equal((await new TestBrowser(portal.url).get('/staff/security')).status, 303);
  });

  test('the alert is mailed once per incident, to the admins with an address, with the figures and the link', async () => {
    const alert = portal.portal.attackAlert;
    assert.equal(alert.check(), 'opened');
    assert.equal(alert.check(), 'none', 'the same incident: no second mail');
    const attacker = new TestBrowser(portal.url);
    await attacker.get('/login');
    for (let i = 0; i < 5; i++) await attacker.post('/login', { barcode: `2910000${i}`, pin: 'WRONG9' });
    assert.equal(alert.check(), 'none', 'more failures in the same incident');
    await alert.settled();
    const mail = await smtp.waitFor((m) => m.to.includes('it-security@example.edu.hk'));
    assert.match(mail.subject, /failed logins in 10 minutes/);
    assert.match(mail.text, /21000003/);
    assert.match(mail.text, /\/staff\/security\?period=hour/);
    portal.clock.advance(11 * 60_000);
    assert.equal(alert.check(), 'ended');
    assert.equal(smtp.received.filter((m) => m.to.includes('it-security@example.edu.hk')).length, 1);
  });
});
