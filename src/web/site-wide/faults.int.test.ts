import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readOnly, startTestPortal, TestBrowser } from '../../test-support/test-portal.js';

test('a fault inside the portal gets a plain 500 page with no stack trace, and is logged', async () => {
  const portal = await startTestPortal({}, { compare: () => Promise.reject(new Error('bcrypt exploded at /secret/path.ts:12')) });
  try {
    const answer = await new TestBrowser(portal.url).logIn('21000004', 'K7M2P9');
    assert.equal(answer.status, 500);
    assert.match(answer.text, /<h1>Something went wrong<\/h1>/);
    assert.doesNotMatch(answer.text, /exploded|\.ts:\d|\n\s+at \S+ \(/);
    assert.ok(portal.logs.some((line) => line.includes('fault on POST /login')));
  } finally {
    await portal.close();
  }
});

test('a database that cannot be written gets 503 and a message, and no login happens', async () => {
  const portal = await startTestPortal();
  try {
    const b = new TestBrowser(portal.url);
    await b.get('/login');
    readOnly(portal.portal.db, true);
    const answer = await b.post('/login', { barcode: '21000004', pin: 'K7M2P9' });
    assert.equal(answer.status, 503);
    assert.match(answer.text, /cannot record your request just now/);
    assert.equal(portal.hasher.compares, 0, 'no PIN was checked without a recorded attempt');
    readOnly(portal.portal.db, false);
    assert.equal((await b.get('/myrecord')).headers.get('location'), '/login');
  } finally {
    await portal.close();
  }
});

test("a fault on a reset link is logged without the link's token", async () => {
  const portal = await startTestPortal();
  const token = 'Q'.repeat(43);
  try {
    // Reading the link's row fails: the fault is logged with the path the request took.
    portal.portal.db.exec('ALTER TABLE pin_reset_tokens RENAME TO pin_reset_tokens_gone');
    const answer = await new TestBrowser(portal.url).get(`/pin/reset/${token}`);
    assert.equal(answer.status, 500);
    assert.ok(
      portal.logs.some((line) => line.includes('fault on GET /pin/reset/[token]')),
      portal.logs.join('\n'),
    );
    assert.ok(!portal.logs.some((line) => line.includes(token)), 'the token is never logged');
  } finally {
    await portal.close();
  }
});
