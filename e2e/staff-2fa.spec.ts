/**
 * Staff two-step sign-in in a real browser: an admin turns it on with a code computed
 * from the key shown on the page (as an authenticator app would), keeps the recovery codes, logs out,
 * and logs in with password and code, then opens the security page while a spraying attack runs.
 * A code is accepted once per 30-second step: rather than wait for the next step, the journey moves
 * the server's clock on by one (CLOCK_OFFSET_FILE), and puts it back at the end.
 * At the end the admin resets the second factor again on the accounts page, so that the journeys
 * after this one still log in as admin in one step.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import * as OTPAuth from 'otpauth';
import {
  expect,
  expectNoAxeViolations,
  serverClockOffset,
  serverNow,
  setServerClockOffset,
  staffLogIn,
  test,
  wordsOf,
} from './fixtures.js';
import { DEMO_STAFF } from '../src/demo/demo-staff.js';

const admin = DEMO_STAFF.find((m) => m.username === 'admin')!;
/** A TOTP step (RFC 6238, as src/services/second-factor-service.ts): a new code every 30 s. */
const STEP_MS = 30_000;
const totp = (secret: string) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), period: STEP_MS / 1000 });

/**
 * A code the app would show at the server's time, and not of a step already used (a code is accepted
 * once): where the next step would be waited for, the server's clock is moved on by one step instead.
 */
function freshCode(secret: string, used: Set<number>): string {
  if (used.has(Math.floor(serverNow() / STEP_MS))) setServerClockOffset(serverClockOffset() + STEP_MS);
  const timestamp = serverNow();
  used.add(Math.floor(timestamp / STEP_MS));
  return totp(secret).generate({ timestamp });
}

/** A code that is wrong at the server's time: none of the steps it accepts (the one before, now, the one after). */
function wrongCode(secret: string): string {
  const timestamp = serverNow();
  const right = new Set([-1, 0, 1].map((step) => totp(secret).generate({ timestamp: timestamp + step * STEP_MS })));
  return ['000000', '111111', '222222', '333333'].find((code) => !right.has(code))!;
}

/** An attacker's wrong PIN on one barcode, from an address of its own (X-Forwarded-For, believed from loopback). */
async function sprayOnce(request: APIRequestContext, barcode: string, address: string): Promise<number> {
  const headers = { 'x-forwarded-for': address };
  const form = await (await request.get('/login', { headers })).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(form)![1]!;
  return (await request.post('/login', { headers, form: { _csrf: token, barcode, pin: 'WRONG9' }, maxRedirects: 0 })).status();
}

async function logOut(page: Page) {
  const t = await wordsOf(page);
  await page.getByRole('button', { name: t('staff.logout') }).click();
}

test('an admin turns on two-step sign-in, logs out, logs in with password and code, and watches an attack', async ({ page, request }) => {
  // The server's clock is moved on by a step where a code of a new step is needed; put back at the end, for the journeys after this one.
  const offsetBefore = serverClockOffset();
  try {
    await staffLogIn(page, admin.username, admin.password);
    const t = await wordsOf(page);
    await page
      .getByRole('navigation', { name: t('staff.nav.label') })
      .getByRole('link', { name: t('staff.twoFactor.homeLink') })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: t('staff.twoFactor.enrolTitle') })).toBeVisible();
    await expect(page.getByRole('img', { name: t('staff.twoFactor.qrAlt') })).toBeVisible();
    await expectNoAxeViolations(page);
    const secret = (await page.locator('#totp-secret').innerText()).replace(/\s/g, '');
    const used = new Set<number>();

    await page.getByLabel(t('staff.twoFactor.appCode')).fill(freshCode(secret, used));
    await page.getByRole('button', { name: t('staff.twoFactor.turnOn') }).click();
    await expect(page.getByRole('heading', { level: 1, name: t('staff.twoFactor.codesTitle') })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText(t('staff.twoFactor.turnedOn'));
    await expect(page.getByRole('list', { name: t('staff.twoFactor.codesTitle') }).getByRole('listitem')).toHaveCount(10);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: t('staff.twoFactor.codesDone') }).click();
    await expect(page).toHaveURL(/\/staff$/);

    await logOut(page);
    await page.goto('/staff/login');
    await page.getByLabel(t('staff.login.username')).fill(admin.username);
    await page.getByLabel(t('staff.login.password')).fill(admin.password);
    await page.getByRole('button', { name: t('staff.login.submit') }).click();
    await expect(page).toHaveURL(/\/staff\/login\/2fa$/);
    await expect(page.getByRole('heading', { level: 1, name: t('staff.twoFactor.loginTitle') })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel(t('staff.twoFactor.code'), { exact: true }).fill(wrongCode(secret));
    await page.getByRole('button', { name: t('staff.twoFactor.continue') }).click();
    await expect(page.getByRole('alert')).toContainText(t('staff.twoFactor.codeIncorrect'));
    await expectNoAxeViolations(page);
    await page.getByLabel(t('staff.twoFactor.code'), { exact: true }).fill(freshCode(secret, used));
    await page.getByRole('button', { name: t('staff.twoFactor.continue') }).click();
    await expect(page).toHaveURL(/\/staff$/);

    // A spray: one wrong PIN on each of 30 barcodes nobody has, from six addresses; the page shows it.
    for (let i = 0; i < 30; i++)
      expect(await sprayOnce(request, `2970${String(i).padStart(4, '0')}`, `203.0.113.${10 + (i % 6)}`)).toBe(401);
    await page
      .getByRole('navigation', { name: t('staff.nav.label') })
      .getByRole('link', { name: t('staff.nav.security') })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: t('staff.security.title') })).toBeVisible();
    const failures = Number(
      (
        await page
          .locator('dt', { hasText: t('staff.security.failures') })
          .locator('+ dd')
          .innerText()
      ).replace(/\D/g, ''),
    );
    expect(failures).toBeGreaterThanOrEqual(30);
    await expect(page.getByRole('img', { name: new RegExp(t('staff.security.chartPerMinute')) })).toBeVisible();
    await expect(page.getByRole('cell', { name: '203.0.113.10', exact: true })).toBeVisible();
    await page.getByText(t('staff.security.tableTitle')).click();
    await expect(page.getByRole('region', { name: t('staff.security.tableTitle') })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: t('staff.security.period.week') }).click();
    await expect(page.getByRole('img', { name: new RegExp(t('staff.security.chartPerHour')) })).toBeVisible();
    await expectNoAxeViolations(page);

    // The accounts page shows it on; the admin resets it, as for a colleague who lost a phone.
    await page.goto('/staff/accounts');
    await expect(page.getByRole('button', { name: t('staff.twoFactor.reset', { username: admin.username }) })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: t('staff.twoFactor.reset', { username: admin.username }) }).click();
    await expect(page.getByRole('status')).toHaveText(t('staff.twoFactor.resetDone', { username: admin.username }));
  } finally {
    setServerClockOffset(offsetBefore);
  }
});
