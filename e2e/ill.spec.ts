/**
 * Interlibrary Loan Request, the whole journey in a real browser: a postgraduate asks for a copy
 * of an article with the copyright declaration; ILL staff send it to a lender and upload the PDF;
 * the patron downloads it. Every new page is checked with axe, at desktop and phone width.
 */
import { choosePin, expect, expectNoAxeViolations, latestMail, logIn, registerPatron, staffLogIn, test, wordsOf } from './fixtures.js';
import { DEMO_STAFF } from '../src/demo/demo-staff.js';
import { minimalPdf } from '../src/lib/minimal-pdf.js';
import { formatFileSize } from '../src/web/http/file-size.js';

const ARTICLE = { source: 'Journal of Hong Kong Studies', title: 'Ferries and the Harbour, 1950–1970' };

test('a postgraduate asks for an article copy, ILL staff upload the PDF, and the patron downloads it', async ({ browser }) => {
  const registered = await registerPatron(browser, {
    barcode: '29110001',
    name: 'Lam Ka Yan',
    email: 'ka-yan.lam@example.edu',
    passport: 'H1357924',
  });
  const admin = DEMO_STAFF[0];
  const adminPage = await (await browser.newContext()).newPage();
  await staffLogIn(adminPage, admin.username, admin.password);
  await adminPage.goto(`/staff/patrons/${registered.barcode}/edit`);
  await adminPage.locator('#patron_type').selectOption('postgraduate');
  await adminPage.locator(`form[action="/staff/patrons/${registered.barcode}/edit"] button[type="submit"]`).click();
  await expect(adminPage).toHaveURL(new RegExp(`/staff/patrons/${registered.barcode}$`));
  await adminPage.context().close();

  const patron = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await logIn(patron, registered.barcode, registered.pin);
  await choosePin(patron, registered.pin, 'f4g8h2j6');
  const t = await wordsOf(patron);
  await patron.getByRole('link', { name: t('service.interlibraryLoan') }).click();
  await expect(patron.getByRole('heading', { level: 1, name: t('ill.title') })).toBeVisible();
  await expect(patron.getByText(t('ill.quota', { open: 0, allowed: 30 }))).toBeVisible();
  await expectNoAxeViolations(patron);

  await patron.getByRole('link', { name: t('ill.requestArticle') }).click();
  await expect(patron.getByRole('heading', { level: 1, name: t('ill.new.article') })).toBeVisible();
  await expectNoAxeViolations(patron);
  await patron.getByLabel(t('ill.field.source_title')).fill(ARTICLE.source);
  await patron.getByLabel(t('ill.field.article_title')).fill(ARTICLE.title);
  await patron.getByLabel(t('ill.field.year')).fill('2015');
  await patron.getByLabel(t('ill.field.pages')).fill('33-58');
  await patron.getByLabel(t('ill.field.issn_doi')).fill('10.1000/182');
  // Without the declaration: refused, with the reason beside the box and in the alert.
  await patron.getByRole('button', { name: t('ill.submit') }).click();
  await expect(patron.getByRole('alert')).toContainText(t('ill.notSent'));
  await expect(patron.locator('#copyright_declaration-error')).toContainText(t('ill.problem.DECLARATION_REQUIRED'));
  await expectNoAxeViolations(patron);
  await expect(patron.getByText(t('ill.declaration.study'))).toBeVisible();
  await patron.getByLabel(t('ill.field.copyright_declaration')).check();
  await patron.getByRole('button', { name: t('ill.submit') }).click();
  await expect(patron).toHaveURL(/\/myrecord\/ill$/);
  await expect(patron.getByRole('status')).toContainText(t('ill.requested', { title: ARTICLE.title }));
  await expect(patron.getByText(t('ill.status.submitted')).first()).toBeVisible();

  const desk = await (await browser.newContext()).newPage();
  const ill = DEMO_STAFF.find((m) => m.username === 'ill')!;
  await staffLogIn(desk, ill.username, ill.password);
  await desk.goto('/staff/ill?status=submitted');
  const st = await wordsOf(desk);
  await expectNoAxeViolations(desk);
  const card = desk.locator('section.request-card', { hasText: ARTICLE.title });
  await card.getByLabel(st('staffIll.newStatus')).selectOption('sent');
  await card.getByLabel(st('staffIll.lender')).fill('British Library On Demand');
  await card.getByRole('button', { name: st('staffIll.changeButton') }).click();
  await expect(desk.getByRole('status')).toContainText(st('ill.status.sent'));
  await desk.goto('/staff/ill?status=sent');
  const sent = desk.locator('section.request-card', { hasText: ARTICLE.title });
  const pdf = minimalPdf(ARTICLE.title);
  await sent.getByLabel(st('staffIll.file')).setInputFiles({ name: 'ferries.pdf', mimeType: 'application/pdf', buffer: pdf });
  await sent.getByRole('button', { name: st('staffIll.uploadButton') }).click();
  await expect(desk.getByRole('status')).toContainText(`SHA-256`);
  await desk.goto('/staff/ill?status=delivered');
  const delivered = desk.locator('section.request-card', { hasText: ARTICLE.title });
  // Its size as staff read it, in KB.
  await expect(delivered).toContainText(formatFileSize(pdf.length, t, 'en'));
  await expect(delivered.getByRole('link', { name: /PDF/ })).toHaveCount(0);
  await expectNoAxeViolations(desk);

  const mail = await latestMail(registered.email, t('mail.ill.statusChanged.subject', { statusText: t('ill.status.delivered') }));
  expect(mail.text).toContain(ARTICLE.title);

  await patron.goto('/myrecord/ill');
  await expectNoAxeViolations(patron);
  const downloading = patron.waitForEvent('download');
  await patron.getByRole('button', { name: t('ill.copy.download', { title: ARTICLE.title }) }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^interlibrary-loan-\d+\.pdf$/);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).equals(pdf)).toBe(true);
  await patron.reload();
  // One of the five downloads is used: the page says how many are left, before the date.
  const [leftWords = ''] = t('ill.copy.available', { left: 4, until: '\u0000' }).split('\u0000');
  await expect(patron.locator('section.request-card', { hasText: ARTICLE.title }).locator('dd', { hasText: leftWords })).toBeVisible();
});
