/**
 * A facility's kiosk in a real browser: facilities staff make a kiosk link on the facility's page,
 * and a visitor with no session at all opens it, sees the day with the booker by initials only,
 * and checks the booking in with barcode and PIN. Every page is checked with axe, at desktop and
 * phone width. The journey registers a patron of its own.
 */
import Database from 'better-sqlite3';
import { expect, expectNoAxeViolations, registerPatron, staffLogIn, test, wordsOf } from './fixtures.js';
import { DEMO_STAFF } from '../src/demo/demo-staff.js';
import { libraryDateOf } from '../src/domain/shared/library-date.js';
import { clockTimeOf } from '../src/domain/booking/booking-time.js';

const FACILITY = 'Computer PC-4A';

test('facilities staff make a kiosk link; a visitor with no session sees initials only and checks a booking in with barcode and PIN', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const who = await registerPatron(browser, {
    barcode: '41200005',
    name: 'Mak Tsz Ching',
    email: 'tsz-ching.mak@example.edu',
    passport: 'K4120005',
  });
  // A booking that started two minutes ago (as if made earlier): the server runs on the real clock.
  const file = process.env.MYRECORD_E2E_DB;
  if (!file) throw new Error("MYRECORD_E2E_DB is not set: the journey needs its server's database");
  const handle = new Database(file);
  handle.pragma('busy_timeout = 5000');
  const patronId = handle.prepare('SELECT id FROM patrons WHERE barcode = ?').pluck().get(who.barcode) as number;
  const facility = handle.prepare('SELECT id FROM facilities WHERE name = ?').pluck().get(FACILITY) as number;
  const startsAt = Date.now() - 2 * 60_000;
  const endsAt = startsAt + 30 * 60_000;
  const id = Number(
    handle
      .prepare(
        'INSERT INTO bookings (patron_id, facility_id, date, starts_at, ends_at, slots, status_at, created_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)',
      )
      .run(patronId, facility, libraryDateOf(startsAt), startsAt, endsAt, startsAt, startsAt).lastInsertRowid,
  );
  handle.prepare('INSERT INTO booked_slots (facility_id, slot_start, booking_id) VALUES (?, ?, ?)').run(facility, startsAt, id);
  handle.close();

  // Staff: the facility's page, "Make a kiosk link", the link read off the page that shows it once.
  const desk = DEMO_STAFF.find((m) => m.username === 'facilities')!;
  const staffPage = await (await browser.newContext()).newPage();
  await staffLogIn(staffPage, desk.username, desk.password);
  const st = await wordsOf(staffPage);
  await staffPage
    .getByRole('navigation', { name: st('staff.nav.label') })
    .getByRole('link', { name: st('staff.nav.facilities') })
    .click();
  await staffPage.getByRole('link', { name: st('staffFacility.editNamed', { name: FACILITY }) }).click();
  await expectNoAxeViolations(staffPage);
  await staffPage.getByRole('button', { name: st('staffFacility.makeKiosk') }).click();
  await expect(staffPage.getByRole('status')).toContainText(st('staffFacility.kioskMade', { name: FACILITY }));
  const link = await staffPage.locator('.kiosk-link a').getAttribute('href');
  expect(link).toMatch(/\/kiosk\/[A-Za-z0-9_-]{43}$/);
  await expectNoAxeViolations(staffPage);
  await staffPage.context().close();

  // A visitor: a browser with no session of any kind.
  const kiosk = await (await browser.newContext()).newPage();
  await kiosk.goto(new URL(link!).pathname);
  const t = await wordsOf(kiosk);
  await expect(kiosk.getByRole('heading', { level: 1, name: t('kiosk.title', { facility: FACILITY }) })).toBeVisible();
  await expect(kiosk.getByText(t('kiosk.bookedBy', { initials: 'MTC' }))).toBeVisible();
  const text = await kiosk.locator('main').innerText();
  for (const secret of [who.barcode, who.name, 'Mak', 'Tsz Ching']) expect(text).not.toContain(secret);
  await expect(kiosk.locator('a[href^="/staff"], form[action^="/staff"]')).toHaveCount(0);
  await expectNoAxeViolations(kiosk);

  await kiosk.getByLabel(t('login.barcode')).fill(who.barcode);
  await kiosk.getByLabel(t('login.pin'), { exact: true }).fill(who.pin);
  await kiosk.getByRole('button', { name: t('kiosk.submit') }).click();
  await expect(kiosk.getByRole('status')).toHaveText(
    t('kiosk.checkedIn', { facility: FACILITY, from: clockTimeOf(startsAt), to: clockTimeOf(endsAt) }),
  );
  await expect(kiosk.getByText(t('kiosk.state.checked_in'), { exact: true })).toBeVisible();
  await expect(kiosk.getByLabel(t('login.barcode'))).toHaveValue('');
  await expectNoAxeViolations(kiosk);
  // A phone (390 px) and a wall screen (1920 px): the page never scrolls sideways.
  for (const width of [390, 1920]) {
    await kiosk.setViewportSize({ width, height: 900 });
    expect(await kiosk.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  }
  await kiosk.context().close();
});
