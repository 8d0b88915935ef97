/**
 * The addresses that login attempts came from are shown to admins only:
 * counter staff see when and how a patron tried to log in, not from where.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';

let portal: TestPortal;
before(async () => {
  portal = await startTestPortal({ TRUST_PROXY: 'loopback' });
  const b = new TestBrowser(portal.url);
  await b.get('/login');
  const answer = await b.post('/login', { barcode: '21000001', pin: 'WRONG1' }, { headers: { 'x-forwarded-for': '203.0.113.77' } });
  assert.equal(answer.status, 401);
});
after(() => portal.close());

async function patronPageAs(member: (typeof DEMO_STAFF)[number]): Promise<string> {
  const b = new TestBrowser(portal.url);
  await b.get('/staff/login');
  assert.equal((await b.post('/staff/login', { username: member.username, password: member.password })).status, 303);
  const page = await b.get('/staff/patrons/21000001');
  assert.equal(page.status, 200);
  return page.text;
}

test('an admin sees the address a login attempt came from', async () => {
  const page = await patronPageAs(DEMO_STAFF[0]);
  assert.match(page, /Wrong PIN/);
  assert.match(page, /<th scope="col">From<\/th>/);
  assert.match(page, /203\.0\.113\.77/);
});

test('counter staff see the attempt, but not where it came from', async () => {
  const page = await patronPageAs(DEMO_STAFF[1]);
  assert.match(page, /Wrong PIN/);
  assert.doesNotMatch(page, /<th scope="col">From<\/th>/);
  assert.doesNotMatch(page, /203\.0\.113\.77/);
});
