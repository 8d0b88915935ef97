import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import type { TestSmtp } from '../../test-support/test-smtp.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
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

async function staffBrowser(member: { username: string; password: string } = counterStaff): Promise<TestBrowser> {
  const b = browser();
  await b.get('/staff/login');
  const answer = await b.post('/staff/login', { username: member.username, password: member.password });
  assert.equal(answer.status, 303, `staff login ${member.username}`);
  assert.equal(answer.headers.get('location'), '/staff');
  await b.get('/staff');
  return b;
}

describe('staff log in', () => {
  test('the console sends a visitor to /staff/login, which has Username and Password', async () => {
    assert.equal((await browser().get('/staff')).headers.get('location'), '/staff/login');
    const page = await browser().get('/staff/login');
    assert.match(page.text, /<label for="username">Username<\/label>/);
    assert.match(page.text, /<label for="password">Password<\/label>/);
  });

  test('a wrong password and an unknown username get the same 401; five failures block the sixth with 429', async () => {
    const b = browser();
    await b.get('/staff/login');
    assert.equal((await b.post('/staff/login', { username: 'nobody', password: 'whatever-password' })).status, 401);
    for (let i = 0; i < 5; i++) {
      const answer = await b.post('/staff/login', { username: 'counter', password: `wrong-password-${i}` });
      assert.equal(answer.status, 401);
      assert.match(answer.text, /The username or password is incorrect\./);
    }
    const blocked = await b.post('/staff/login', { username: 'COUNTER', password: counterStaff.password });
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    portal.clock.advance(60_000);
  });

  test('a staff block is keyed apart from patron barcodes', async () => {
    const b = browser();
    await b.get('/staff/login');
    for (let i = 0; i < 5; i++) await b.post('/staff/login', { username: 'admin', password: `wrong-password-${i}` });
    assert.equal((await b.post('/staff/login', { username: 'admin', password: admin.password })).status, 429);
    assert.equal((await browser().logIn('21000004', 'K7M2P9')).status, 303, 'patrons are not affected');
    portal.clock.advance(60_000);
  });

  test("staff and patron sessions are separate: neither reaches the other's pages", async () => {
    const staff = await staffBrowser();
    assert.equal((await staff.get('/myrecord')).headers.get('location'), '/login');
    const patron = browser();
    await patron.logIn('21000004', 'K7M2P9');
    assert.equal((await patron.get('/staff')).headers.get('location'), '/staff/login');
    assert.equal((await patron.get('/staff/patrons/21000004')).headers.get('location'), '/staff/login?next=%2Fstaff%2Fpatrons%2F21000004');
  });

  test('log-out ends the staff session', async () => {
    const b = await staffBrowser();
    const out = await b.post('/staff/logout', {});
    assert.equal(out.headers.get('location'), '/staff/login');
    assert.equal((await b.get('/staff')).headers.get('location'), '/staff/login');
  });
});

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

describe('staff accounts', () => {
  test('an admin adds an account (refusing a short password), disables it (ending its sessions), enables it and sets its password', async () => {
    const a = await staffBrowser(admin);
    await a.get('/staff/accounts');
    const short = await a.post('/staff/accounts', { username: 'new.staff', roles: 'circulation', password: 'too-short' });
    assert.equal(short.status, 422);
    assert.match(short.text, /at least 12 characters/);
    assert.equal(
      (await a.post('/staff/accounts', { username: 'New.Staff', roles: 'circulation', password: 'a-long-enough-password' })).status,
      303,
    );

    const newcomer = await staffBrowser({ username: 'new.staff', password: 'a-long-enough-password' });
    await a.get('/staff/accounts');
    assert.equal((await a.post('/staff/accounts/new.staff/disable', {})).status, 303);
    assert.equal((await newcomer.get('/staff')).headers.get('location'), '/staff/login', 'its session ended');
    const refused = browser();
    await refused.get('/staff/login');
    assert.equal((await refused.post('/staff/login', { username: 'new.staff', password: 'a-long-enough-password' })).status, 401);

    await a.get('/staff/accounts');
    assert.equal((await a.post('/staff/accounts/new.staff/enable', {})).status, 303);
    await a.get('/staff/accounts');
    assert.equal((await a.post('/staff/accounts/new.staff/password', { password: 'another-long-password' })).status, 303);
    await staffBrowser({ username: 'new.staff', password: 'another-long-password' });
    const log = await a.get('/staff/audit?staff=admin');
    for (const text of [
      'Added staff account new.staff',
      'Disabled staff account new.staff',
      'Enabled staff account new.staff',
      'Set a new password for staff account new.staff',
    ]) {
      assert.ok(log.text.includes(text), text);
    }
  });

  test('circulation staff cannot manage accounts', async () => {
    const c = await staffBrowser();
    assert.equal((await c.get('/staff/accounts')).status, 403);
    assert.equal((await c.post('/staff/accounts', { username: 'sneaky', roles: 'admin', password: 'a-long-enough-password' })).status, 403);
  });

  test('staff forms without a CSRF token are refused with 403', async () => {
    const a = await staffBrowser(admin);
    assert.equal((await a.post('/staff/patrons/21000001/pin/delete', { id_checked: 'yes' }, { csrf: null })).status, 403);
    assert.equal(
      (await a.post('/staff/accounts', { username: 'x1', roles: 'admin', password: 'a-long-enough-password' }, { csrf: null })).status,
      403,
    );
  });
});
