/**
 * Hostile query strings and path parameters on every GET route, as an anonymous visitor
 * (test-support/hostile-queries.ts; the other visitors have a file each, so the four run side by
 * side), and the named cases that once were faults.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestBrowser } from '../../test-support/test-portal.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { hostileQueriesAs } from '../../test-support/hostile-queries.js';

hostileQueriesAs('anonymous', ({ portal, getRoutes }) => {
  test('the GET routes are read from the app', () => {
    for (const path of ['/catalogue', '/catalogue/:id', '/staff/audit', '/staff/patrons/:barcode', '/pin/reset/:token'])
      assert.ok(getRoutes().includes(path), path);
  });

  test('the named cases answer pages, not faults', async () => {
    const patron = new TestBrowser(portal().url);
    assert.equal((await patron.logIn('21000004', 'K7M2P9')).status, 303);
    const admin = new TestBrowser(portal().url);
    await admin.get('/staff/login');
    assert.equal((await admin.post('/staff/login', { username: DEMO_STAFF[0].username, password: DEMO_STAFF[0].password })).status, 303);
    for (const page of ['1e20', 'Infinity', '-Infinity', 'NaN', '-1', '9'.repeat(400)]) {
      const answer = await patron.get(`/catalogue?q=the&page=${encodeURIComponent(page)}`);
      assert.equal(answer.status, 200, `page=${page}`);
      assert.match(answer.text, /<h1/);
    }
    for (const before of ['1e20', 'Infinity', '-1', '9'.repeat(400)]) {
      assert.equal((await admin.get(`/staff/audit?before=${encodeURIComponent(before)}`)).status, 200, `before=${before}`);
    }
    for (const id of ['1e20', 'Infinity', '-1', '9'.repeat(400)]) {
      assert.equal((await patron.get(`/catalogue/${encodeURIComponent(id)}`)).status, 404, `id=${id}`);
    }
  });
});
