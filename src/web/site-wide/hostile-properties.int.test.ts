/**
 * Property-based: random, oversized, non-ASCII, missing, repeated and nested fields thrown at
 * every POST route. Whatever arrives, the answer is never a 5xx and the server keeps answering.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { listRoutes } from '../../test-support/route-list.js';
import { prepare } from '../../test-support/raw-sql.js';
import { sha256Hex } from '../../lib/hash-token.js';

/** The token of the kiosk link made for the tests below. */
const KIOSK_TOKEN = 'K'.repeat(43);

let portal: TestPortal;
let patron: TestBrowser;
let admin: TestBrowser;
let visitor: TestBrowser;

before(async () => {
  portal = await startTestPortal();
  patron = new TestBrowser(portal.url);
  assert.equal((await patron.logIn('21000004', 'K7M2P9')).status, 303);
  await patron.get('/pin/modify');
  admin = new TestBrowser(portal.url);
  await admin.get('/staff/login');
  assert.equal((await admin.post('/staff/login', { username: DEMO_STAFF[0].username, password: DEMO_STAFF[0].password })).status, 303);
  await admin.get('/staff');
  visitor = new TestBrowser(portal.url);
  await visitor.get('/login');
  // A live kiosk link, so that the forms reach its check-in (and the attempt gate), not only its 404.
  prepare(
    portal.portal.db,
    'INSERT INTO kiosk_links (facility_id, token_hash, created_at) VALUES ((SELECT MIN(id) FROM facilities), ?, 0)',
  ).run(sha256Hex(KIOSK_TOKEN));
});
after(() => portal.close());

const FIELD_NAMES = [
  'barcode',
  'pin',
  'current_pin',
  'new_pin',
  'confirm_pin',
  'username',
  'password',
  'role',
  'roles',
  'next',
  'id_checked',
  'name',
  'email',
  'hkid',
  'passport',
  'mainland_id',
  'patron_type',
  'expiry_date',
  'renew',
  'loan',
  'all',
  'pickup',
  'patron_barcode',
  'item_barcode',
  'amount',
  'method',
  'counter',
  '_csrf',
  // Book Recommendation
  'title',
  'author',
  'isbn',
  'publisher',
  'year',
  'format',
  'reason',
  'note',
  'request_when_available',
  'confirm_held',
  'status',
  'record_isbn',
  'id',
  // Interlibrary Loan Request
  'title',
  'source_title',
  'article_title',
  'author',
  'year',
  'isbn',
  'pages',
  'issn_doi',
  'not_needed_after',
  'note',
  'copyright_declaration',
  'confirm_on_loan',
  'status',
  'lender',
  'due_date',
  'reason',
  'seen',
  // Staff two-step sign-in
  'code',
  'recovery_code',
];

const value = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    'K7M2P9',
    'yes',
    'admin',
    '21000001',
    'Z123456(7)',
    'octopus',
    'staff',
    '2030-01-01',
    '',
    ' ',
    '\u0000',
    '%',
    '&',
    '=',
    '1',
    '1:2026-12-19',
    '-5',
    '1e9',
    '3000000101',
  ),
  fc.nat(5000).map((n) => 'x'.repeat(n)),
);
const name = fc.oneof(
  fc.constantFrom(...FIELD_NAMES),
  fc.constantFrom(...FIELD_NAMES).chain((field) => fc.constantFrom(`${field}[]`, `${field}[a]`, `${field}[a][b]`, `${field}.x`)),
  fc.string({ maxLength: 10 }),
);
/** A form: pairs in any order, names repeated or missing at will, with or without the right CSRF token. */
const form = fc.record({
  pairs: fc.array(fc.tuple(name, value), { maxLength: 12 }),
  withToken: fc.boolean(),
});

function encode(pairs: Array<[string, string]>, token: string | null): string {
  const params = new URLSearchParams();
  if (token !== null) params.append('_csrf', token);
  for (const [k, v] of pairs) params.append(k, v);
  return params.toString();
}

/** A visitor with a fresh session and token: a log-in or log-out may have ended the last one. */
async function freshVisitor(): Promise<TestBrowser> {
  await visitor.get('/login');
  return visitor;
}

const routes: Array<[string, () => Promise<TestBrowser> | TestBrowser]> = [
  ['/login', freshVisitor],
  ['/logout', freshVisitor],
  ['/language', freshVisitor],
  ['/pin/forgot', freshVisitor],
  [`/pin/reset/${'A'.repeat(43)}`, freshVisitor],
  ['/staff/login', freshVisitor],
  ['/staff/logout', freshVisitor],
  ['/staff/login/2fa', freshVisitor],
  ['/staff/2fa', freshVisitor],
  ['/staff/2fa', () => admin],
  ['/pin/modify', () => patron],
  ['/myrecord/renew', () => patron],
  ['/catalogue/1/request', () => patron],
  ['/catalogue/abc/request', () => patron],
  ['/myrecord/requests/1/cancel', () => patron],
  ['/myrecord/recommendations/new', () => patron],
  ['/myrecord/recommendations/1/cancel', () => patron],
  ['/myrecord/recommendations/abc/cancel', () => patron],
  ['/myrecord/ill/new', () => patron],
  ['/myrecord/ill/new?kind=book', () => patron],
  ['/myrecord/ill/new?kind=article', () => patron],
  ['/myrecord/ill/1/cancel', () => patron],
  ['/myrecord/ill/abc/cancel', () => patron],
  ['/myrecord/ill/1/copy', () => patron],
  ['/myrecord/ill/abc/copy', () => patron],
  ['/staff/ill/1/status', () => admin],
  ['/staff/ill/abc/status', () => admin],
  ['/staff/ill/1/copy', () => admin],
  ['/myrecord/bookings', () => patron],
  ['/myrecord/bookings/1/cancel', () => patron],
  ['/myrecord/bookings/abc/cancel', () => patron],
  ['/myrecord/bookings/2/accept', () => patron],
  ['/myrecord/bookings/abc/accept', () => patron],
  ['/myrecord/bookings/2/decline', () => patron],
  ['/myrecord/bookings/abc/decline', () => patron],
  ['/staff/bookings/1/check-in', () => admin],
  ['/staff/bookings/abc/check-in', () => admin],
  ['/staff/bookings/1/cancel', () => admin],
  ['/staff/facilities', () => admin],
  ['/staff/facilities/1', () => admin],
  ['/staff/facilities/abc', () => admin],
  ['/staff/facilities/blackouts', () => admin],
  ['/staff/facilities/blackouts/1/delete', () => admin],
  ['/staff/facilities/1/kiosk', () => admin],
  ['/staff/facilities/abc/kiosk', () => admin],
  [`/kiosk/${KIOSK_TOKEN}/check-in`, freshVisitor],
  [`/kiosk/${'B'.repeat(43)}/check-in`, freshVisitor],
  ['/kiosk/%E0%A4%A/check-in', freshVisitor],
  ['/myrecord/deposits', () => patron],
  ['/myrecord/deposits/1', () => patron],
  ['/myrecord/deposits/abc', () => patron],
  ['/myrecord/deposits/1/file', () => patron],
  ['/myrecord/deposits/1/submit', () => patron],
  ['/staff/deposits/1', () => admin],
  ['/staff/deposits/abc', () => admin],
  ['/staff/deposits/1/claim', () => admin],
  ['/staff/deposits/1/decision', () => admin],
  ['/staff/deposits/abc/decision', () => admin],
  ['/staff/checkout', () => admin],
  ['/staff/checkin', () => admin],
  ['/staff/checkins/clear', () => admin],
  ['/staff/counter', () => admin],
  ['/staff/patrons/21000004/payment', () => admin],
  ['/staff/patrons/21000002/edit', () => admin],
  ['/staff/register', () => admin],
  ['/staff/patrons/21000001/pin/delete', () => admin],
  ['/staff/patrons/21000001/block/lift', () => admin],
  ['/staff/recommendations/1/status', () => admin],
  ['/staff/recommendations/status', () => admin],
  ['/staff/accounts', () => admin],
  ['/staff/accounts/counter/disable', () => admin],
  ['/staff/accounts/counter/enable', () => admin],
  ['/staff/accounts/counter/password', () => admin],
  ['/staff/accounts/counter/roles', () => admin],
  ['/staff/accounts/counter/suspension/lift', () => admin],
  ['/staff/accounts/counter/2fa/reset', () => admin],
  ['/staff/accounts/counter/email', () => admin],
  ['/staff/accounts/counter/roles', () => admin],
  ['/staff/patrons/%E0%A4%A/pin/delete', () => admin],
];

test('every POST route of the app is in the list above', () => {
  for (const route of listRoutes(portal.portal.app).filter((r) => r.method === 'POST')) {
    const pattern = new RegExp(`^${route.path.replace(/:\w+/g, '[^/]+')}$`);
    assert.ok(
      routes.some(([path]) => pattern.test(path.split('?')[0]!)),
      `POST ${route.path} is not tried: add it to the routes of this test`,
    );
  }
});

for (const [path, who] of routes) {
  test(`POST ${path}: never a 5xx, whatever the form`, async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(form, async ({ pairs, withToken }) => {
        const browser = await who();
        const answer = await browser.post(path, encode(pairs, withToken ? browser.csrf : null));
        seen.add(answer.status);
        assert.ok(answer.status < 500, `${answer.status} for ${encode(pairs, null).slice(0, 200)}`);
      }),
      { numRuns: 40 },
    );
    // The forms got past the CSRF check to the handler, not only refused at the door.
    assert.ok(
      [...seen].some((status) => status !== 403),
      `only ${[...seen].join()} seen`,
    );
  });
}

test('the server still answers, and the logged-in sessions survived', async () => {
  assert.equal((await fetch(`${portal.url}/healthz`)).status, 200);
  assert.equal((await admin.get('/staff')).status, 200);
});
