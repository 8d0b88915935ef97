/**
 * The research archive over HTTP, for its integration tests: depositors of each patron type, a
 * draft opened through the pages, one described, uploaded and submitted, the repository staff
 * signed in, and the rows and stored files the tests look at.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { minimalPdf } from '../lib/minimal-pdf.js';
import { prepare } from './raw-sql.js';
import { demoStaffIn, registeredPatronIn, type TestBrowser, type TestPortal } from './test-portal.js';

/** A description that may be submitted, with an ORCID iD, a DOI to tidy and markup to escape. */
export const DEPOSIT_DESCRIBED = {
  title: 'Night Markets of Kowloon',
  authors: 'Chan Tai Man | https://orcid.org/0000-0002-1825-0097\nMaria Santos',
  type: 'article',
  year: '2025',
  venue: 'Journal of Asian Studies',
  doi: 'doi:10.1000/182',
  abstract: 'How the night markets <b>fed</b> the city.',
  keywords: 'markets; Kowloon',
  version: 'accepted',
  licence: 'cc-by',
  embargo_until: '',
};

/** The form's file field carrying a PDF. */
export const pdfPart = (data: Buffer, filename = 'paper.pdf') => ({ name: 'file', filename, type: 'application/pdf', data });

/** Journeys on the portal `portal()` returns once started; new depositors' barcodes count up from `firstBarcode`. */
export function depositJourneys(portal: () => TestPortal, firstBarcode: number) {
  let nextBarcode = firstBarcode;
  const db = () => portal().portal.db;
  const uploaded = () => readdirSync(portal().portal.uploads.dir).sort();
  const row = (id: number) => prepare(db(), 'SELECT * FROM deposits WHERE id = ?').get(id) as Record<string, unknown>;

  async function patronOfType(type: 'undergraduate' | 'postgraduate' | 'staff' | 'alumni') {
    const barcode = String(nextBarcode++);
    const email = `d${barcode}@example.edu`;
    const browser = await registeredPatronIn(portal(), {
      barcode,
      name: `Depositor ${barcode}`,
      email,
      type,
      landing: '/myrecord/deposits',
    });
    return { browser, barcode, email };
  }

  /** A new draft of a new depositor: its id and page. */
  async function draft(type: 'postgraduate' | 'staff' = 'postgraduate') {
    const depositor = await patronOfType(type);
    const made = await depositor.browser.post('/myrecord/deposits', {});
    assert.equal(made.status, 303);
    const id = Number(/^\/myrecord\/deposits\/(\d+)$/.exec(made.headers.get('location') ?? '')?.[1]);
    assert.ok(id > 0);
    await depositor.browser.get(`/myrecord/deposits/${id}`);
    return { ...depositor, id };
  }

  /** A draft described, with its PDF, submitted. */
  async function submitted(fields: Record<string, string> = {}) {
    const d = await draft();
    assert.equal((await d.browser.post(`/myrecord/deposits/${d.id}`, { ...DEPOSIT_DESCRIBED, ...fields })).status, 303);
    await d.browser.get(`/myrecord/deposits/${d.id}`);
    assert.equal((await d.browser.upload(`/myrecord/deposits/${d.id}/file`, [pdfPart(minimalPdf('paper'))])).status, 303);
    await d.browser.get(`/myrecord/deposits/${d.id}`);
    assert.equal((await d.browser.post(`/myrecord/deposits/${d.id}/submit`, { agreement: 'yes' })).status, 303);
    return d;
  }

  return {
    db,
    /** The files in UPLOAD_DIR, by name. */
    uploaded,
    /** The deposit's row as stored. */
    row,
    patronOfType,
    draft,
    submitted,
    staffBrowser: (username: string): Promise<TestBrowser> => demoStaffIn(portal(), username),
  };
}
