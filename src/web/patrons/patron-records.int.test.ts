/**
 * Patrons kept right by staff, and fines as people expect, over HTTP as
 * the counter's browser speaks it: registration refusing what cannot be a barcode or an ID number
 * in words for staff, "Edit patron" and its audit entry, payments by cash, Octopus or card applied
 * to the oldest fines first, and the receipt.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { t, translator } from '../../messages/index.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
before(async () => {
  portal = await startTestPortal();
});
after(() => portal.close());

const [admin, counterStaff] = DEMO_STAFF;
const DAY = 86_400_000;

/** As a page shows a sentence: EJS escapes quotes and ampersands. */
function shown(sentence: string): string {
  return sentence
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&#34;')
    .replaceAll("'", '&#39;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

async function staffBrowser(member: { username: string; password: string } = counterStaff): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  await b.get('/staff/login');
  assert.equal((await b.post('/staff/login', { username: member.username, password: member.password })).status, 303);
  await b.get('/staff');
  return b;
}

const REGISTRATION = {
  barcode: '',
  name: '',
  email: '',
  hkid: '',
  passport: '',
  mainland_id: '',
  patron_type: 'undergraduate',
  // Every record registered at the counter expires.
  expiry_date: '2030-08-31',
};

async function register(b: TestBrowser, fields: Partial<typeof REGISTRATION>) {
  await b.get('/staff/register');
  return b.post('/staff/register', { ...REGISTRATION, ...fields });
}

const patronCount = () => prepare(portal.portal.db, 'SELECT COUNT(*) FROM patrons').pluck().get() as number;
const rowOf = (barcode: string) =>
  prepare(portal.portal.db, 'SELECT * FROM patrons WHERE barcode = ?').get(barcode) as Record<string, unknown>;

describe('registering at the counter', () => {
  test('barcode ABC with HKID "nonsense" is refused with 422, each in words for staff next to its field, and nothing is registered', async () => {
    const b = await staffBrowser();
    const before = patronCount();
    const answer = await register(b, { barcode: 'ABC', name: 'Chan Siu Ming', hkid: 'nonsense' });
    assert.equal(answer.status, 422);
    assert.match(answer.text, /role="alert"/);
    assert.ok(answer.text.includes(shown(t('staff.register.problem.BARCODE_NO_DIGIT'))), 'the barcode refusal');
    assert.ok(answer.text.includes(shown(t('staff.register.problem.HKID_MALFORMED'))), 'the HKID refusal');
    assert.match(answer.text, /<input id="barcode"[^>]*aria-invalid="true"/);
    assert.match(answer.text, /<input id="hkid"[^>]*aria-invalid="true"/);
    // Kept in its box for the clerk to correct (only in this answer: the page is never stored).
    assert.match(answer.text, /<input id="hkid" name="hkid" type="text" value="nonsense"/, 'the ID number typed stays in its box');
    assert.equal(patronCount(), before);
  });

  test('a passport or Mainland ID number that cannot be one is refused in its own words', async () => {
    const b = await staffBrowser();
    const passport = await register(b, { barcode: '22000101', name: 'Lee Mei', passport: 'XY-12' });
    assert.equal(passport.status, 422);
    assert.ok(passport.text.includes(shown(t('staff.register.problem.PASSPORT_MALFORMED'))), 'the passport refusal');
    const mainland = await register(b, { barcode: '22000101', name: 'Lee Mei', mainland_id: '1101051949123100' });
    assert.equal(mainland.status, 422);
    assert.ok(mainland.text.includes(shown(t('staff.register.problem.MAINLAND_ID_MALFORMED'))), 'the Mainland ID refusal');
    assert.equal(rowOf('22000101'), undefined);
  });

  test('the same refusals read in 繁體中文 for a member of staff who reads Chinese', async () => {
    const b = await staffBrowser(admin);
    await b.post('/language', { lang: 'zh-HK', next: '/staff/register' });
    const answer = await register(b, { barcode: 'ABC', name: 'Chan Siu Ming', hkid: 'nonsense' });
    assert.equal(answer.status, 422);
    const zh = translator('zh-HK');
    assert.ok(answer.text.includes(shown(zh('staff.register.problem.BARCODE_NO_DIGIT'))), 'barcode in Chinese');
    assert.ok(answer.text.includes(shown(zh('staff.register.problem.HKID_MALFORMED'))), 'HKID in Chinese');
    // The choice is kept on the admin's record: back to English for the tests that follow.
    await b.post('/language', { lang: 'en', next: '/staff' });
  });

  test('a wrong HKID check digit registers the patron and is shown as a warning, not an error', async () => {
    const b = await staffBrowser();
    const done = await register(b, { barcode: '22000102', name: 'Ho Ka Yan', hkid: 'Z123456(7)' });
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), '/staff/patrons/22000102');
    const page = await b.get('/staff/patrons/22000102');
    assert.ok(
      page.text.includes(`<p class="notice notice--warning" role="status">${shown(t('staff.register.hkidWarning'))}</p>`),
      'the warning, shown as a warning',
    );
    assert.doesNotMatch(page.text, /role="alert"/);
    assert.equal((await new TestBrowser(portal.url).logIn('22000102', 'Z12345')).headers.get('location'), '/pin/modify');
  });

  test("login attempts typed for a barcode before it was registered are not on the new patron's record, nor do they block him", async () => {
    const stranger = new TestBrowser(portal.url);
    for (let i = 0; i < 5; i++) assert.equal((await stranger.logIn('22000103', `WRONG${i}`)).status, 401);
    assert.equal((await stranger.logIn('22000103', 'WRONG9')).status, 429, 'the unknown barcode is blocked like any other');
    portal.clock.advance(1000);

    const b = await staffBrowser();
    assert.equal((await register(b, { barcode: '22000103', name: 'Wong Ka Ho', hkid: 'A123456(3)' })).status, 303);
    const page = await b.get('/staff/patrons/22000103');
    assert.ok(page.text.includes(shown(t('staff.patron.noAttempts'))), 'no attempts listed');
    assert.match(page.text, /<dt>Blocked now<\/dt><dd class="">\s*No\s*<\/dd>/, "the block of the stranger's failures is not his");

    portal.clock.advance(1000);
    assert.equal((await new TestBrowser(portal.url).logIn('22000103', 'WRONG1')).status, 401);
    const after = await b.get('/staff/patrons/22000103');
    assert.equal(
      (after.text.match(new RegExp(t('staff.outcome.failure'), 'g')) ?? []).length,
      1,
      'only the failure after registration is listed',
    );
    assert.equal((await new TestBrowser(portal.url).logIn('22000103', 'A12345')).headers.get('location'), '/pin/modify');
  });
});

describe('Edit patron', () => {
  test('the form shows the details on record, never an ID number, and says what a corrected number does to the PIN', async () => {
    const b = await staffBrowser();
    const patronPage = await b.get('/staff/patrons/21000002');
    assert.match(patronPage.text, /href="\/staff\/patrons\/21000002\/edit">Edit patron</);
    const form = await b.get('/staff/patrons/21000002/edit');
    assert.equal(form.status, 200);
    assert.match(form.text, /<h1>Edit Maria Santos \(21000002\)<\/h1>/);
    assert.match(form.text, /id="name" name="name" type="text" value="Maria Santos"/);
    assert.match(form.text, /id="email" name="email" type="email" value="maria\.santos@example\.edu"/);
    assert.match(form.text, /<option value="postgraduate" selected>/);
    assert.match(form.text, /id="expiry_date" name="expiry_date" type="text" value="2030-08-31"/);
    assert.match(form.text, /id="passport" name="passport" type="text" value=""/);
    assert.ok(form.text.includes(shown(t('staff.edit.pinEffect', { pin: 'default' }))), 'what a corrected number does');
    assert.equal((await b.get('/staff/patrons/NOSUCH9/edit')).status, 404);
  });

  test('name, e-mail, type and expiry are saved; 303 back to the patron with a notice; audited with what changed and no value', async () => {
    const b = await staffBrowser();
    await b.get('/staff/patrons/21000002/edit');
    const saved = await b.post('/staff/patrons/21000002/edit', {
      name: 'Maria Santos Lopes',
      email: 'maria.lopes@example.edu',
      patron_type: 'staff',
      expiry_date: '2031-12-31',
      hkid: '',
      passport: '',
      mainland_id: '',
    });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get('location'), '/staff/patrons/21000002');
    const page = await b.get('/staff/patrons/21000002');
    assert.ok(
      page.text.includes(shown(t('staff.edit.saved', { change: 'other', name: 'Maria Santos Lopes', document: 'passport' }))),
      'the notice after saving',
    );
    assert.match(page.text, /<dt>Patron type<\/dt><dd>Staff<\/dd>/);
    assert.match(page.text, /31 December 2031/);
    assert.equal((await new TestBrowser(portal.url).logIn('21000002', 'XY1234')).status, 303, 'the PIN did not change');

    const audit = await (await staffBrowser(admin)).get('/staff/audit?patron=21000002');
    assert.ok(
      audit.text.includes(shown(t('audit.action.patron.edited', { detail: 'name, e-mail address, patron type and expiry date' }))),
      'the audit entry lists what changed',
    );
    assert.ok(/<td[^>]*>counter<\/td>/.test(audit.text), 'who did it');

    const again = await b.post('/staff/patrons/21000002/edit', {
      name: 'Maria Santos Lopes',
      email: 'maria.lopes@example.edu',
      patron_type: 'staff',
      expiry_date: '2031-12-31',
    });
    assert.equal(again.status, 303);
    assert.ok(
      (await b.get('/staff/patrons/21000002')).text.includes(
        shown(t('staff.edit.saved', { change: 'none', name: 'Maria Santos Lopes', document: 'passport' })),
      ),
      'nothing changed',
    );
  });

  test('bad details are refused with 422 in words for staff, and nothing changes', async () => {
    const b = await staffBrowser();
    await b.get('/staff/patrons/21000001/edit');
    const before = rowOf('21000001');
    const answer = await b.post('/staff/patrons/21000001/edit', {
      name: '',
      email: 'not-an-address',
      patron_type: 'wizard',
      expiry_date: '31/12/2030',
      hkid: 'nonsense',
    });
    assert.equal(answer.status, 422);
    for (const key of ['NAME_MISSING', 'EMAIL_MALFORMED', 'PATRON_TYPE_UNKNOWN', 'EXPIRY_MALFORMED', 'HKID_MALFORMED'] as const) {
      assert.ok(answer.text.includes(shown(t(`staff.register.problem.${key}`))), key);
    }
    assert.doesNotMatch(answer.text, /nonsense/);
    assert.deepEqual(rowOf('21000001'), before);
  });

  test('correcting the ID number of a patron on the default PIN changes the PIN he logs in with and ends his sessions; the number is never stored or audited', async () => {
    const patron = new TestBrowser(portal.url);
    assert.equal((await patron.logIn('21000003', '110105')).headers.get('location'), '/pin/modify');
    const b = await staffBrowser();
    await b.get('/staff/patrons/21000003/edit');
    const saved = await b.post('/staff/patrons/21000003/edit', {
      name: 'Li Wei',
      email: 'wei.li@example.edu',
      patron_type: 'postgraduate',
      expiry_date: '2030-08-31',
      hkid: 'C668668(9)',
    });
    assert.equal(saved.status, 303);
    const page = await b.get('/staff/patrons/21000003');
    assert.ok(
      page.text.includes(shown(t('staff.edit.saved', { change: 'default', name: 'Li Wei', document: 'hkid' }))),
      'the notice names the new default PIN',
    );
    assert.ok(page.text.includes(`<dt>${t('staff.patron.document')}</dt><dd>${t('document.hkid')}</dd>`), 'the document of the new number');

    assert.equal((await patron.get('/pin/modify')).headers.get('location'), '/login?next=%2Fpin%2Fmodify', 'the session ended');
    assert.equal(
      (await new TestBrowser(portal.url).logIn('21000003', '110105')).status,
      401,
      'the old default no longer opens the account',
    );
    assert.equal((await new TestBrowser(portal.url).logIn('21000003', 'C66866')).headers.get('location'), '/pin/modify');
    assert.ok(!JSON.stringify(prepare(portal.portal.db, 'SELECT * FROM patrons').all()).includes('C668668'), 'no ID number stored');
    const entries = portal.portal.audit.search({ patronBarcode: '21000003', limit: 5 });
    assert.equal(entries[0]?.action, 'patron.edited');
    assert.equal(entries[0]?.detail, 'id_number');
    assert.ok(!JSON.stringify(entries).includes('C668668'), 'no ID number in the audit log');
  });

  test('correcting the ID number of a patron who chose a PIN keeps that PIN; only the default behind it changes', async () => {
    const b = await staffBrowser();
    await b.get('/staff/patrons/21000004/edit');
    const saved = await b.post('/staff/patrons/21000004/edit', {
      name: 'Wong Siu Ling',
      email: 'siu-ling.wong@example.edu',
      patron_type: 'staff',
      expiry_date: '2031-06-30',
      passport: 'K1234567',
    });
    assert.equal(saved.status, 303);
    // A passport alone: the HKID on record is replaced by it, as if registered with the passport.
    const page = await b.get('/staff/patrons/21000004');
    assert.ok(
      page.text.includes(shown(t('staff.edit.saved', { change: 'chosen', name: 'Wong Siu Ling', document: 'passport' }))),
      'the notice says her PIN stays',
    );
    assert.match(page.text, /Chosen by the patron/);
    assert.equal((await new TestBrowser(portal.url).logIn('21000004', 'K7M2P9')).status, 303, 'the PIN she chose still works');
    assert.equal(
      (await new TestBrowser(portal.url).logIn('21000004', 'K12345')).status,
      401,
      'the new default applies only if her PIN is deleted',
    );
    const edited = portal.portal.patrons.findByBarcode('21000004')!;
    assert.equal(edited.idDocument, 'passport');
    assert.notEqual(edited.chosenPinHash, null);
  });

  test('a corrected HKID with a wrong check digit is saved, with a warning', async () => {
    const b = await staffBrowser();
    await b.get('/staff/patrons/22000102/edit');
    const saved = await b.post('/staff/patrons/22000102/edit', { name: 'Ho Ka Yan', patron_type: 'undergraduate', hkid: 'A123456(4)' });
    assert.equal(saved.status, 303);
    const page = await b.get('/staff/patrons/22000102');
    assert.ok(
      page.text.includes(
        `<p class="notice notice--warning" role="status">${shown(t('staff.edit.savedHkidWarning', { change: 'default' }))}</p>`,
      ),
      'the warning after the edit',
    );
    assert.equal((await new TestBrowser(portal.url).logIn('22000102', 'A12345')).headers.get('location'), '/pin/modify');
  });
});

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
