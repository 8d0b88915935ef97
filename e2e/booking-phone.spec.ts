/**
 * iBooking on a phone (390 px), in both languages, with the server's clock at 21:30 in Hong Kong:
 * the day view lists only what is not yet over, so it stays short, and its date buttons name their
 * weekdays; Wong Siu Ling (a demo patron) joins Maria Santos's group booking and sees it as a
 * member (who booked it, her own actions, a refusal that offers leaving rather than a Cancel she
 * does not have); and cancelling her own booking asks first, done from the keyboard.
 */
import { addDays, libraryDateOf } from '../src/domain/shared/library-date.js';
import { momentOf, weekdayOf } from '../src/domain/booking/booking-time.js';
import { LOCALE_INFO, LOCALES } from '../src/domain/shared/locale.js';
import { localizerFor } from '../src/messages/index.js';
import { chooseLanguage, demoPatron, expect, expectNoAxeViolations, logIn, setServerClockOffset, test, wordsOf } from './fixtures.js';

const PHONE = { width: 390, height: 844 };

test('on a phone in both languages: a short evening day view with weekdays, a member’s own view of a group booking, and cancelling that asks first', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const today = libraryDateOf(Date.now());
  // 21:30 today in Hong Kong: most of the day's slots are over. Set before logging in, so the session starts on that clock.
  setServerClockOffset(momentOf(today, 21 * 60 + 30) - Date.now());
  const context = await browser.newContext({ viewport: PHONE });
  try {
    const page = await context.newPage();
    const wong = demoPatron('21000004');
    const booker = demoPatron('21000002');
    await logIn(page, wong.barcode, wong.pin);
    // The demo's group bookings are 1 and 2 days ahead; the rooms close on Sundays, so the first of those days they open.
    const date = weekdayOf(addDays(today, 1)) === 7 ? addDays(today, 2) : addDays(today, 1);
    const span = (t: Awaited<ReturnType<typeof wordsOf>>, from: string, to: string) => t('booking.timeSpan', { from, to });

    for (const locale of LOCALES) {
      await chooseLanguage(page, locale);
      const t = await wordsOf(page);

      // Today's day view in the evening: no slot that is over, at most two screens per facility, weekdays on the dates.
      await page.goto('/myrecord/bookings/day');
      const facilities = await page.locator('section.facility').count();
      expect(facilities).toBeGreaterThan(0);
      const times = await page.locator('.slot__time').allInnerTexts();
      // Each slot's end (its last HH:MM, "21:30–22:00" or "21:30至22:00") is after 21:30.
      for (const time of times) expect(time.match(/\d\d:\d\d/g)!.at(-1)! > '21:30', `${time} is over at 21:30`).toBe(true);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      expect(height / facilities, `${height} px for ${facilities} facilities`).toBeLessThanOrEqual(2 * PHONE.height);
      const weekday = new Intl.DateTimeFormat(LOCALE_INFO[locale].intl, { weekday: 'short', timeZone: 'UTC' });
      const dateLinks = page.getByRole('navigation', { name: t('booking.datesLabel') }).getByRole('link');
      const texts = await dateLinks.allInnerTexts();
      expect(texts.length).toBeGreaterThan(1);
      texts.forEach((text, i) => expect(text).toContain(weekday.format(new Date(`${addDays(today, i)}T00:00:00Z`))));
      await expectNoAxeViolations(page);

      // A member of Maria Santos's booking: she accepts (once), then her card names the booker and offers Leave, not Cancel.
      await page.goto('/myrecord/bookings');
      const room = 'Group Study Room 302';
      const dateText = localizerFor(locale).formatDate(date);
      const named = { facility: room, date: dateText, time: span(t, '10:00', '11:00') };
      if (locale === 'en') await page.getByRole('button', { name: t('booking.acceptNamed', named) }).click();
      const card = page.locator('section.request-card', { has: page.getByRole('heading', { name: t('booking.cardTitle', named) }) });
      await expect(card).toHaveCount(1);
      await expect(card.getByRole('definition').filter({ hasText: booker.name })).toBeVisible();
      await expect(card.getByRole('listitem').first()).toContainText(
        t('booking.historyStep', { status: 'booked', by: 'patron', reader: 'member', booker: booker.name }),
      );
      await expect(card).not.toContainText(t('booking.historyStep', { status: 'booked', by: 'patron', reader: 'patron' }));
      await expect(card).not.toContainText(booker.barcode);
      await expect(card.getByText(t('booking.memberNote', { booker: booker.name }))).toBeVisible();
      await expect(card.getByRole('button', { name: new RegExp(`^${t('booking.leave')}`) })).toBeVisible();
      await expect(card.getByRole('link', { name: new RegExp(`^${t('booking.cancel')}`) })).toHaveCount(0);
      await expectNoAxeViolations(page);

      // Booking a computer while she is in that room: the refusal tells her to leave that booking, which she can.
      await page.goto(`/myrecord/bookings/day?date=${date}`);
      await page
        .getByRole('link', { name: t('booking.bookSlot', { facility: 'Computer PC-3B', time: span(t, '10:00', '10:30') }) })
        .click();
      await page.getByRole('button', { name: t('booking.submit'), exact: true }).click();
      await expect(page.getByRole('alert')).toContainText(t('booking.notBooked'));
      const overlap = { facility: room, from: '10:00', to: '11:00' };
      await expect(page.locator('#start')).toContainText(t('booking.rule.OVERLAP', { ...overlap, asMember: 'yes' }));
      await expect(page.locator('main')).not.toContainText(t('booking.rule.OVERLAP', { ...overlap, asMember: 'no' }));

      // Her own booking of room 301: Cancel leads to a page that asks. In English she keeps it; in Chinese she cancels, by keyboard.
      await page.goto('/myrecord/bookings');
      const ownNamed = { facility: 'Group Study Room 301', date: dateText, time: span(t, '14:00', '16:00') };
      const own = page.locator('section.request-card', { has: page.getByRole('heading', { name: t('booking.cardTitle', ownNamed) }) });
      await own.getByRole('link', { name: new RegExp(`^${t('booking.cancel')}`) }).focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('booking.cancelQuestion', ownNamed));
      await expect(page.getByText(t('booking.cancelConsequence'))).toBeVisible();
      await expectNoAxeViolations(page);
      if (locale === 'en') {
        await page.getByRole('link', { name: t('booking.cancelKeep') }).click();
        await expect(page).toHaveURL(/\/myrecord\/bookings#booking-\d+$/);
        await expect(own.getByRole('link', { name: new RegExp(`^${t('booking.cancel')}`) })).toBeVisible();
      } else {
        await page.getByRole('button', { name: t('booking.cancelConfirm') }).focus();
        await page.keyboard.press('Enter');
        await expect(page.getByRole('status')).toContainText('Group Study Room 301');
        // Cancelled: among the past and cancelled ones, with no calendar file offered.
        const cancelled = page.locator('section[aria-labelledby="past-title"] section.request-card', {
          has: page.getByRole('heading', { name: t('booking.cardTitle', ownNamed) }),
        });
        await expect(cancelled).toBeVisible();
        await expect(cancelled.locator('a[href$=".ics"]')).toHaveCount(0);
      }
    }
    await chooseLanguage(page, 'en');
  } finally {
    setServerClockOffset(0);
    await context.close();
  }
});
