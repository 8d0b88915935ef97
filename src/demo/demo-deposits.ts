/**
 * The demo research archive deposits, loaded with the demo patrons on a new database outside
 * production: one published with its full text open (a small real PDF, stored through the upload
 * store like any upload), one published under an embargo, and one draft, so that the public list,
 * a record's page both ways, the author's pages and the staff queues have something to show.
 */
import { Readable } from 'node:stream';
import type { Portal } from '../portal.js';
import { addDays, libraryDateOf } from '../domain/shared/library-date.js';
import { EMPTY_METADATA, type DepositMetadata } from '../domain/deposit/deposit.js';
import { minimalPdf } from '../lib/minimal-pdf.js';
import { PDF_SIGNATURE } from '../services/uploads/upload-store.js';

const DAY_MS = 86_400_000;

export async function loadDemoDeposits(portal: Portal): Promise<void> {
  const { db, patrons, staff, uploads } = portal;
  const { deposits, history } = portal.repos;
  const now = portal.clock.now();
  const reviewer = staff.findByUsername('repository')?.id ?? null;
  const patron = (barcode: string) => {
    const found = patrons.findByBarcode(barcode);
    if (!found) throw new Error(`no demo patron ${barcode}`);
    return found;
  };
  const store = async (text: string) => {
    const stored = await uploads.receive(Readable.from([minimalPdf(text)]), { signature: PDF_SIGNATURE });
    if (!stored.ok) throw new Error(`the demo deposit file could not be stored: ${stored.failure}`);
    return stored.file;
  };
  const open = await store('Reading Rooms of Hong Kong, 1950-1980: a demo deposit from myRecord');
  const embargoed = await store('Tram Timetables as Urban History: a demo thesis from myRecord');

  db.transaction(() => {
    /** A deposit begun `daysAgo`, submitted the next day, claimed and published the day after, as the demo repository staff. */
    const published = (barcode: string, m: DepositMetadata, file: { name: string; size: number; sha256: string }, daysAgo: number) => {
      let at = now - daysAgo * DAY_MS;
      const id = deposits.create(patron(barcode).id, at);
      history.record({ subject: 'deposit', subjectId: id, status: 'draft', atMs: at });
      deposits.saveMetadata(id, 'draft', m, at);
      deposits.setFile(id, 'draft', { fileName: file.name, size: file.size, sha256: file.sha256 }, at);
      at += DAY_MS;
      deposits.setStatus(id, 'draft', 'submitted', at, { agreedAt: at });
      history.record({ subject: 'deposit', subjectId: id, status: 'submitted', atMs: at });
      at += DAY_MS;
      if (reviewer !== null) deposits.claim(id, reviewer, at);
      else deposits.setStatus(id, 'submitted', 'under_review', at);
      history.record({ subject: 'deposit', subjectId: id, status: 'under_review', atMs: at, staffId: reviewer });
      at += DAY_MS;
      deposits.setStatus(id, 'under_review', 'published', at, { publishedAt: at });
      history.record({ subject: 'deposit', subjectId: id, status: 'published', atMs: at, staffId: reviewer });
    };
    published(
      '21000004',
      {
        ...EMPTY_METADATA,
        title: 'Reading Rooms of Hong Kong, 1950–1980',
        authors: [
          { name: 'Wong Siu Ling', orcid: '0000-0002-1825-0097' },
          { name: 'Chan Tai Man', orcid: null },
        ],
        type: 'article',
        year: 2024,
        venue: 'Journal of Library History',
        doi: '10.1000/182',
        abstract:
          'How the public reading rooms of post-war Hong Kong served readers who had no library of their own.\n\nDrawn from the annual reports of the Urban Council and from interviews with readers and staff.',
        keywords: 'libraries; Hong Kong; reading rooms',
        version: 'accepted',
        licence: 'cc-by',
      },
      open,
      20,
    );
    published(
      '21000003',
      {
        ...EMPTY_METADATA,
        title: 'Tram Timetables as Urban History',
        authors: [{ name: 'Li Wei', orcid: null }],
        type: 'thesis',
        year: 2025,
        venue: 'The University',
        abstract: 'A doctoral thesis reading a century of Hong Kong tram timetables as a record of how the city lived and worked.',
        keywords: 'trams, transport history, timetables',
        version: 'accepted',
        licence: 'arr',
        embargoUntil: addDays(libraryDateOf(now), 365),
      },
      embargoed,
      8,
    );
    const draft = deposits.create(patron('21000002').id, now - DAY_MS);
    history.record({ subject: 'deposit', subjectId: draft, status: 'draft', atMs: now - DAY_MS });
    deposits.saveMetadata(
      draft,
      'draft',
      {
        ...EMPTY_METADATA,
        title: 'Ferry Piers and Their Passengers',
        authors: [{ name: 'Maria Santos', orcid: null }],
        type: 'conference',
        year: 2026,
      },
      now - DAY_MS,
    );
  });
}
