import type { Db } from './connection.js';
import type { DeliveredCopy, IllDetails, IllKind, IllStatus } from '../domain/ill/ill-request.js';
import { OPEN_STATUSES } from '../domain/ill/ill-request.js';
import type { PatronType } from '../domain/patron.js';

/** A request as the patron's list and the staff queue show it. */
export interface IllRequestView extends IllDetails {
  id: number;
  patronId: number;
  patronBarcode: string;
  patronName: string;
  patronType: PatronType;
  createdAt: number;
  status: IllStatus;
  statusAt: number;
  lender: string | null;
  dueDate: string | null;
  unfilledReason: string | null;
  declaredAt: number | null;
  /** The delivered copy, once there is one. */
  copy: DeliveredCopy | null;
}

interface Row {
  id: number;
  patron_id: number;
  patron_barcode: string;
  patron_name: string;
  patron_type: PatronType;
  kind: IllKind;
  title: string;
  article_title: string | null;
  author: string;
  publisher: string;
  edition: string;
  isbn: string | null;
  volume: string;
  issue: string;
  pages: string;
  issn_doi: string | null;
  year: number | null;
  not_needed_after: string | null;
  note: string;
  declared_at: number | null;
  created_at: number;
  status: IllStatus;
  status_at: number;
  lender: string | null;
  due_date: string | null;
  unfilled_reason: string | null;
  file_name: string | null;
  file_size: number | null;
  file_sha256: string | null;
  delivered_at: number | null;
  downloads: number;
  file_deleted_at: number | null;
}

function view(row: Row): IllRequestView {
  return {
    id: row.id,
    patronId: row.patron_id,
    patronBarcode: row.patron_barcode,
    patronName: row.patron_name,
    patronType: row.patron_type,
    kind: row.kind,
    title: row.title,
    articleTitle: row.article_title,
    author: row.author,
    publisher: row.publisher,
    edition: row.edition,
    isbn: row.isbn,
    volume: row.volume,
    issue: row.issue,
    pages: row.pages,
    issnDoi: row.issn_doi,
    year: row.year,
    notNeededAfter: row.not_needed_after,
    note: row.note,
    declaredAt: row.declared_at,
    createdAt: row.created_at,
    status: row.status,
    statusAt: row.status_at,
    lender: row.lender,
    dueDate: row.due_date,
    unfilledReason: row.unfilled_reason,
    copy:
      row.delivered_at === null || row.file_size === null || row.file_sha256 === null
        ? null
        : { fileName: row.file_name, size: row.file_size, sha256: row.file_sha256, deliveredAt: row.delivered_at, downloads: row.downloads, fileDeletedAt: row.file_deleted_at },
  };
}

const SELECT = `SELECT r.*, p.barcode AS patron_barcode, p.name AS patron_name, p.patron_type FROM ill_requests r JOIN patrons p ON p.id = r.patron_id`;
const OPEN_LIST = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

export type IllRepo = ReturnType<typeof createIllRepo>;

export function createIllRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO ill_requests (patron_id, kind, title, article_title, author, publisher, edition, isbn, volume, issue, pages, issn_doi, year,
       not_needed_after, note, declared_at, created_at, status, status_at)
     VALUES (@patronId, @kind, @title, @articleTitle, @author, @publisher, @edition, @isbn, @volume, @issue, @pages, @issnDoi, @year,
       @notNeededAfter, @note, @declaredAt, @at, 'submitted', @at)`,
  );
  const byId = db.prepare<[number], Row>(`${SELECT} WHERE r.id = ?`);
  const ofPatron = db.prepare<[number, number, number], Row>(`${SELECT} WHERE r.patron_id = ? ORDER BY r.id DESC LIMIT ? OFFSET ?`);
  const countOfPatron = db.prepare<[number], number>('SELECT COUNT(*) FROM ill_requests WHERE patron_id = ?').pluck();
  const openOfPatron = db.prepare<[number], number>(`SELECT COUNT(*) FROM ill_requests WHERE patron_id = ? AND status IN (${OPEN_LIST})`).pluck();
  const queue = db.prepare<{ status: string | null; limit: number; offset: number }, Row>(
    `${SELECT} WHERE (@status IS NULL OR r.status = @status) ORDER BY r.id LIMIT @limit OFFSET @offset`,
  );
  const queueCount = db.prepare<{ status: string | null }, number>('SELECT COUNT(*) FROM ill_requests WHERE (@status IS NULL OR status = @status)').pluck();
  const setStatus = db.prepare<{ id: number; from: IllStatus; status: IllStatus; at: number; lender: string | null; dueDate: string | null; reason: string | null }>(
    `UPDATE ill_requests SET status = @status, status_at = @at,
       lender = COALESCE(@lender, lender), due_date = COALESCE(@dueDate, due_date), unfilled_reason = COALESCE(@reason, unfilled_reason)
     WHERE id = @id AND status = @from`,
  );
  const deliver = db.prepare<{ id: number; fileName: string; size: number; sha256: string; at: number }>(
    `UPDATE ill_requests SET status = 'delivered', status_at = @at, file_name = @fileName, file_size = @size, file_sha256 = @sha256, delivered_at = @at
     WHERE id = @id AND kind = 'article' AND status = 'sent'`,
  );
  // The one step that decides whether a download may be served: counted before a byte is sent.
  const claim = db.prepare<{ id: number; patronId: number; max: number; cutoff: number }, number>(
    `UPDATE ill_requests SET downloads = downloads + 1
     WHERE id = @id AND patron_id = @patronId AND file_name IS NOT NULL AND file_deleted_at IS NULL
       AND downloads < @max AND delivered_at > @cutoff
     RETURNING downloads`,
  ).pluck();
  const deliveredOf = db.prepare<[number], DeliveredCopy>(
    `SELECT file_name AS fileName, file_size AS size, file_sha256 AS sha256, delivered_at AS deliveredAt, downloads, file_deleted_at AS fileDeletedAt
     FROM ill_requests WHERE patron_id = ? AND delivered_at IS NOT NULL`,
  );
  const fileNamed = db.prepare<[string], number>('SELECT 1 FROM ill_requests WHERE file_name = ?').pluck();
  const markDeleted = db.prepare<{ id: number; at: number }>('UPDATE ill_requests SET file_deleted_at = @at WHERE id = @id AND file_deleted_at IS NULL');
  const expiring = db.prepare<[number], { id: number; fileName: string }>(
    `SELECT r.id, r.file_name AS fileName FROM ill_requests r JOIN patrons p ON p.id = r.patron_id JOIN ill_limits l ON l.patron_type = p.patron_type
     WHERE r.file_name IS NOT NULL AND r.file_deleted_at IS NULL AND r.delivered_at + l.copy_days * 86400000 <= ?`,
  );

  return {
    insert(patronId: number, details: IllDetails, declaredAt: number | null, at: number): number {
      return Number(insert.run({ patronId, ...details, declaredAt, at }).lastInsertRowid);
    },
    find(id: number): IllRequestView | undefined {
      const row = byId.get(id);
      return row ? view(row) : undefined;
    },
    /** The patron's requests, newest first, a page at a time. */
    ofPatron: (patronId: number, limit: number, offset: number) => ofPatron.all(patronId, limit, offset).map(view),
    countOfPatron: (patronId: number) => countOfPatron.get(patronId) ?? 0,
    openCountOf: (patronId: number) => openOfPatron.get(patronId) ?? 0,
    /** The staff queue, oldest first (first come, first served), filtered by status or not. */
    queue: (status: IllStatus | null, limit: number, offset: number) => queue.all({ status, limit, offset }).map(view),
    queueCount: (status: IllStatus | null) => queueCount.get({ status }) ?? 0,
    /** Moves a request on, only from the status it was seen in: false when it had moved already. */
    setStatus(id: number, from: IllStatus, change: { status: IllStatus; lender?: string | null; dueDate?: string | null; reason?: string | null }, at: number): boolean {
      return setStatus.run({ id, from, at, status: change.status, lender: change.lender ?? null, dueDate: change.dueDate ?? null, reason: change.reason ?? null }).changes === 1;
    },
    deliver: (id: number, file: { fileName: string; size: number; sha256: string }, at: number) => deliver.run({ id, ...file, at }).changes === 1,
    /**
     * Counts one download of the patron's copy if another is allowed (fewer than `max` so far, delivered
     * after `cutoff`), in one statement: returns the count with this one, or undefined when none is left.
     */
    claimDownload: (id: number, patronId: number, max: number, cutoff: number): number | undefined => claim.get({ id, patronId, max, cutoff }),
    /** The patron's delivered copies (for the home's summary). */
    deliveredOf: (patronId: number) => deliveredOf.all(patronId),
    markFileDeleted: (id: number, at: number) => markDeleted.run({ id, at }).changes === 1,
    /** Whether a request names this stored file (the orphan sweep keeps it). */
    namesFile: (name: string) => fileNamed.get(name) !== undefined,
    /** Copies still on disk whose days are over. */
    expiredCopies: (now: number) => expiring.all(now),
  };
}
