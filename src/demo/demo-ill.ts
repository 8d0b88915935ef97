/**
 * The demo interlibrary loan requests, loaded with the demo patrons on a new database outside
 * production: one in every kind of step, so each page of the service and of the ILL queue has
 * something to show. The delivered copy is a small real PDF, written to UPLOAD_DIR through the
 * upload store like any upload.
 */
import { Readable } from 'node:stream';
import type { Portal } from '../portal.js';
import { addDays, libraryDateOf } from '../domain/shared/library-date.js';
import type { IllDetails } from '../domain/ill/ill-request.js';
import { minimalPdf } from '../lib/minimal-pdf.js';
import { PDF_SIGNATURE } from '../services/uploads/upload-store.js';

const DAY_MS = 86_400_000;
const blank = {
  articleTitle: null,
  author: '',
  publisher: '',
  edition: '',
  isbn: null,
  volume: '',
  issue: '',
  pages: '',
  issnDoi: null,
  year: null,
  notNeededAfter: null,
  note: '',
} as const;

export async function loadDemoIll(portal: Portal): Promise<void> {
  const { db, patrons, staff, uploads } = portal;
  const { ill, history } = portal.repos;
  const now = portal.clock.now();
  const today = libraryDateOf(now);
  const desk = staff.findByUsername('ill');
  const staffId = desk?.id ?? null;
  const patron = (barcode: string) => {
    const found = patrons.findByBarcode(barcode);
    if (!found) throw new Error(`no demo patron ${barcode}`);
    return found;
  };
  const copy = await uploads.receive(Readable.from([minimalPdf('Libraries of the Pearl River Delta: a demo copy from myRecord')]), {
    signature: PDF_SIGNATURE,
  });
  if (!copy.ok) throw new Error(`the demo copy could not be stored: ${copy.failure}`);

  db.transaction(() => {
    /** A request made `daysAgo`, moved through `steps` one day apart. */
    const add = (
      barcode: string,
      details: IllDetails,
      daysAgo: number,
      steps: Array<{ status: 'sent' | 'received' | 'on_loan' | 'unfilled'; lender?: string; dueDate?: string; reason?: string }>,
    ) => {
      let at = now - daysAgo * DAY_MS;
      const id = ill.insert(patron(barcode).id, details, details.kind === 'article' ? at : null, at);
      history.record({ subject: 'ill', subjectId: id, status: 'submitted', atMs: at });
      let from: 'submitted' | 'sent' | 'received' | 'on_loan' | 'unfilled' = 'submitted';
      for (const step of steps) {
        at += DAY_MS;
        ill.setStatus(id, from, step, at);
        history.record({ subject: 'ill', subjectId: id, status: step.status, atMs: at, staffId, note: step.reason ?? step.lender ?? null });
        from = step.status;
      }
      return { id, at };
    };
    add(
      '21000004',
      {
        ...blank,
        kind: 'book',
        title: 'Hong Kong Architecture 1945–2015: From Colonial to Global',
        author: 'Charlie Q. L. Xue',
        publisher: 'Springer',
        year: 2016,
        isbn: '9789811010040',
        notNeededAfter: addDays(today, 60),
      },
      12,
      [
        { status: 'sent', lender: 'The University of Hong Kong Libraries' },
        { status: 'received', dueDate: addDays(today, 21) },
        { status: 'on_loan' },
      ],
    );
    const article = add(
      '21000004',
      {
        ...blank,
        kind: 'article',
        title: 'Journal of Librarianship and Information Science',
        articleTitle: 'Libraries of the Pearl River Delta',
        author: 'Chan, K. M.',
        volume: '51',
        issue: '3',
        pages: '712-725',
        year: 2019,
        issnDoi: '0961-0006',
      },
      6,
      [{ status: 'sent', lender: 'British Library On Demand' }],
    );
    const deliveredAt = article.at + DAY_MS;
    ill.deliver(article.id, { fileName: copy.file.name, size: copy.file.size, sha256: copy.file.sha256 }, deliveredAt);
    history.record({ subject: 'ill', subjectId: article.id, status: 'delivered', atMs: deliveredAt, staffId });
    add(
      '21000002',
      {
        ...blank,
        kind: 'article',
        title: 'Journal of Asian Studies',
        articleTitle: 'Reading Rooms and Readers in Late Qing Canton',
        author: 'Lee, Y.',
        volume: '78',
        issue: '2',
        pages: '301-327',
        year: 2019,
        notNeededAfter: addDays(today, 30),
      },
      1,
      [],
    );
    add(
      '21000003',
      {
        ...blank,
        kind: 'book',
        title: 'The Chinese Library Classification',
        author: 'Liu Guojun',
        edition: '5th',
        year: 2010,
        notNeededAfter: addDays(today, 45),
        note: 'Any edition from 2010 on will do.',
      },
      4,
      [{ status: 'sent', lender: 'The Chinese University of Hong Kong Library' }],
    );
    add(
      '21000001',
      {
        ...blank,
        kind: 'article',
        title: 'Hong Kong Law Journal',
        articleTitle: 'Copyright Exceptions for Libraries',
        volume: '40',
        pages: '55-80',
        year: 2010,
      },
      9,
      [{ status: 'unfilled', reason: 'No library we work with holds this volume; try asking the Law Library for its print copy.' }],
    );
  });
}
