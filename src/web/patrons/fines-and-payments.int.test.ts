/**
 * Fines as people expect them, over HTTP: payments at the counter by cash, Octopus or card go to the
 * oldest fines first, the receipt prints without the page around it, and the patron's own record
 * shows each fine with what is left and each payment with its receipt number.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { asShown as shown } from '../../test-support/escaped-html.js';
import { staffSignedIn } from '../../test-support/staff-browser.js';
import { t } from '../../messages/index.js';
import { counterRegistration as register } from '../../test-support/counter-registration.js';

let portal: TestPortal;
before(async () => {
  portal = await startTestPortal();
});
after(() => portal.close());

const [, counterStaff] = DEMO_STAFF;
const staffBrowser = (member: { username: string; password: string } = counterStaff) => staffSignedIn(portal, member);

const DAY = 86_400_000;

describe('fines and payments', () => {
  /** A new patron with two fines: HK$12.00 charged ten days ago, HK$5.00 charged two days ago. */
  async function patronWithTwoFines(barcode: string) {
    const b = await staffBrowser();
    assert.equal((await register(b, { barcode, name: 'Cheung Wing', hkid: 'A123456(3)' })).status, 303);
    const patron = portal.portal.patrons.findByBarcode(barcode)!;
    const now = portal.clock.now();
    portal.portal.repos.fines.charge(patron.id, null, 1200, { kind: 'overdue', title: 'Emma', daysLate: 12 }, now - 10 * DAY);
    portal.portal.repos.fines.charge(patron.id, null, 500, { kind: 'overdue', title: 'Dracula', daysLate: 5 }, now - 2 * DAY);
    return { b, patron };
  }

  test('the payment form needs a method: without one, 422 with the reason and nothing is recorded', async () => {
    const { b } = await patronWithTwoFines('22000201');
    const page = await b.get('/staff/patrons/22000201');
    for (const method of ['Cash', 'Octopus', 'Card']) assert.match(page.text, new RegExp(`<label for="method(-\\w+)?">${method}</label>`));
    const refused = await b.post('/staff/patrons/22000201/payment', { amount: '5' });
    assert.equal(refused.status, 422);
    assert.ok(refused.text.includes(shown(t('staff.payment.METHOD_MISSING'))), 'the method refusal');
    assert.match(refused.text, /role="alert"/);
    assert.match(
      refused.text,
      /id="amount" name="amount" type="text" inputmode="decimal" autocomplete="off" value="5"/,
      'what was typed stays',
    );
    const both = await b.post('/staff/patrons/22000201/payment', { amount: 'five', method: 'cheque' });
    assert.equal(both.status, 422);
    assert.ok(both.text.includes(shown(t('staff.payment.AMOUNT_INVALID'))), 'the amount refusal');
    assert.ok(both.text.includes(shown(t('staff.payment.METHOD_MISSING'))), 'the method refusal with it');
    const over = await b.post('/staff/patrons/22000201/payment', { amount: '17.01', method: 'cash' });
    assert.equal(over.status, 422);
    assert.ok(over.text.includes(shown(t('staff.payment.MORE_THAN_OWED', { amount: 'HK$17.00' }))), 'more than owed');
    assert.match((await b.get('/staff/patrons/22000201')).text, /Owes HK\$17\.00/);
  });

  test('a partial payment goes to the oldest fine first; each fine shows what is left of it; the payment shows date, amount, method and staff', async () => {
    const { b } = await patronWithTwoFines('22000202');
    const paid = await b.post('/staff/patrons/22000202/payment', { amount: '13', method: 'octopus' });
    assert.equal(paid.status, 303);
    assert.match(paid.headers.get('location')!, /^\/staff\/patrons\/22000202\/payments\/\d+$/);
    const page = await b.get('/staff/patrons/22000202');
    assert.match(page.text, /Owes HK\$4\.00/);
    const rows = [...page.text.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
      m[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    assert.ok(
      rows.some((row) => row.includes('Emma') && row.endsWith('HK$12.00 Paid')),
      'the oldest fine is paid off',
    );
    assert.ok(
      rows.some((row) => row.includes('Dracula') && row.endsWith('HK$5.00 HK$4.00')),
      'HK$1.00 went to the next',
    );
    assert.ok(
      rows.some((row) => /HK\$13\.00 Octopus counter Receipt \d+$/.test(row)),
      'the payment, by Octopus, taken by counter',
    );

    const second = await b.post('/staff/patrons/22000202/payment', { amount: '4', method: 'card' });
    assert.equal(second.status, 303);
    const after = await b.get('/staff/patrons/22000202');
    assert.match(after.text, /Owes HK\$0\.00/);
    assert.doesNotMatch(after.text, /action="\/staff\/patrons\/22000202\/payment"/, 'nothing left to pay: no form');
  });

  test('the receipt: the payment in full, the fines it went to oldest first with what was left of each, what was still owed; a print stylesheet and no script', async () => {
    const { b } = await patronWithTwoFines('22000203');
    const paid = await b.post('/staff/patrons/22000203/payment', { amount: 'HK$13.50', method: 'octopus' });
    const receiptPath = paid.headers.get('location')!;
    const number = Number(receiptPath.split('/').pop());
    const receipt = await b.get(receiptPath);
    assert.equal(receipt.status, 200);
    assert.ok(
      receipt.text.includes(shown(t('staff.payment.done', { name: 'Cheung Wing', amount: 'HK$3.50' }))),
      'the notice after the payment',
    );
    assert.match(receipt.text, new RegExp(`<h1 id="receipt-title">Receipt ${number}</h1>`));
    for (const [label, value] of [
      ['Patron', 'Cheung Wing (22000203)'],
      ['Amount paid', 'HK$13.50'],
      ['Paid by', 'Octopus'],
      ['Received by', 'counter'],
      ['Still owed after this payment', 'HK$3.50'],
    ]) {
      assert.ok(receipt.text.includes(`<dt>${label}</dt><dd>${shown(value!)}</dd>`), label);
    }
    const lines = [...receipt.text.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map((m) =>
      m[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^Overdue: &#34;Emma&#34; returned 12 days late .* HK\$12\.00 HK\$0\.00$/);
    assert.match(lines[1]!, /^Overdue: &#34;Dracula&#34; returned 5 days late .* HK\$1\.50 HK\$3\.50$/);
    assert.doesNotMatch(receipt.text, /<script/);
    assert.match(receipt.text, /class="receipt-tools no-print"/);
    assert.match(receipt.text, /<link rel="stylesheet" href="\/public\/css\/site\.css">/);
    const css = await (await fetch(`${portal.url}/public/css/site.css`)).text();
    assert.match(
      css,
      /@media print \{[\s\S]*\.masthead,\s*\.staff-nav,\s*\.patron-nav,\s*\.lang-switch,\s*\.no-print\s*\{\s*display: none !important;\s*\}/,
    );

    // Reloaded later, the receipt is the same, without the one-time notice.
    const again = await b.get(receiptPath);
    assert.ok(again.text.includes('<dt>Amount paid</dt><dd>HK$13.50</dd>'), 'the receipt again');
    assert.ok(!again.text.includes(shown(t('staff.payment.done', { name: 'Cheung Wing', amount: 'HK$3.50' }))), 'the notice is shown once');
  });

  test('a receipt is found only under its own patron, and a bad number is a 404, never a fault', async () => {
    const { b } = await patronWithTwoFines('22000204');
    const paid = await b.post('/staff/patrons/22000204/payment', { amount: '1', method: 'cash' });
    const number = paid.headers.get('location')!.split('/').pop()!;
    assert.equal((await b.get(`/staff/patrons/22000204/payments/${number}`)).status, 200);
    for (const path of [
      `/staff/patrons/21000004/payments/${number}`,
      '/staff/patrons/22000204/payments/999999',
      '/staff/patrons/22000204/payments/1e3',
      '/staff/patrons/22000204/payments/-1',
      `/staff/patrons/NOBODY1/payments/${number}`,
    ]) {
      const answer = await b.get(path);
      assert.equal(answer.status, 404, path);
    }
    assert.equal(
      (await new TestBrowser(portal.url).get(`/staff/patrons/22000204/payments/${number}`)).headers.get('location'),
      `/staff/login?next=${encodeURIComponent(`/staff/patrons/22000204/payments/${number}`)}`,
    );
  });

  test("the patron's own circulation record shows each fine with what is left, and each payment with its method and receipt number", async () => {
    const b = await staffBrowser();
    await b.get('/staff/patrons/21000004');
    const paid = await b.post('/staff/patrons/21000004/payment', { amount: '5', method: 'card' });
    assert.equal(paid.status, 303);
    const number = paid.headers.get('location')!.split('/').pop();
    const patron = new TestBrowser(portal.url);
    assert.equal((await patron.logIn('21000004', 'K7M2P9')).status, 303);
    const page = await patron.get('/myrecord/circulation');
    const rows = [...page.text.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
      m[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    assert.ok(
      rows.some((row) => row.includes('Emma') && row.endsWith('HK$12.00 HK$7.00')),
      rows.join('\n'),
    );
    assert.ok(
      rows.some((row) => new RegExp(`HK\\$5\\.00 Card No\\. ${number}$`).test(row)),
      rows.join('\n'),
    );
    assert.doesNotMatch(page.text, /<td[^>]*>counter<\/td>/, 'the staff username is not shown to the patron');
  });
});
