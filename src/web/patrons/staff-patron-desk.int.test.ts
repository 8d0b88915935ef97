/**
 * A patron's business at the staff console over HTTP: finding the patron, deleting the PIN, lifting a
 * block, registering at the counter, and the audit log that records each of these for an admin to read.
 * The audit log's tests come last: they read what the others did.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import type { TestSmtp } from '../../test-support/test-smtp.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { staffSignedIn } from '../../test-support/staff-browser.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
let smtp: TestSmtp;
let stop: () => Promise<void>;
before(async () => {
  ({ portal, smtp, close: stop } = await startPortalWithMail());
});
after(() => stop());

const [admin, counterStaff] = DEMO_STAFF;
const browser = () => new TestBrowser(portal.url);
const staffBrowser = (member: { username: string; password: string } = counterStaff) => staffSignedIn(portal, member);

describe('finding a patron', () => {
  test('by part of the name, in any case; LIKE wildcards are taken literally', async () => {
    const b = await staffBrowser();
    assert.match((await b.get('/staff?q=maria')).text, /href="\/staff\/patrons\/21000002"/);
    const byName = await b.get('/staff?q=siu%20LING');
    assert.match(byName.text, /href="\/staff\/patrons\/21000004"/);
    assert.match((await b.get('/staff?q=%25')).text, /No patron matches/);
    assert.match((await b.get('/staff?q=_')).text, /No patron matches/);
  });

  test("a whole barcode, as a scanner types it, opens the patron's page at once", async () => {
    const b = await staffBrowser();
    for (const q of ['21000002', ' 21000002 ']) {
      const answer = await b.get(`/staff?q=${encodeURIComponent(q)}`);
      assert.equal(answer.status, 303, q);
      assert.equal(answer.headers.get('location'), '/staff/patrons/21000002');
    }
    assert.match((await b.shown(await b.get('/staff?q=21000002'))).text, /<h1>Maria Santos \(21000002\)<\/h1>/);
    const nobody = await b.get('/staff?q=29999999');
    assert.equal(nobody.status, 200, 'a barcode nobody has stays on the search page');
    assert.match(nobody.text, /No patron matches &#34;29999999&#34;/);
  });

  test('the patron page shows his state and never a PIN or ID number', async () => {
    const b = await staffBrowser();
    const page = await b.get('/staff/patrons/21000004');
    assert.equal(page.status, 200);
    for (const text of [
      'Wong Siu Ling',
      'Staff',
      '30 June 2031',
      'Yes: can reset the PIN online',
      'Chosen by the patron',
      'HKID number',
      'Recent login attempts',
      'Blocked now',
    ]) {
      assert.ok(page.text.includes(text), text);
    }
    assert.doesNotMatch(page.text, /K7M2P9|AB9876|AB987654|\$2[aby]\$/i);
    assert.equal((await b.get('/staff/patrons/NOSUCH1')).status, 404);
  });
});

describe('Delete PIN at the counter', () => {
  test('refused with 422 without the "University ID card checked" box; with it the patron is back on the default PIN', async () => {
    const patronSession = browser();
    await patronSession.logIn('21000004', 'K7M2P9');

    const b = await staffBrowser();
    await b.get('/staff/patrons/21000004');
    const refused = await b.post('/staff/patrons/21000004/pin/delete', {});
    assert.equal(refused.status, 422);
    assert.match(refused.text, /tick &#34;University ID card checked&#34;|tick "University ID card checked"/);
    assert.equal((await browser().logIn('21000004', 'K7M2P9')).status, 303, 'nothing changed');

    const done = await b.post('/staff/patrons/21000004/pin/delete', { id_checked: 'yes' });
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), '/staff/patrons/21000004');
    const page = await b.get('/staff/patrons/21000004');
    assert.match(page.text, /The PIN was deleted/);
    assert.match(page.text, /Default PIN/);

    assert.equal((await patronSession.get('/myrecord')).headers.get('location'), '/login', 'his sessions ended');
    assert.equal((await browser().logIn('21000004', 'K7M2P9')).status, 401);
    assert.equal((await browser().logIn('21000004', 'AB9876')).headers.get('location'), '/pin/modify');
    const notice = await smtp.waitFor((m) => m.to.includes('siu-ling.wong@example.edu') && /returned to the default/.test(m.subject));
    assert.match(notice.text, /by library staff at the Circulation Counter/);
  });
});

describe('Lift the block', () => {
  test('a blocked patron can log in again at once after staff lift the block', async () => {
    const p = browser();
    for (let i = 0; i < 5; i++) await p.logIn('21000002', 'WRONG1');
    assert.equal((await p.logIn('21000002', 'XY1234')).status, 429);
    const b = await staffBrowser();
    assert.match((await b.get('/staff/patrons/21000002')).text, /Yes: too many failed attempts; unblocked in \d+ seconds/);
    assert.equal((await b.post('/staff/patrons/21000002/block/lift', {})).status, 303);
    assert.match((await b.get('/staff/patrons/21000002')).text, /The block was lifted/);
    assert.equal((await p.logIn('21000002', 'XY1234')).status, 303);
  });
});

describe('Register a patron at the counter', () => {
  test('registers with the same checks as the import; the patron logs in with the default PIN; no ID number is kept', async () => {
    const b = await staffBrowser();
    await b.get('/staff/register');
    const fields = {
      barcode: '22000001',
      name: 'Ho Ka Yan',
      email: '',
      hkid: 'Z123456(7)',
      passport: '',
      mainland_id: '',
      patron_type: 'alumni',
      expiry_date: '2028-01-31',
    };
    const done = await b.post('/staff/register', fields);
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), '/staff/patrons/22000001');
    assert.match((await b.get('/staff/patrons/22000001')).text, /HKID check digit does not match/);
    assert.equal((await browser().logIn('22000001', 'Z12345')).headers.get('location'), '/pin/modify');
    assert.ok(!JSON.stringify(prepare(portal.portal.db, 'SELECT * FROM patrons').all()).includes('Z123456'));

    const again = await b.post('/staff/register', fields);
    assert.equal(again.status, 422);
    assert.match(again.text, /already registered/);
  });

  test('bad fields get 422 with every problem next to its field, and the ID numbers are not echoed', async () => {
    const b = await staffBrowser();
    await b.get('/staff/register');
    const answer = await b.post('/staff/register', {
      barcode: 'a-b',
      name: '',
      email: 'x',
      hkid: 'A1(2)',
      passport: '',
      mainland_id: '',
      patron_type: 'wizard',
      expiry_date: 'soon',
    });
    assert.equal(answer.status, 422);
    // In words for staff at the counter, not the patron file's report.
    for (const text of [
      'A barcode has only letters and digits, at most 32 of them',
      'Type the patron&#39;s name as it is on their ID card.',
      'That is not an e-mail address: check it with the patron, or leave the box empty.',
      'Choose the patron type from the list.',
      'Write the date the record expires as year-month-day, like 2027-08-31',
      'An HKID number is 1 or 2 letters, 6 digits and a check digit (0–9 or A), like A123456(3): check it against the card.',
    ]) {
      assert.ok(answer.text.includes(text), text);
    }
    for (const importerText of ['barcode must be 1 to 32', 'name is missing', 'patron_type must be one of'])
      assert.ok(!answer.text.includes(importerText), importerText);
    // What was typed stays in its box, the ID number too, for the clerk to correct rather than read the card again.
    assert.match(answer.text, /value="A1\(2\)"/);
  });
});

describe('the audit log', () => {
  test('circulation staff may not read it; admins see entries newest first, filtered by patron', async () => {
    const counter = await staffBrowser();
    assert.equal((await counter.get('/staff/audit')).status, 403);
    const a = await staffBrowser(admin);
    const page = await a.get('/staff/audit?patron=21000004');
    assert.equal(page.status, 200);
    const deleted = page.text.indexOf('Deleted the PIN at the counter');
    const reset = page.text.indexOf('Changed their PIN');
    assert.ok(deleted > 0, 'the counter deletion is listed');
    assert.match(page.text, /<td[^>]*>counter<\/td>/);
    assert.ok(reset === -1 || deleted < reset, 'newest first');
    assert.doesNotMatch(page.text, /Registered the patron/);
    const byStaff = await a.get('/staff/audit?staff=counter');
    assert.match(byStaff.text, /Registered the patron at the counter/);
    assert.match(byStaff.text, /Lifted the one-minute block/);
  });

  test('pages of 50, newest first, with a link to older entries', async () => {
    const a = await staffBrowser(admin);
    for (let i = 0; i < 60; i++)
      portal.portal.audit.record({ actor: 'system', action: 'staff.enabled', detail: `filler${i}` }, portal.clock.now());
    const first = await a.get('/staff/audit');
    assert.match(first.text, /filler59/);
    assert.doesNotMatch(first.text, /filler9</);
    const older = /href="(\/staff\/audit\?before=\d+)"/.exec(first.text)?.[1];
    assert.ok(older);
    const second = await a.get(older.replace(/&amp;/g, '&'));
    assert.match(second.text, /filler9</);
  });

  test('there is no way to change it from the web', async () => {
    const a = await staffBrowser(admin);
    for (const path of ['/staff/audit', '/staff/audit/1', '/staff/audit/1/delete']) {
      const status = (await a.post(path, {})).status;
      assert.equal(status, 404, path);
    }
  });
});
