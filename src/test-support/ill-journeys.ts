/**
 * What the interlibrary loan tests over HTTP share: a portal whose uploads stop at 1 MB (cheap to
 * pass in a test), patrons of each type, queries of what was stored, and the steps a request goes
 * through before its copy can be downloaded (sent to a lender, its PDF uploaded by ILL staff).
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { addDays, libraryDateOf } from '../domain/shared/library-date.js';
import type { PatronType } from '../domain/patrons/patron.js';
import { prepare } from './raw-sql.js';
import { demoStaffIn, registeredPatronIn, startPortalWithMail, type TestBrowser, type TestPortal } from './test-portal.js';

export const startIllPortal = () => startPortalWithMail({ UPLOAD_MAX_MB: '1' });

/** An article copy's form, filled in as a patron would. */
export const ILL_ARTICLE = {
  source_title: 'Journal of Asian Studies',
  article_title: 'Night Markets of Kowloon',
  year: '2018',
  pages: '12-30',
  issn_doi: '0021-9118',
  copyright_declaration: 'yes',
};

/** ILL staff send request `id` to `lender`; their browser comes back on the queue, ready for the next form. */
export async function sendToLender(portal: TestPortal, id: number, lender: string, queuePath = '/staff/ill'): Promise<TestBrowser> {
  const desk = await demoStaffIn(portal, 'ill');
  await desk.get('/staff/ill');
  assert.equal((await desk.post(`/staff/ill/${id}/status`, { status: 'sent', lender })).status, 303);
  await desk.get(queuePath);
  return desk;
}

/** ILL staff upload `pdf` as the copy of request `id`: the name of the file it is stored in. */
export async function deliverCopy(portal: TestPortal, desk: TestBrowser, id: number, pdf: Buffer, filename: string): Promise<string> {
  assert.equal((await desk.upload(`/staff/ill/${id}/copy`, [{ name: 'file', filename, type: 'application/pdf', data: pdf }])).status, 303);
  return prepare(portal.portal.db, 'SELECT file_name FROM ill_requests WHERE id = ?').pluck().get(id) as string;
}

/** The helpers of a test file whose portal is started in its `before` (hence read through `current`). */
export function illHelpers(current: () => TestPortal) {
  let nextBarcode = 22000001;
  const db = () => current().portal.db;

  /** A new patron of a type, logged in on a PIN of their own. */
  async function patronOfType(type: PatronType): Promise<{ browser: TestBrowser; barcode: string; email: string }> {
    const barcode = String(nextBarcode++);
    const email = `p${barcode}@example.edu`;
    const browser = await registeredPatronIn(current(), {
      barcode,
      name: `Test Patron ${barcode}`,
      email,
      type,
      landing: '/myrecord/ill',
    });
    return { browser, barcode, email };
  }

  const idOfNewest = (barcode: string) =>
    prepare(db(), 'SELECT r.id FROM ill_requests r JOIN patrons p ON p.id = r.patron_id WHERE p.barcode = ? ORDER BY r.id DESC LIMIT 1')
      .pluck()
      .get(barcode) as number;

  return {
    db,
    uploaded: () => readdirSync(current().portal.uploads.dir).sort(),
    future: () => addDays(libraryDateOf(current().clock.now()), 30),
    patronOfType,
    staffBrowser: (username: string): Promise<TestBrowser> => demoStaffIn(current(), username),
    idOfNewest,
    statusOf: (id: number) => prepare(db(), 'SELECT status FROM ill_requests WHERE id = ?').pluck().get(id) as string,
    auditOf: (action: string) => prepare(db(), 'SELECT detail FROM audit_log WHERE action = ? ORDER BY id').pluck().all(action) as string[],

    /** An article request of a new postgraduate's, moved to "sent" by ILL staff: ready for its copy. */
    async sentArticle(): Promise<{ id: number; patron: Awaited<ReturnType<typeof patronOfType>>; desk: TestBrowser }> {
      const patron = await patronOfType('postgraduate');
      await patron.browser.get('/myrecord/ill/new?kind=article');
      assert.equal((await patron.browser.post('/myrecord/ill/new?kind=article', ILL_ARTICLE)).status, 303);
      const id = idOfNewest(patron.barcode);
      const desk = await sendToLender(current(), id, 'British Library On Demand', '/staff/ill?status=sent');
      return { id, patron, desk };
    },
  };
}
