/**
 * Property-based: every GET route, read from the running app, gets hostile query strings and
 * path parameters (huge numbers, exponents, Infinity, NaN, negatives, repeated and nested
 * names, malformed percent-encoding, non-ASCII, long values). Whatever arrives, never a 5xx.
 *
 * One visitor per test file (an anonymous visitor, a patron, a member of counter staff, an
 * admin), each on a portal of its own: the four then run side by side instead of one after another.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startTestPortal, TestBrowser, type TestPortal } from './test-portal.js';
import { listRoutes } from './route-list.js';
import { DEMO_STAFF } from '../demo/demo-staff.js';

export type Visitor = 'anonymous' | 'patron' | 'counter' | 'admin';

/** Where each visitor is shown when logged in: their session surviving the property shows it ran as them. */
const HOME: Record<Visitor, string> = { anonymous: '/login', patron: '/myrecord', counter: '/staff', admin: '/staff/audit' };

async function browserOf(portal: TestPortal, who: Visitor): Promise<TestBrowser> {
  const browser = new TestBrowser(portal.url);
  if (who === 'patron') {
    // 21000004 has chosen a PIN: every patron page is open to him.
    assert.equal((await browser.logIn('21000004', 'K7M2P9')).status, 303);
  } else if (who !== 'anonymous') {
    const member = who === 'admin' ? DEMO_STAFF[0] : DEMO_STAFF[1];
    await browser.get('/staff/login');
    assert.equal((await browser.post('/staff/login', { username: member.username, password: member.password })).status, 303);
  }
  return browser;
}

const numberLike = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '1e20',
      '1E308',
      '1e-7',
      'Infinity',
      '-Infinity',
      'NaN',
      '-1',
      '0',
      '-0',
      '1.5',
      '0x10',
      '0b1',
      '+1',
      ' 1',
      '1 ',
      '1,000',
      '9007199254740993',
      '18446744073709551616',
      '1e400',
      '١٢٣',
      '１２',
      '1'.repeat(400),
    ),
  },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);
const text = fc.oneof(
  numberLike,
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('', ' ', '\u0000', '%', '&', '=', '#', '/', '..', '<script>', "' OR 1=1 --", '21000004', 'admin', 'the'),
  fc.nat(3000).map((n) => 'x'.repeat(n)),
);
/** Names the portal reads (q, page, before, patron, staff), others, and the bracket forms a parser might nest. */
const queryName = fc.oneof(
  fc.constantFrom('q', 'page', 'before', 'patron', 'staff', 'id', 'kind', 'date', 'status', 'sort', 'period', '__proto__', 'constructor'),
  fc.constantFrom('q', 'page', 'before').chain((name) => fc.constantFrom(`${name}[]`, `${name}[a]`, `${name}[a][b]`, `${name}.x`)),
  fc.string({ maxLength: 8 }),
);
/** Written as is, not encoded: what URLSearchParams would never produce. */
const rawTail = fc.constantFrom(
  '',
  '',
  '',
  '',
  '&page=%',
  '&q=%E0%A4%A',
  '&=',
  '&&',
  '&page',
  '&page=1&page=2',
  '&before=5&before=6',
  '&page[b]=1',
  '&q=%00',
);
const rawSegment = fc.constantFrom('%E0%A4%A', '%', '%00', '%2F', '..%2F..', '%C0%AE');

/** Often a query that finds something, so that paging and the rest are reached. */
const start = fc.constantFrom('q=the&', 'q=a&', 'q=the&patron=21000004&', 'patron=21000004&', '');

const request = fc.record({
  start,
  // Each number the portal reads (page, before), or a future one (id), most often present once.
  numbers: fc.record({ page: fc.option(numberLike), before: fc.option(numberLike), id: fc.option(numberLike) }),
  pairs: fc.array(fc.tuple(queryName, text), { maxLength: 5 }),
  tail: rawTail,
  params: fc.array(fc.oneof(numberLike.map(encodeURIComponent), text.map(encodeURIComponent), rawSegment), { minLength: 3, maxLength: 3 }),
});

function pathWith(route: string, params: string[]): string {
  let i = 0;
  // An empty segment would be another route, not a hostile parameter.
  return route.replace(/:\w+/g, () => params[i++] || '0');
}

/**
 * The property for one visitor, on a portal of its own: every GET route, hostile requests, never a
 * 5xx; then the visitor's session is still theirs. `more` adds tests that use the same portal.
 */
export function hostileQueriesAs(
  who: Visitor,
  more?: (context: { portal: () => TestPortal; browser: () => TestBrowser; getRoutes: () => string[] }) => void,
): void {
  let portal: TestPortal;
  let browser: TestBrowser;
  let getRoutes: string[] = [];

  before(async () => {
    portal = await startTestPortal();
    browser = await browserOf(portal, who);
    getRoutes = listRoutes(portal.portal.app)
      .filter((r) => r.method === 'GET')
      .map((r) => r.path);
  });
  after(() => portal.close());

  more?.({ portal: () => portal, browser: () => browser, getRoutes: () => getRoutes });

  test(`every GET route as ${who}: never a 5xx, whatever the query string and path`, async (t) => {
    for (const route of getRoutes) {
      await t.test(`GET ${route} as ${who}`, async () => {
        await fc.assert(
          fc.asyncProperty(request, async ({ start, numbers, pairs, tail, params }) => {
            const given = Object.entries(numbers).filter((pair): pair is [string, string] => pair[1] !== null);
            const query = start + new URLSearchParams([...given, ...pairs]).toString() + tail;
            const path = `${pathWith(route, params)}?${query}`;
            const answer = await browser.get(path);
            assert.ok(answer.status < 500, `${answer.status} for ${who}: GET ${path.slice(0, 300)}`);
          }),
          { numRuns: 60 },
        );
      });
    }
  });

  if (who !== 'anonymous') {
    test(`the session survived: the property ran as ${who}, not as a stranger`, async () => {
      assert.equal((await browser.get(HOME[who])).status, 200);
    });
  }
}
