/**
 * The portal's icon: every page links it, it is served as an SVG image, and /favicon.ico (which
 * browsers ask for whatever a page links) answers with it instead of a 404 in every log.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';

let portal: TestPortal;
before(async () => {
  portal = await startTestPortal();
});
after(() => portal.close());

const ICON_LINK = '<link rel="icon" href="/public/favicon.svg" type="image/svg+xml">';

test('the login page, a patron page, a staff page and the not-found page link the icon in their head', async () => {
  const visitor = new TestBrowser(portal.url);
  const pages = [await visitor.get('/login'), await visitor.get('/no-such-page')];
  const patron = new TestBrowser(portal.url);
  assert.equal((await patron.logIn('21000004', 'K7M2P9')).status, 303);
  pages.push(await patron.get('/myrecord'));
  const staff = new TestBrowser(portal.url);
  await staff.get('/staff/login');
  assert.equal((await staff.post('/staff/login', { username: DEMO_STAFF[1].username, password: DEMO_STAFF[1].password })).status, 303);
  pages.push(await staff.get('/staff'));
  assert.deepEqual(
    pages.map((page) => page.status),
    [200, 404, 200, 200],
  );
  for (const page of pages) assert.ok(page.text.slice(0, page.text.indexOf('</head>')).includes(ICON_LINK), page.text.slice(0, 400));
});

test('the icon is an SVG image, at its own address and at /favicon.ico', async () => {
  for (const path of ['/public/favicon.svg', '/favicon.ico']) {
    const answer = await fetch(`${portal.url}${path}`);
    assert.equal(answer.status, 200, path);
    assert.match(answer.headers.get('content-type') ?? '', /^image\/svg\+xml/, path);
    assert.match(await answer.text(), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>[\s\S]*<\/svg>\s*$/, path);
    assert.equal(answer.headers.get('set-cookie'), null, `${path} sets no cookie`);
  }
});
