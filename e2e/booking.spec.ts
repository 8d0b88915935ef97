/**
 * iBooking in a real browser: a group room booked with two members invited, one of whom accepts
 * in his own browser (and only then does the booker see his name), seen as "yours", its .ics
 * downloaded (times that read right in Hong Kong), then cancelled; a no-show released by
 * housekeeping run at an injected time (the kiosk's check-in is in kiosk.spec.ts). Every page is
 * checked with axe, at desktop and phone width. The journeys register patrons of their own.
 */
import type { Browser, Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { choosePin, expect, expectNoAxeViolations, localeOf, logIn, registerPatron, test, wordsOf, type NewPatron } from './fixtures.js';
import { formattersFor } from '../src/messages/format.js';
import { addDays, libraryDateOf } from '../src/domain/shared/library-date.js';
import { momentOf, weekdayOf } from '../src/domain/booking/booking-time.js';

const PIN = 'b00k1ng7';

async function patronIn(browser: Browser, who: NewPatron): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await logIn(page, who.barcode, who.pin);
  await choosePin(page, who.pin, PIN);
  return page;
}

/** The first Monday-to-Friday from 3 days ahead (the demo's bookings fill the next two days), when the rooms open to 22:00. */
function weekdayAhead(): string {
  for (let days = 3; ; days++) {
    const date = addDays(libraryDateOf(Date.now()), days);
    if (weekdayOf(date) <= 5) return date;
  }
}

test('a group room with two members: invited, one accepts and is named, shown as yours, its .ics downloaded, then cancelled', async ({
  browser,
}) => {
  // Three patrons registered at the counter, each in a browser of its own, and axe at two widths on five pages.
  test.setTimeout(150_000);
  const booker = await registerPatron(browser, {
    barcode: '41200001',
    name: 'Ho Wing Sze',
    email: 'wing-sze.ho@example.edu',
    passport: 'K4120001',
  });
  const one = await registerPatron(browser, {
    barcode: '41200002',
    name: 'Tse Ka Ho',
    email: 'ka-ho.tse@example.edu',
    passport: 'K4120002',
  });
  const two = await registerPatron(browser, {
    barcode: '41200003',
    name: 'Yip Man Kit',
    email: 'man-kit.yip@example.edu',
    passport: 'K4120003',
  });
  const page = await patronIn(browser, booker);
  const t = await wordsOf(page);
  await page
    .locator('#main')
    .getByRole('link', { name: t('service.iBooking'), exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: t('booking.title') })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: t('booking.bookLink') }).click();
  const date = weekdayAhead();
  await page.goto(`/myrecord/bookings/day?date=${date}`);
  await expectNoAxeViolations(page);
  const room = 'Group Study Room 301';
  await page
    .getByRole('link', { name: t('booking.bookSlot', { facility: room, time: t('booking.timeSpan', { from: '19:00', to: '20:00' }) }) })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: t('booking.formTitle', { facility: room }) })).toBeVisible();
  await expect(page.getByText(t('booking.leftToday', { left: 4, allowed: 4 }))).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel(t('booking.field.slots')).selectOption('2');
  await page.getByLabel(t('booking.field.members')).fill(`${one.barcode} ${two.barcode}`);
  await page.getByRole('button', { name: t('booking.submit'), exact: true }).click();
  await expect(page).toHaveURL(/\/myrecord\/bookings$/);
  await expect(page.getByRole('status')).toContainText(room);
  // Invited, not yet accepted: only the ends of their barcodes, never their names.
  const invited = (who: NewPatron) => t('booking.memberState', { who: `…${who.barcode.slice(-4)}`, state: 'invited' });
  const { formatList } = formattersFor(await localeOf(page));
  await expect(page.getByText(formatList([invited(one), invited(two)]))).toBeVisible();
  await expect(page.getByText(one.name)).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The first member accepts in his own browser, from the "Invitations" section of his bookings.
  const member = await patronIn(browser, one);
  await member.goto('/myrecord/bookings');
  await expect(member.getByRole('heading', { level: 2, name: t('booking.invitations') })).toBeVisible();
  await expect(member.getByText(booker.name)).toBeVisible();
  await expectNoAxeViolations(member);
  await member.getByRole('button', { name: new RegExp(`^${t('booking.accept')}.*${room}`) }).click();
  await expect(member.getByRole('status')).toContainText(room);
  await expect(member.getByRole('heading', { level: 2, name: t('booking.invitations') })).toHaveCount(0);
  await member.context().close();
  await page.reload();
  await expect(page.getByText(formatList([t('booking.memberState', { who: one.name, state: 'accepted' }), invited(two)]))).toBeVisible();

  await page.goto(`/myrecord/bookings/day?date=${date}`);
  const slots = page.locator('section.facility', { has: page.getByRole('heading', { name: room }) }).locator('li.slot--yours');
  await expect(slots).toHaveCount(2);
  await expect(slots.first()).toContainText(t('booking.slot.yours'));

  await page.goto('/myrecord/bookings');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[href$=".ics"]').first().click()]);
  const ics = readFileSync(await download.path(), 'utf8');
  const stamp = /DTSTART:(\d{8}T\d{6}Z)/.exec(ics)![1]!;
  const start = Date.parse(
    `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:00Z`,
  );
  expect(start).toBe(momentOf(date, 19 * 60));

  // Its accessible name names the booking: "Cancel booking: Group Study Room 301, …"; it leads to a page that asks.
  await page
    .getByRole('link', { name: new RegExp(`^${t('booking.cancel')}.*${room}`) })
    .first()
    .click();
  await page.getByRole('button', { name: t('booking.cancelConfirm') }).click();
  await expect(page.getByRole('status')).toContainText(room);
  await expect(page.getByText(t('booking.noUpcoming'))).toBeVisible();
  await page.context().close();
});

test('a booking nobody checks in is released at housekeeping 10 minutes after its start, and counts as a no-show', async ({ browser }) => {
  test.setTimeout(60_000);
  const who = await registerPatron(browser, {
    barcode: '41200004',
    name: 'Kwok Hoi Yan',
    email: 'hoi-yan.kwok@example.edu',
    passport: 'K4120004',
  });
  const page = await patronIn(browser, who);
  const t = await wordsOf(page);
  const date = weekdayAhead();
  await page.goto(`/myrecord/bookings/day?date=${date}`);
  const pc = 'Computer PC-3B';
  await page
    .getByRole('link', { name: t('booking.bookSlot', { facility: pc, time: t('booking.timeSpan', { from: '09:00', to: '09:30' }) }) })
    .click();
  await page.getByRole('button', { name: t('booking.submit'), exact: true }).click();
  await expect(page).toHaveURL(/\/myrecord\/bookings$/);
  // Housekeeping, with its clock at 09:11 that day, on the server's database.
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/test-support/booking-housekeeping-process.ts'], {
    env: {
      ...process.env,
      DATABASE_FILE: process.env.MYRECORD_E2E_DB!,
      MAIL_OUTBOX_DIR: join(dirname(process.env.MYRECORD_E2E_DB!), 'outbox'),
      HOUSEKEEPING_AT: String(momentOf(date, 9 * 60 + 11)),
    },
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  expect(Number(run.stdout.trim())).toBeGreaterThanOrEqual(1);
  await page.reload();
  await expect(page.getByText(t('booking.status.no_show'))).toBeVisible();
  await page.goto(`/myrecord/bookings/day?date=${date}`);
  const slot = page
    .locator('section.facility', { has: page.getByRole('heading', { name: pc }) })
    .locator('li.slot', { hasText: t('booking.timeSpan', { from: '09:00', to: '09:30' }) });
  await expect(slot).toHaveClass(/slot--free/);
  await page.context().close();
});
