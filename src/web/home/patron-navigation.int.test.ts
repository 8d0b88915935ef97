/**
 * A patron is never lost. The masthead's myRecord leads each reader home, every
 * patron page has the menu (a list, and a <details> "Menu" for phones) with the page marked and
 * every service the patron's type may use, and
 * the home says when the record expires and, in a banner, what needs the patron now.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { registeredPatronIn, startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { addDays, libraryDateOf } from '../../domain/shared/library-date.js';
import { localizerFor, type Locale } from '../../messages/index.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
before(async () => {
  portal = await startTestPortal();
});
after(() => portal.close());

async function patronIn(locale: Locale = 'en', barcode = '21000004', pin = 'K7M2P9'): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  b.setCookie('myrecord.lang', locale);
  assert.equal((await b.logIn(barcode, pin)).status, 303);
  return b;
}

/** The masthead's home link, as written. */
const homeLink = (html: string) => /<a class="masthead__app" href="([^"]+)"[^>]*>myRecord<\/a>/.exec(html)?.[1];
/** Each copy of the patron's menu: its links, in order, and which one is marked as the page. */
function menus(html: string): Array<{ links: string[]; current: string[]; logout: boolean }> {
  return [...html.matchAll(/<ul class="patron-menu">([\s\S]*?)<\/ul>/g)].map(([, list]) => ({
    links: [...list!.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!),
    current: [...list!.matchAll(/<a href="([^"]+)" aria-current="page"/g)].map((m) => m[1]!),
    logout: /<form method="post" action="\/logout">[\s\S]*?<button type="submit" class="patron-menu__logout">Log out<\/button>/.test(list!),
  }));
}

describe('the masthead leads home', () => {
  test('to /myrecord for a patron, /staff for staff, /login for a visitor', async () => {
    const patron = await patronIn();
    assert.equal(homeLink((await patron.get('/myrecord/renew')).text), '/myrecord');
    assert.equal(homeLink((await patron.get('/catalogue?q=austen')).text), '/myrecord');
    const staff = new TestBrowser(portal.url);
    await staff.get('/staff/login');
    await staff.post('/staff/login', { username: DEMO_STAFF[1].username, password: DEMO_STAFF[1].password });
    assert.equal(homeLink((await staff.get('/staff/circulation')).text), '/staff');
    const visitor = new TestBrowser(portal.url);
    assert.equal(homeLink((await visitor.get('/pin/forgot')).text), '/login');
    assert.equal(homeLink((await visitor.get('/no/such/page')).text), '/login');
  });
});

describe('the patron menu', () => {
  const pages = [
    ['/myrecord', '/myrecord'],
    ['/myrecord/circulation', '/myrecord/circulation'],
    ['/myrecord/renew', '/myrecord/renew'],
    ['/catalogue?q=austen', '/catalogue'],
    ['/myrecord/recommendations', '/myrecord/recommendations'],
    ['/myrecord/ill', '/myrecord/ill'],
    ['/myrecord/deposits', '/myrecord/deposits'],
    ['/myrecord/bookings', '/myrecord/bookings'],
  ] as const;
  /** Home and the seven services, in the home's order. */
  const everything = [
    '/myrecord',
    '/myrecord/circulation',
    '/myrecord/renew',
    '/catalogue',
    '/myrecord/recommendations',
    '/myrecord/ill',
    '/myrecord/deposits',
    '/myrecord/bookings',
  ];
  for (const [path, marked] of pages) {
    test(`on ${path}: home, the seven services and log out, twice (a list and a phone menu), ${marked} marked`, async () => {
      const page = await (await patronIn()).get(path);
      assert.equal(page.status, 200);
      assert.match(page.text, /<nav class="patron-nav" aria-label="myRecord menu">/);
      assert.match(page.text, /<details class="patron-nav__narrow">\s*<summary>Menu<\/summary>/);
      const found = menus(page.text);
      assert.equal(found.length, 2);
      for (const menu of found) {
        assert.deepEqual(menu.links, everything);
        assert.deepEqual(menu.current, [marked]);
        assert.ok(menu.logout, 'log out');
      }
    });
  }

  test('on a catalogue record nothing is marked: no menu item is that page', async () => {
    const b = await patronIn();
    const record = prepare(portal.portal.db, "SELECT id FROM records WHERE title = 'Dracula'").pluck().get() as number;
    for (const menu of menus((await b.get(`/catalogue/${record}`)).text)) assert.deepEqual(menu.current, []);
  });

  test('in 繁體中文 the menu speaks Chinese', async () => {
    const page = await (await patronIn('zh-HK')).get('/myrecord');
    assert.match(page.text, /<summary>選單<\/summary>/);
    for (const words of ['主頁', '借閱紀錄', '續借圖書', '搜尋館藏目錄', '圖書薦購', '館際互借', '研究典藏', 'iBooking', '登出'])
      assert.ok(page.text.includes(`>${words}</`), words);
  });

  test('a service the patron type may not use is left out: no research archive for an undergraduate, and neither it nor interlibrary loans for alumni', async () => {
    const patronOf = (barcode: string, type: 'undergraduate' | 'alumni') =>
      registeredPatronIn(portal, { barcode, name: `Menu ${type}`, email: `m${barcode}@example.edu`, type, landing: '/myrecord' });
    const undergraduate = await patronOf('24000001', 'undergraduate');
    for (const menu of menus((await undergraduate.get('/myrecord/ill')).text))
      assert.deepEqual(
        menu.links,
        everything.filter((href) => href !== '/myrecord/deposits'),
      );
    const alumnus = await patronOf('24000002', 'alumni');
    for (const menu of menus((await alumnus.get('/myrecord')).text))
      assert.deepEqual(
        menu.links,
        everything.filter((href) => href !== '/myrecord/deposits' && href !== '/myrecord/ill'),
      );
  });

  test('a patron still on the default PIN has no menu (its pages are closed to him), only log-out', async () => {
    const page = await (await patronIn('en', '21000003', '110105')).get('/pin/modify');
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /patron-nav/);
    assert.match(page.text, /<form class="masthead__logout" method="post" action="\/logout">/);
  });
});

describe('the myRecord home', () => {
  test("shows when the record expires, in the reader's language", async () => {
    assert.match(
      (await (await patronIn()).get('/myrecord')).text,
      new RegExp(`<dt>Record expires</dt><dd>${localizerFor('en').formatDate('2031-06-30')}</dd>`),
    );
    assert.match(
      (await (await patronIn('zh-HK')).get('/myrecord')).text,
      new RegExp(`<dt>紀錄屆滿日</dt><dd>${localizerFor('zh-HK').formatDate('2031-06-30')}</dd>`),
    );
  });

  test('a banner (role=status, in words) says what is overdue and what is ready for pickup, each with a link to it', async () => {
    const before = (await (await patronIn()).get('/myrecord')).text;
    const banner = /<div class="banner" role="status">([\s\S]*?)<\/div>/.exec(before)?.[1] ?? '';
    assert.match(
      banner,
      /<strong>1 item is overdue: please return or renew it\.<\/strong> <a class="link" href="\/myrecord\/circulation#loans-title">See your loans<\/a>/,
    );
    assert.doesNotMatch(banner, /ready for pickup/);

    // Her request's copy comes onto the hold shelf.
    const now = portal.clock.now();
    prepare(
      portal.portal.db,
      "UPDATE requests SET status = 'ready', ready_at = ?, collect_by = ? WHERE patron_id = (SELECT id FROM patrons WHERE barcode = '21000004') AND status = 'waiting'",
    ).run(now, addDays(libraryDateOf(now), 7));
    const ready = (await (await patronIn()).get('/myrecord')).text;
    assert.match(
      ready,
      /<strong>1 book you requested is ready for pickup\.<\/strong> <a class="link" href="\/myrecord\/circulation#requests-title">See where and until when<\/a>/,
    );
    assert.match((await (await patronIn('zh-HK')).get('/myrecord')).text, /<strong>你預約的 1 本圖書可供領取。<\/strong>/);
    prepare(portal.portal.db, "UPDATE requests SET status = 'waiting', ready_at = NULL, collect_by = NULL WHERE status = 'ready'").run();
  });

  test('no banner when nothing is overdue or ready', async () => {
    // Ho Ka Yan chooses her PIN; her overdue "Kidnapped" is returned first.
    const item = prepare(
      portal.portal.db,
      "SELECT l.id FROM loans l JOIN copies c ON c.id = l.copy_id JOIN records r ON r.id = c.record_id WHERE r.title = 'Kidnapped' AND l.returned_at IS NULL",
    )
      .pluck()
      .get() as number;
    prepare(portal.portal.db, 'UPDATE loans SET returned_at = ? WHERE id = ?').run(portal.clock.now(), item);
    const b = await patronIn('en', '21000001', 'Z12345');
    await b.get('/pin/modify');
    assert.equal((await b.post('/pin/modify', { current_pin: 'Z12345', new_pin: 'q4w8e2r6', confirm_pin: 'q4w8e2r6' })).status, 303);
    const home = await b.get('/myrecord');
    assert.equal(home.status, 200);
    assert.doesNotMatch(home.text, /class="banner"/);
  });
});
