/**
 * Coming back after logging in (docs/rules.md §8): a logged-out visitor who opens
 * a service page is brought back to it after the login, and after the forced PIN change, to a
 * page of this site only.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';

let portal: TestPortal;
before(async () => {
  portal = await startTestPortal();
});
after(() => portal.close());

test('a patron who opens a service page logged out comes back to it, with its query, after logging in', async () => {
  const b = new TestBrowser(portal.url);
  const asked = await b.get('/catalogue?q=dickens&page=2');
  assert.equal(asked.headers.get('location'), '/login?next=%2Fcatalogue%3Fq%3Ddickens%26page%3D2');
  const login = await b.get(asked.headers.get('location')!);
  assert.match(login.text, /<input type="hidden" name="next" value="\/catalogue\?q=dickens&amp;page=2">/);
  const done = await b.post('/login', { barcode: '21000004', pin: 'K7M2P9', next: '/catalogue?q=dickens&page=2' });
  assert.equal(done.status, 303);
  assert.equal(done.headers.get('location'), '/catalogue?q=dickens&page=2');
});

test('a wrong PIN keeps the page to come back to in the form', async () => {
  const b = new TestBrowser(portal.url);
  await b.get('/login?next=%2Fmyrecord%2Frenew');
  const wrong = await b.post('/login', { barcode: '21000004', pin: 'WRONG1', next: '/myrecord/renew' });
  assert.equal(wrong.status, 401);
  assert.match(wrong.text, /name="next" value="\/myrecord\/renew"/);
  portal.clock.advance(60_000);
});

test('a patron on the default PIN chooses a PIN first, then comes back to the page he asked for', async () => {
  const b = new TestBrowser(portal.url);
  await b.get('/login');
  const login = await b.post('/login', { barcode: '21000002', pin: 'XY1234', next: '/myrecord/circulation' });
  assert.equal(login.headers.get('location'), '/pin/modify?next=%2Fmyrecord%2Fcirculation');
  const form = await b.get(login.headers.get('location')!);
  assert.match(form.text, /name="next" value="\/myrecord\/circulation"/);
  const changed = await b.post('/pin/modify', {
    current_pin: 'XY1234',
    new_pin: 'Q7W3E9R2',
    confirm_pin: 'Q7W3E9R2',
    next: '/myrecord/circulation',
  });
  assert.equal(changed.status, 303);
  assert.equal(changed.headers.get('location'), '/myrecord/circulation');
});

test('another site, in any spelling, is never where a login leads: the patron goes home instead', async () => {
  for (const next of [
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/',
    '/%2F%2Fevil.example',
    '%2F%2Fevil.example',
    '/\t/evil.example',
    '/staff/accounts',
    '/login',
  ]) {
    const b = new TestBrowser(portal.url);
    const page = await b.get(`/login?next=${encodeURIComponent(next)}`);
    const loginForm = /<form method="post" action="\/login"[\s\S]*?<\/form>/.exec(page.text)?.[0] ?? '';
    assert.match(loginForm, /name="barcode"/);
    assert.doesNotMatch(loginForm, /name="next"/, next);
    const done = await b.post('/login', { barcode: '21000004', pin: 'K7M2P9', next });
    assert.equal(done.headers.get('location'), '/myrecord', next);
  }
});

test('a member of staff comes back to the console page he opened; a patron page is not one', async () => {
  const [admin] = DEMO_STAFF;
  const b = new TestBrowser(portal.url);
  const asked = await b.get('/staff/audit');
  assert.equal(asked.headers.get('location'), '/staff/login?next=%2Fstaff%2Faudit');
  await b.get(asked.headers.get('location')!);
  assert.equal(
    (await b.post('/staff/login', { username: admin.username, password: admin.password, next: '/staff/audit' })).headers.get('location'),
    '/staff/audit',
  );
  const other = new TestBrowser(portal.url);
  await other.get('/staff/login');
  assert.equal(
    (await other.post('/staff/login', { username: admin.username, password: admin.password, next: '/myrecord' })).headers.get('location'),
    '/staff',
  );
});

test('a login page asked for while logged in goes straight to the page to come back to', async () => {
  const b = new TestBrowser(portal.url);
  await b.logIn('21000004', 'K7M2P9');
  assert.equal((await b.get('/login?next=%2Fmyrecord%2Frenew')).headers.get('location'), '/myrecord/renew');
  assert.equal((await b.get('/login?next=%2F%2Fevil.example')).headers.get('location'), '/myrecord');
});
