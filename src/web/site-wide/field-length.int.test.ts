/**
 * Every posted field has a maximum length, checked before any pattern reads it: an over-long value
 * is refused with 422 and a message naming the field, by
 * the label the form shows. No timing here: what is tested is that the length is refused.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';

let portal: TestPortal;
before(async () => {
  portal = await startTestPortal();
});
after(() => portal.close());

/** As the page shows a sentence: EJS escapes quotes. */
function escaped(sentence: string): string {
  return sentence
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&#34;')
    .replaceAll("'", '&#39;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

function tooLong(label: string, max: number): string {
  return escaped(`"${label}" is too long: it may have at most ${max.toLocaleString('en-HK')} characters.`);
}

async function patron(): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  assert.equal((await b.logIn('21000004', 'K7M2P9')).status, 303);
  return b;
}

async function staff(member: (typeof DEMO_STAFF)[number] = DEMO_STAFF[1]): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  await b.get('/staff/login');
  assert.equal((await b.post('/staff/login', { username: member.username, password: member.password })).status, 303);
  return b;
}

async function admin(): Promise<TestBrowser> {
  return staff(DEMO_STAFF[0]);
}

function visitor(): Promise<TestBrowser> {
  return Promise.resolve(new TestBrowser(portal.url));
}

interface FormCase {
  form: string;
  who: () => Promise<TestBrowser>;
  /** The page that holds the form, for its CSRF token. */
  page: string;
  path: string;
  fields: Record<string, string>;
  label: string;
  max: number;
}

const x = (n: number) => 'x'.repeat(n);

const cases: FormCase[] = [
  {
    form: 'Modify your PIN',
    who: patron,
    page: '/pin/modify',
    path: '/pin/modify',
    fields: { current_pin: x(1001), new_pin: 'q7w3e9r1', confirm_pin: 'q7w3e9r1' },
    label: 'Current PIN',
    max: 1000,
  },
  {
    form: 'Modify your PIN (retyped)',
    who: patron,
    page: '/pin/modify',
    path: '/pin/modify',
    fields: { current_pin: 'K7M2P9', new_pin: 'q7w3e9r1', confirm_pin: x(1001) },
    label: 'Retype new PIN',
    max: 1000,
  },
  {
    form: 'Forgotten PIN',
    who: visitor,
    page: '/pin/forgot',
    path: '/pin/forgot',
    fields: { barcode: x(1001) },
    label: 'Barcode',
    max: 1000,
  },
  {
    form: 'Book Renewal',
    who: patron,
    page: '/myrecord/renew',
    path: '/myrecord/renew',
    fields: { renew: `1:2026-12-19${x(21)}` },
    label: 'Items on loan',
    max: 32,
  },
  {
    form: 'Book Renewal (all)',
    who: patron,
    page: '/myrecord/renew',
    path: '/myrecord/renew',
    fields: { all: x(1001) },
    label: 'Renew all',
    max: 1000,
  },
  {
    form: 'Book Request',
    who: patron,
    page: '/catalogue/1',
    path: '/catalogue/1/request',
    fields: { pickup: x(1001) },
    label: 'Pickup location',
    max: 1000,
  },
  {
    form: 'Check out',
    who: staff,
    page: '/staff/circulation',
    path: '/staff/checkout',
    fields: { patron_barcode: x(65), item_barcode: 'X1' },
    label: 'Patron barcode',
    max: 64,
  },
  {
    form: 'Check in',
    who: staff,
    page: '/staff/circulation',
    path: '/staff/checkin',
    fields: { item_barcode: x(65) },
    label: 'Item barcode',
    max: 64,
  },
  {
    form: 'Your counter',
    who: staff,
    page: '/staff/circulation',
    path: '/staff/counter',
    fields: { counter: x(65) },
    label: 'Your counter',
    max: 64,
  },
  {
    form: 'Record a payment',
    who: staff,
    page: '/staff/patrons/21000004',
    path: '/staff/patrons/21000004/payment',
    fields: { amount: `${x(31)}12`, method: 'cash' },
    label: 'Amount paid (HK$)',
    max: 32,
  },
  {
    form: 'Record a payment (method)',
    who: staff,
    page: '/staff/patrons/21000004',
    path: '/staff/patrons/21000004/payment',
    fields: { amount: '1', method: x(17) },
    label: 'Paid by',
    max: 16,
  },
  {
    form: 'Edit patron',
    who: staff,
    page: '/staff/patrons/21000001/edit',
    path: '/staff/patrons/21000001/edit',
    fields: { name: 'Chan Tai Man', patron_type: 'undergraduate', hkid: x(1001) },
    label: 'HKID number',
    max: 1000,
  },
  {
    form: 'Delete PIN',
    who: staff,
    page: '/staff/patrons/21000001',
    path: '/staff/patrons/21000001/pin/delete',
    fields: { id_checked: `yes${x(998)}` },
    label: 'University ID card checked',
    max: 1000,
  },
  { form: 'Log in', who: visitor, page: '/login', path: '/login', fields: { barcode: '21000004', pin: x(1001) }, label: 'PIN', max: 1000 },
  {
    form: 'Staff log in',
    who: visitor,
    page: '/staff/login',
    path: '/staff/login',
    fields: { username: x(1001), password: 'p' },
    label: 'Username',
    max: 1000,
  },
  {
    form: 'Add a staff account',
    who: admin,
    page: '/staff/accounts',
    path: '/staff/accounts',
    fields: { username: 'new.colleague', roles: 'circulation', password: x(1001) },
    label: 'Password (at least 12 characters)',
    max: 1000,
  },
  {
    form: 'Set a new password',
    who: admin,
    page: '/staff/accounts',
    path: '/staff/accounts/counter/password',
    fields: { password: x(1001) },
    label: 'Password (at least 12 characters)',
    max: 1000,
  },
  {
    form: 'Register a patron',
    who: staff,
    page: '/staff/register',
    path: '/staff/register',
    fields: { barcode: '29999999', name: x(1001), hkid: 'Z123456(7)' },
    label: 'Name',
    max: 1000,
  },
];

describe('an over-long value is refused for its length, on every form', () => {
  for (const c of cases) {
    test(`${c.form}: "${c.label}" longer than ${c.max} characters gets 422 and says so`, async () => {
      const b = await c.who();
      await b.get(c.page);
      const answer = await b.post(c.path, c.fields);
      assert.equal(answer.status, 422, answer.text.slice(0, 300));
      assert.ok(answer.text.includes(tooLong(c.label, c.max)), `no "too long" message for ${c.label}`);
      assert.match(answer.text, /role="alert"/);
    });
  }
});

describe('the payment amount', () => {
  test('a 60 kB amount (the value that held the event loop) is refused for its length, and nothing is paid', async () => {
    const b = await staff();
    await b.get('/staff/patrons/21000004');
    const answer = await b.post('/staff/patrons/21000004/payment', { amount: `${' '.repeat(60_000)}x`, method: 'cash' });
    assert.equal(answer.status, 422);
    assert.ok(answer.text.includes(tooLong('Amount paid (HK$)', 32)));
    assert.match(answer.text, /Owes HK\$12\.00/);
  });

  test('an amount with HK$, cents and spaces around it is still recorded', async () => {
    const b = await staff();
    await b.get('/staff/patrons/21000004');
    const paid = await b.post('/staff/patrons/21000004/payment', { amount: ' HK$1.50 ', method: 'cash' });
    assert.equal(paid.status, 303);
    assert.match((await b.get(paid.headers.get('location')!)).text, /Wong Siu Ling now owes HK\$10\.50/);
  });
});
