/**
 * Registering a patron at the counter, over HTTP as the counter's browser speaks it: what cannot be
 * a barcode or an ID number is refused in words for staff (in either language), a wrong HKID check
 * digit only warns, and login attempts typed before the barcode existed are not the new patron's.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { asShown as shown } from '../../test-support/escaped-html.js';
import { staffSignedIn } from '../../test-support/staff-browser.js';
import { t, translator } from '../../messages/index.js';
import { prepare } from '../../test-support/raw-sql.js';
import { counterRegistration as register } from '../../test-support/counter-registration.js';

let portal: TestPortal;
before(async () => {
  portal = await startTestPortal();
});
after(() => portal.close());

const [admin, counterStaff] = DEMO_STAFF;
const staffBrowser = (member: { username: string; password: string } = counterStaff) => staffSignedIn(portal, member);

const patronCount = () => prepare(portal.portal.db, 'SELECT COUNT(*) FROM patrons').pluck().get() as number;
const rowOf = (barcode: string) =>
  prepare(portal.portal.db, 'SELECT * FROM patrons WHERE barcode = ?').get(barcode) as Record<string, unknown>;

describe('registering at the counter', () => {
  test('barcode ABC with HKID "nonsense" is refused with 422, each in words for staff next to its field, and nothing is registered', async () => {
    const b = await staffBrowser();
    const before = patronCount();
    const answer = await register(b, { barcode: 'ABC', name: 'Chan Siu Ming', hkid: 'nonsense' });
    assert.equal(answer.status, 422);
    assert.match(answer.text, /role="alert"/);
    assert.ok(answer.text.includes(shown(t('staff.register.problem.BARCODE_NO_DIGIT'))), 'the barcode refusal');
    assert.ok(answer.text.includes(shown(t('staff.register.problem.HKID_MALFORMED'))), 'the HKID refusal');
    assert.match(answer.text, /<input id="barcode"[^>]*aria-invalid="true"/);
    assert.match(answer.text, /<input id="hkid"[^>]*aria-invalid="true"/);
    // Kept in its box for the clerk to correct (only in this answer: the page is never stored).
    assert.match(answer.text, /<input id="hkid" name="hkid" type="text" value="nonsense"/, 'the ID number typed stays in its box');
    assert.equal(patronCount(), before);
  });

  test('a passport or Mainland ID number that cannot be one is refused in its own words', async () => {
    const b = await staffBrowser();
    const passport = await register(b, { barcode: '22000101', name: 'Lee Mei', passport: 'XY-12' });
    assert.equal(passport.status, 422);
    assert.ok(passport.text.includes(shown(t('staff.register.problem.PASSPORT_MALFORMED'))), 'the passport refusal');
    const mainland = await register(b, { barcode: '22000101', name: 'Lee Mei', mainland_id: '1101051949123100' });
    assert.equal(mainland.status, 422);
    assert.ok(mainland.text.includes(shown(t('staff.register.problem.MAINLAND_ID_MALFORMED'))), 'the Mainland ID refusal');
    assert.equal(rowOf('22000101'), undefined);
  });

  test('the same refusals read in 繁體中文 for a member of staff who reads Chinese', async () => {
    const b = await staffBrowser(admin);
    await b.post('/language', { lang: 'zh-HK', next: '/staff/register' });
    const answer = await register(b, { barcode: 'ABC', name: 'Chan Siu Ming', hkid: 'nonsense' });
    assert.equal(answer.status, 422);
    const zh = translator('zh-HK');
    assert.ok(answer.text.includes(shown(zh('staff.register.problem.BARCODE_NO_DIGIT'))), 'barcode in Chinese');
    assert.ok(answer.text.includes(shown(zh('staff.register.problem.HKID_MALFORMED'))), 'HKID in Chinese');
    // The choice is kept on the admin's record: back to English for the tests that follow.
    await b.post('/language', { lang: 'en', next: '/staff' });
  });

  test('a wrong HKID check digit registers the patron and is shown as a warning, not an error', async () => {
    const b = await staffBrowser();
    const done = await register(b, { barcode: '22000102', name: 'Ho Ka Yan', hkid: 'Z123456(7)' });
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), '/staff/patrons/22000102');
    const page = await b.get('/staff/patrons/22000102');
    assert.ok(
      page.text.includes(`<p class="notice notice--warning" role="status">${shown(t('staff.register.hkidWarning'))}</p>`),
      'the warning, shown as a warning',
    );
    assert.doesNotMatch(page.text, /role="alert"/);
    assert.equal((await new TestBrowser(portal.url).logIn('22000102', 'Z12345')).headers.get('location'), '/pin/modify');
  });

  test("login attempts typed for a barcode before it was registered are not on the new patron's record, nor do they block him", async () => {
    const stranger = new TestBrowser(portal.url);
    for (let i = 0; i < 5; i++) assert.equal((await stranger.logIn('22000103', `WRONG${i}`)).status, 401);
    assert.equal((await stranger.logIn('22000103', 'WRONG9')).status, 429, 'the unknown barcode is blocked like any other');
    portal.clock.advance(1000);

    const b = await staffBrowser();
    assert.equal((await register(b, { barcode: '22000103', name: 'Wong Ka Ho', hkid: 'A123456(3)' })).status, 303);
    const page = await b.get('/staff/patrons/22000103');
    assert.ok(page.text.includes(shown(t('staff.patron.noAttempts'))), 'no attempts listed');
    assert.match(page.text, /<dt>Blocked now<\/dt><dd class="">\s*No\s*<\/dd>/, "the block of the stranger's failures is not his");

    portal.clock.advance(1000);
    assert.equal((await new TestBrowser(portal.url).logIn('22000103', 'WRONG1')).status, 401);
    const after = await b.get('/staff/patrons/22000103');
    assert.equal(
      (after.text.match(new RegExp(t('staff.outcome.failure'), 'g')) ?? []).length,
      1,
      'only the failure after registration is listed',
    );
    assert.equal((await new TestBrowser(portal.url).logIn('22000103', 'A12345')).headers.get('location'), '/pin/modify');
  });
});
