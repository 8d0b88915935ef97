import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoStaffIn, startTestPortal, type TestPortal } from '../../test-support/test-portal.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
before(async () => {
  portal = await startTestPortal();
});
after(() => portal.close());

const db = () => portal.portal.db;
const REGISTRATION = {
  barcode: '',
  name: 'Chan Tai Man',
  email: '',
  hkid: '',
  passport: '',
  mainland_id: '',
  patron_type: 'undergraduate',
  expiry_date: '2030-08-31',
};

describe('Register a patron, when the barcode is taken', () => {
  test('what was typed stays in the form, the HKID too, with a link to the patron who has the barcode; the number is kept nowhere', async () => {
    const desk = await demoStaffIn(portal, 'counter');
    await desk.get('/staff/register');
    const answer = await desk.post('/staff/register', { ...REGISTRATION, barcode: '21000004', hkid: 'A123456(3)' });
    assert.equal(answer.status, 422);
    assert.match(answer.text, /The barcode 21000004 is already registered\./);
    assert.match(answer.text, /<a class="link" href="\/staff\/patrons\/21000004">Open the record of 21000004<\/a>/);
    assert.match(answer.text, /id="hkid" name="hkid" type="text" value="A123456\(3\)"/);
    assert.match(answer.text, /id="name" name="name" type="text" value="Chan Tai Man"/);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    // Not in the session, the audit log or any patron's row: only in that one answer.
    for (const table of ['sessions', 'audit_log', 'patrons']) {
      const rows = JSON.stringify(prepare(db(), `SELECT * FROM ${table}`).all());
      assert.ok(!rows.includes('A123456'), `the HKID number is not in ${table}`);
    }
    assert.ok(!portal.logs.some((line) => line.includes('A123456')), 'nor in the log');
  });
});

describe('Every record expires', () => {
  test('registration without an expiry date is refused next to the date, in both languages', async () => {
    const desk = await demoStaffIn(portal, 'counter');
    await desk.get('/staff/register');
    const answer = await desk.post('/staff/register', { ...REGISTRATION, barcode: '22000201', passport: 'K7654321', expiry_date: '' });
    assert.equal(answer.status, 422);
    assert.match(answer.text, /<ul class="field__errors" id="expiry_date-error">\s*<li>Type the date the record expires, like 2027-08-31/);
    assert.equal(prepare(db(), "SELECT COUNT(*) FROM patrons WHERE barcode = '22000201'").pluck().get(), 0);
    await desk.post('/language', { lang: 'zh-HK', next: '/staff/register' });
    const chinese = await desk.post('/staff/register', { ...REGISTRATION, barcode: '22000201', passport: 'K7654321', expiry_date: '' });
    assert.match(chinese.text, /請輸入紀錄屆滿日/);
    await desk.post('/language', { lang: 'en', next: '/staff' });
  });

  test('an old record without a date says so and links to where to set one, never "Does not expire"', async () => {
    const before = prepare(db(), "SELECT expiry_date FROM patrons WHERE barcode = '21000002'").pluck().get() as string | null;
    prepare(db(), "UPDATE patrons SET expiry_date = NULL WHERE barcode = '21000002'").run();
    try {
      const desk = await demoStaffIn(portal, 'counter');
      const page = await desk.get('/staff/patrons/21000002');
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.text, /Does not expire/);
      assert.match(page.text, /No expiry date set\./);
      assert.match(page.text, /href="\/staff\/patrons\/21000002\/edit#expiry_date">Set an expiry date</);
    } finally {
      prepare(db(), "UPDATE patrons SET expiry_date = ? WHERE barcode = '21000002'").run(before);
    }
  });
});

describe('The language switch at the counter', () => {
  test('after a refused scan it leads back to the counter serving the same patron', async () => {
    const desk = await demoStaffIn(portal, 'counter');
    await desk.get('/staff/circulation?patron=21000004');
    const refused = await desk.post('/staff/checkout', { patron_barcode: '21000004', item_barcode: '39999999' });
    assert.equal(refused.status, 422);
    const next = /<input type="hidden" name="next" value="([^"]*)">/.exec(refused.text)?.[1];
    assert.equal(next, '/staff/circulation?patron=21000004');
    const switched = await desk.post('/language', { lang: 'zh-HK', next });
    assert.equal(switched.status, 303);
    assert.equal(switched.headers.get('location'), '/staff/circulation?patron=21000004');
    const page = await desk.get(switched.headers.get('location')!);
    assert.equal(page.status, 200);
    assert.match(page.text, /<html lang="zh-Hant-HK">/);
    assert.match(page.text, /name="patron_barcode" type="text" value="21000004"/);
    await desk.post('/language', { lang: 'en', next: '/staff' });
  });
});
