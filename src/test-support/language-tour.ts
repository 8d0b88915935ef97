/**
 * A tour of the portal's pages in one language: the real HTTP app with its mail going to an SMTP
 * server in the test, browsers that ask for the language (Accept-Language) or chose it with the
 * switch (the cookie), and a check that a page is in that language throughout (page-language.ts).
 */
import assert from 'node:assert/strict';
import { DEMO_STAFF } from '../demo/demo-staff.js';
import type { Locale } from '../domain/shared/locale.js';
import { foreignTo, pageLanguageProblems, wordsOutside } from './page-language.js';
import { shownData } from './shown-data.js';
import { startPortalWithMail, TestBrowser, type Answer, type TestPortal } from './test-portal.js';
import type { ReceivedMail, TestSmtp } from './test-smtp.js';

/** What a browser set to each language sends. */
export const ACCEPT_LANGUAGE: Record<Locale, string> = { en: 'en-GB,en;q=0.8', 'zh-HK': 'zh-HK,zh;q=0.8,en;q=0.5' };

export interface LanguageTour {
  locale: Locale;
  portal: TestPortal;
  smtp: TestSmtp;
  /** A browser whose Accept-Language asks for the tour's language; no choice made. */
  visitor(): TestBrowser;
  /** A browser that asks for the other language, but chose the tour's with the switch. */
  chooser(): Promise<TestBrowser>;
  /** A patron logged in from a browser that chose the tour's language. */
  patron(barcode: string, pin: string): Promise<TestBrowser>;
  /** A member of staff (a demo account) logged in from a browser that chose the tour's language. */
  staff(role: 'admin' | 'circulation'): Promise<TestBrowser>;
  /**
   * Asserts the status at once, and notes whether the page is in the tour's language throughout:
   * `expectEveryPageInLanguage` (after each test) then lists every page that is not, so that one
   * page in the wrong language does not hide the state of the pages after it. `typed`: what the
   * reader typed that the page shows again (a search, a name in the address), which is data too.
   */
  expectPage(answer: Answer, where: string, status?: number, typed?: string[]): void;
  /** Notes, like expectPage, whether a mail (subject and text) is in the tour's language throughout. */
  expectMail(mail: ReceivedMail, what: string): void;
  expectEveryPageInLanguage(): void;
  /** Follows a 303 and returns the page it leads to. */
  follow(browser: TestBrowser, answer: Answer): Promise<Answer>;
  close(): Promise<void>;
}

export async function startLanguageTour(locale: Locale, env: Record<string, string> = {}): Promise<LanguageTour> {
  const { portal, smtp, close } = await startPortalWithMail(env);
  // The chooser's browser asks for another language, so that only the switch can explain the page's.
  const other: Locale = locale === 'en' ? 'zh-HK' : 'en';
  // What expectPage and expectMail found, until expectEveryPageInLanguage reports it.
  const problems: string[] = [];

  async function chooser(): Promise<TestBrowser> {
    const browser = new TestBrowser(portal.url, { 'accept-language': ACCEPT_LANGUAGE[other] });
    await browser.get('/login');
    assert.equal((await browser.post('/language', { lang: locale, next: '/login' })).status, 303);
    return browser;
  }

  return {
    locale,
    portal,
    smtp,
    visitor: () => new TestBrowser(portal.url, { 'accept-language': ACCEPT_LANGUAGE[locale] }),
    chooser,
    async patron(barcode, pin) {
      const browser = await chooser();
      assert.equal((await browser.post('/login', { barcode, pin })).status, 303, `log in ${barcode}`);
      return browser;
    },
    async staff(role) {
      const member = DEMO_STAFF.find((m) => (m.roles as readonly string[]).includes(role))!;
      const browser = await chooser();
      await browser.get('/staff/login');
      assert.equal(
        (await browser.post('/staff/login', { username: member.username, password: member.password })).status,
        303,
        `log in ${member.username}`,
      );
      return browser;
    },
    expectPage(answer, where, status = 200, typed = []) {
      assert.equal(answer.status, status, `${where}: status`);
      for (const problem of pageLanguageProblems(locale, answer.text, [...shownData(portal.portal.db), ...typed]))
        problems.push(`${where}: ${problem}`);
    },
    expectMail(mail, what) {
      const outside = wordsOutside(locale, `${mail.subject}\n${mail.text}`, shownData(portal.portal.db));
      if (outside.length > 0) problems.push(`${what}: ${foreignTo(locale)} in the mail: ${outside.join(' | ')}`);
    },
    expectEveryPageInLanguage() {
      const found = problems.splice(0);
      assert.deepEqual(found, [], `pages not in ${locale} throughout:\n${found.join('\n')}`);
    },
    async follow(browser, answer) {
      assert.equal(answer.status, 303, `a redirect, not ${answer.status}`);
      return browser.get(answer.headers.get('location')!);
    },
    close,
  };
}
