import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, startTestPortal, TestBrowser } from '../../test-support/test-portal.js';

const setCookieOf = (headers: Headers, name: string) => headers.getSetCookie().find((line) => line.startsWith(`${name}=`));

test('in production over HTTPS (behind a proxy) every cookie (session, CSRF, device) carries the __Host- prefix, Secure, Path=/ and no Domain', async () => {
  const { portal, close } = await startPortalWithMail({
    NODE_ENV: 'production',
    PUBLIC_URL: 'https://myrecord.library.invalid',
    TRUST_PROXY: 'loopback',
  });
  try {
    const b = new TestBrowser(portal.url, { 'x-forwarded-proto': 'https' });
    const page = await b.get('/login');
    const csrfCookie = setCookieOf(page.headers, '__Host-myrecord.csrf');
    assert.ok(csrfCookie, page.headers.getSetCookie().join('\n'));
    assert.match(csrfCookie, /; Path=\/;/);
    assert.match(csrfCookie, /; Secure/);
    assert.match(csrfCookie, /; HttpOnly/);
    assert.doesNotMatch(csrfCookie, /Domain=/i);

    const login = await b.post('/login', { barcode: '21000004', pin: 'K7M2P9' });
    assert.equal(login.status, 303);
    const sessionCookie = setCookieOf(login.headers, '__Host-myrecord.sid');
    assert.ok(sessionCookie, login.headers.getSetCookie().join('\n'));
    assert.match(sessionCookie, /; Path=\/;/);
    assert.match(sessionCookie, /; Secure/);
    assert.match(sessionCookie, /; HttpOnly/);
    assert.doesNotMatch(sessionCookie, /Domain=/i);
    const deviceCookie = setCookieOf(login.headers, '__Host-myrecord.device');
    assert.ok(deviceCookie, login.headers.getSetCookie().join('\n'));
    assert.match(deviceCookie, /; Path=\/;/);
    assert.match(deviceCookie, /; Secure/);
    assert.doesNotMatch(deviceCookie, /Domain=/i);

    assert.match((await b.get('/myrecord')).text, /Wong Siu Ling/);
    assert.deepEqual(b.cookieNames().sort(), ['__Host-myrecord.csrf', '__Host-myrecord.device', '__Host-myrecord.sid']);
    assert.equal((await b.post('/logout', {})).status, 303, "the form's token passes under the prefixed cookie");
  } finally {
    await close();
  }
});

test('outside production, on plain HTTP, the cookies keep their bare names and are not Secure', async () => {
  const portal = await startTestPortal();
  try {
    const b = new TestBrowser(portal.url);
    await b.logIn('21000004', 'K7M2P9');
    assert.deepEqual(b.cookieNames().sort(), ['myrecord.csrf', 'myrecord.device', 'myrecord.sid']);
    const page = await b.get('/myrecord');
    const csrfCookie = setCookieOf(page.headers, 'myrecord.csrf');
    assert.ok(csrfCookie, 'a new token after login');
    assert.doesNotMatch(csrfCookie, /Secure/);
  } finally {
    await portal.close();
  }
});
