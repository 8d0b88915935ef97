/** A member of staff logged in to the console through its form, for tests of the staff pages over HTTP. */
import assert from 'node:assert/strict';
import { TestBrowser, type TestPortal } from './test-portal.js';

/**
 * Logs `member` in (any account, a demo one or one a test added) and opens the console. The login
 * must land on /staff: a test that needs the second factor's step logs in by hand.
 */
export async function staffSignedIn(portal: TestPortal, member: { username: string; password: string }): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  await b.get('/staff/login');
  const answer = await b.post('/staff/login', { username: member.username, password: member.password });
  assert.equal(answer.status, 303, `staff login ${member.username}`);
  assert.equal(answer.headers.get('location'), '/staff');
  await b.get('/staff');
  return b;
}
