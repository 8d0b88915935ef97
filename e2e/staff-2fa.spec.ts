/**
 * Staff two-step sign-in in a real browser (issue 14): an admin turns it on with a code computed
 * from the key shown on the page (as an authenticator app would), keeps the recovery codes, logs out,
 * and logs in with password and code. At the end the admin resets the second factor again on the
 * accounts page, so that the journeys after this one still log in as admin in one step.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import * as OTPAuth from 'otpauth';
import { expectNoAxeViolations, staffLogIn, wordsOf } from './fixtures.js';
import { DEMO_STAFF } from '../src/demo/demo-staff.js';

const admin = DEMO_STAFF.find((m) => m.username === 'admin')!;

/** The server's time: the system clock plus what an earlier journey may have left in CLOCK_OFFSET_FILE. */
function serverNow(): number {
  try {
    return Date.now() + (Number.parseInt(readFileSync(join(dirname(process.env.MYRECORD_E2E_DB!), 'clock-offset-ms'), 'utf8'), 10) || 0);
  } catch {
    return Date.now();
  }
}

/** A code the app would show now, and not one of the step just used (a code is accepted once). */
async function freshCode(secret: string, used: Set<number>): Promise<string> {
  for (;;) {
    const step = Math.floor(serverNow() / 30_000);
    if (!used.has(step)) {
      used.add(step);
      return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: serverNow() });
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function logOut(page: Page) {
  const t = await wordsOf(page);
  await page.getByRole('button', { name: t('staff.logout') }).click();
}

test('an admin turns on two-step sign-in, logs out, and logs in with password and code', async ({ page }) => {
  await staffLogIn(page, admin.username, admin.password);
  const t = await wordsOf(page);
  await page.getByRole('navigation', { name: t('staff.nav.label') }).getByRole('link', { name: t('staff.twoFactor.homeLink') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('staff.twoFactor.enrolTitle') })).toBeVisible();
  await expect(page.getByRole('img', { name: t('staff.twoFactor.qrAlt') })).toBeVisible();
  await expectNoAxeViolations(page);
  const secret = (await page.locator('#totp-secret').innerText()).replace(/\s/g, '');
  const used = new Set<number>();

  await page.getByLabel(t('staff.twoFactor.appCode')).fill(await freshCode(secret, used));
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
  await page.getByLabel(t('staff.twoFactor.code'), { exact: true }).fill('000000' === (await freshCode(secret, new Set())) ? '111111' : '000000');
  await page.getByRole('button', { name: t('staff.twoFactor.continue') }).click();
  await expect(page.getByRole('alert')).toContainText(t('staff.twoFactor.codeIncorrect'));
  await expectNoAxeViolations(page);
  await page.getByLabel(t('staff.twoFactor.code'), { exact: true }).fill(await freshCode(secret, used));
  await page.getByRole('button', { name: t('staff.twoFactor.continue') }).click();
  await expect(page).toHaveURL(/\/staff$/);

  // The accounts page shows it on; the admin resets it, as for a colleague who lost a phone.
  await page.goto('/staff/accounts');
  await expect(page.getByRole('button', { name: t('staff.twoFactor.reset', { username: admin.username }) })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: t('staff.twoFactor.reset', { username: admin.username }) }).click();
  await expect(page.getByRole('status')).toHaveText(t('staff.twoFactor.resetDone', { username: admin.username }));
});
