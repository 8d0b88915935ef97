/**
 * Institutional Research Archive Online Submission, the whole journey in a real browser: a
 * postgraduate deposits a thesis with an embargo; repository staff return it for a fix; he fixes it
 * and submits again; staff publish it. The public page, without a login, shows the record and the
 * embargo's date and no file, until the server's clock passes the embargo (CLOCK_OFFSET_FILE). Every
 * new page is checked with axe, at desktop and phone width.
 */
import {
  choosePin,
  expect,
  expectNoAxeViolations,
  latestMail,
  logIn,
  registerPatron,
  setServerClockOffset,
  staffLogIn,
  test,
  wordsOf,
} from './fixtures.js';
import { DEMO_STAFF } from '../src/demo/demo-staff.js';
import { addDays, libraryDateOf } from '../src/domain/shared/library-date.js';
import { minimalPdf } from '../src/lib/minimal-pdf.js';
import { localizerFor } from '../src/messages/index.js';

const THESIS = {
  title: 'Harbour Ferries and the Making of Kowloon',
  abstract: 'A study of the cross-harbour ferries and the neighbourhoods that grew around their piers.',
};
const DAY_MS = 86_400_000;

test('a postgraduate deposits a thesis with an embargo; staff return it, he fixes and resubmits, staff publish; the file opens when the embargo passes', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const registered = await registerPatron(browser, {
    barcode: '29130001',
    name: 'Ho Ka Ming',
    email: 'ka-ming.ho@example.edu',
    passport: 'H2468013',
  });
  const adminPage = await (await browser.newContext()).newPage();
  await staffLogIn(adminPage, DEMO_STAFF[0].username, DEMO_STAFF[0].password);
  await adminPage.goto(`/staff/patrons/${registered.barcode}/edit`);
  await adminPage.locator('#patron_type').selectOption('postgraduate');
  await adminPage.locator(`form[action="/staff/patrons/${registered.barcode}/edit"] button[type="submit"]`).click();
  await expect(adminPage).toHaveURL(new RegExp(`/staff/patrons/${registered.barcode}$`));
  await adminPage.context().close();

  const patron = await (await browser.newContext()).newPage();
  await logIn(patron, registered.barcode, registered.pin);
  await choosePin(patron, registered.pin, 'm3n7b5v1');
  const t = await wordsOf(patron);
  await patron.getByRole('link', { name: t('service.researchArchive') }).click();
  await expect(patron.getByRole('heading', { level: 1, name: t('deposit.title') })).toBeVisible();
  await expectNoAxeViolations(patron);
  await patron.getByRole('button', { name: t('deposit.new') }).click();
  await expect(patron).toHaveURL(/\/myrecord\/deposits\/\d+$/);
  const depositUrl = patron.url();
  const id = Number(depositUrl.split('/').pop());
  await expectNoAxeViolations(patron);

  const embargo = addDays(libraryDateOf(Date.now()), 5);
  await patron.getByLabel(t('deposit.field.title'), { exact: true }).fill(THESIS.title);
  await patron.getByLabel(t('deposit.field.authors')).fill('Ho Ka Ming | https://orcid.org/0000-0002-1825-0098');
  await patron.getByLabel(t('deposit.field.type')).selectOption('thesis');
  await patron.getByLabel(t('deposit.field.year')).fill(String(new Date().getFullYear()));
  await patron.getByLabel(t('deposit.field.venue')).fill('The University');
  await patron.getByLabel(t('deposit.field.abstract')).fill(THESIS.abstract);
  await patron.getByLabel(t('deposit.field.version')).selectOption('accepted');
  await patron.getByLabel(t('deposit.field.licence')).selectOption('arr');
  await patron.getByLabel(t('deposit.field.embargo_until')).fill(embargo);
  // A mistyped ORCID iD: refused beside the field, nothing saved.
  await patron.getByRole('button', { name: t('deposit.save') }).click();
  await expect(patron.getByRole('alert')).toContainText(t('deposit.notSaved'));
  await expect(patron.locator('#authors-error')).toContainText('0000-0002-1825-0098');
  await expectNoAxeViolations(patron);
  await patron.getByLabel(t('deposit.field.authors')).fill('Ho Ka Ming | https://orcid.org/0000-0002-1825-0097');

  // The PDF chosen and uploaded straight after the correction, without saving first: the description goes with it.
  const pdf = minimalPdf(THESIS.title);
  await patron.getByLabel(t('deposit.field.file')).setInputFiles({ name: 'thesis.pdf', mimeType: 'application/pdf', buffer: pdf });
  await patron.getByRole('button', { name: t('deposit.upload') }).click();
  await expect(patron.getByRole('status')).toContainText('SHA-256');
  await expect(patron.getByLabel(t('deposit.field.title'), { exact: true })).toHaveValue(THESIS.title);
  await expect(patron.getByLabel(t('deposit.field.abstract'))).toHaveValue(THESIS.abstract);
  await expect(patron.getByLabel(t('deposit.field.authors'))).toHaveValue('Ho Ka Ming | 0000-0002-1825-0097');
  await patron.getByLabel(t('deposit.field.agreement')).check();
  await patron.getByRole('button', { name: t('deposit.submit') }).click();
  await expect(patron).toHaveURL(/\/myrecord\/deposits$/);
  await expect(patron.getByRole('status')).toContainText(t('deposit.submitted', { title: THESIS.title }));

  // Repository staff claim it and return it, with the reason.
  const desk = await (await browser.newContext()).newPage();
  const member = DEMO_STAFF.find((m) => m.username === 'repository')!;
  await staffLogIn(desk, member.username, member.password);
  const st = await wordsOf(desk);
  await desk.goto('/staff/deposits?status=submitted');
  await expectNoAxeViolations(desk);
  await desk.getByRole('button', { name: st('staffDeposit.claimNamed', { id }) }).click();
  await expect(desk).toHaveURL(new RegExp(`/staff/deposits/${id}$`));
  await expect(desk.getByRole('status')).toContainText(st('staffDeposit.claimed', { title: THESIS.title }));
  await expectNoAxeViolations(desk);
  await desk.getByRole('radio', { name: st('staffDeposit.decision.return') }).check();
  await desk.getByRole('button', { name: st('staffDeposit.decideButton') }).click();
  await expect(desk.getByRole('alert')).toContainText(st('staffDeposit.problem.REASON_REQUIRED'));
  await desk.getByRole('radio', { name: st('staffDeposit.decision.return') }).check();
  await desk
    .getByLabel(st('staffDeposit.reason'))
    .fill('The graduate school asks for the version with the examiners’ corrections: choose “Published version”.');
  await desk.getByRole('button', { name: st('staffDeposit.decideButton') }).click();
  await expect(desk.getByRole('status')).toContainText(st('staffDeposit.status.returned'));
  const returnedMail = await latestMail(
    registered.email,
    t('mail.deposit.statusChanged.subject', { statusText: t('deposit.status.returned') }),
  );
  expect(returnedMail.text).toContain('examiners’ corrections');

  // He reads why, fixes it and submits again.
  await patron.goto(depositUrl);
  await expect(patron.getByText('examiners’ corrections').first()).toBeVisible();
  await expectNoAxeViolations(patron);
  await patron.getByLabel(t('deposit.field.version')).selectOption('published');
  await patron.getByRole('button', { name: t('deposit.save') }).click();
  await expect(patron.getByRole('status')).toContainText(t('deposit.saved'));
  await patron.getByLabel(t('deposit.field.agreement')).check();
  await patron.getByRole('button', { name: t('deposit.submit') }).click();
  await expect(patron).toHaveURL(/\/myrecord\/deposits$/);
  await patron.goto('/myrecord');
  await expect(patron.getByText(t('home.summary.deposits', { review: 1, returned: 0, drafts: 0, published: 0 }))).toBeVisible();

  // Staff publish it.
  await desk.goto(`/staff/deposits/${id}`);
  await desk.getByRole('button', { name: st('staffDeposit.claim') }).click();
  await desk.getByRole('radio', { name: st('staffDeposit.decision.publish') }).check();
  await desk.getByRole('button', { name: st('staffDeposit.decideButton') }).click();
  await expect(desk.getByRole('status')).toContainText(st('staffDeposit.status.published'));

  // The public page, for a visitor without a login: the record and the date, no file.
  const visitor = await (await browser.newContext()).newPage();
  const en = localizerFor('en');
  await visitor.goto('/repository');
  await expectNoAxeViolations(visitor);
  await visitor.getByRole('link', { name: THESIS.title }).click();
  await expect(visitor).toHaveURL(new RegExp(`/repository/${id}$`));
  await expect(visitor.getByRole('heading', { level: 1, name: THESIS.title })).toBeVisible();
  await expect(visitor.getByText(THESIS.abstract)).toBeVisible();
  await expect(visitor.getByText(en.t('repository.embargoedUntil', { date: en.formatDate(embargo) })).first()).toBeVisible();
  await expect(visitor.locator(`a[href="/repository/${id}/file"]`)).toHaveCount(0);
  await expect(visitor.locator('meta[name="citation_title"]')).toHaveAttribute('content', THESIS.title);
  await expect(visitor.locator('meta[name="citation_pdf_url"]')).toHaveCount(0);
  expect((await visitor.request.get(`/repository/${id}/file`)).status()).toBe(403);
  await expectNoAxeViolations(visitor);

  // The embargo passes (the server's clock moves on): the PDF is there for everyone.
  setServerClockOffset(6 * DAY_MS);
  try {
    await visitor.reload();
    const link = visitor.getByRole('link', { name: /PDF/ });
    await expect(link).toBeVisible();
    await expect(visitor.locator('meta[name="citation_pdf_url"]')).toHaveAttribute('content', new RegExp(`/repository/${id}/file$`));
    const file = await visitor.request.get(`/repository/${id}/file`);
    expect(file.status()).toBe(200);
    expect(Buffer.from(await file.body()).equals(pdf)).toBe(true);
  } finally {
    setServerClockOffset(0);
  }
  const published = await latestMail(
    registered.email,
    t('mail.deposit.statusChanged.subject', { statusText: t('deposit.status.published') }),
  );
  expect(published.text).toContain(`/repository/${id}`);
});
