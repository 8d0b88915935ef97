import { sql } from 'kysely';
import type { Database } from '../engine/database.js';
import type { DeliveredCopy, IllDetails, IllKind, IllStatus } from '../../domain/ill/ill-request.js';
import { OPEN_STATUSES } from '../../domain/ill/ill-request.js';
import type { PatronType } from '../../domain/patrons/patron.js';

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

const SELECT = sql`SELECT r.*, p.barcode AS patron_barcode, p.name AS patron_name, p.patron_type FROM ill_requests r JOIN patrons p ON p.id = r.patron_id`;
const OPEN_LIST = sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(', '));
const ONE_STATUS = (status: unknown) => sql`(CAST(${status} AS TEXT) IS NULL OR r.status = ${status})`;

export type IllRepo = ReturnType<typeof createIllRepo>;

type StatusChange = { id: number; from: IllStatus; status: IllStatus; at: number; lender: string | null; dueDate: string | null; reason: string | null };

export function createIllRepo(database: Database) {
  const insert = database.statement((r: IllDetails & { patronId: number; declaredAt: number | null; at: number }) => sql<{ id: number }>`
    INSERT INTO ill_requests (patron_id, kind, title, article_title, author, publisher, edition, isbn, volume, issue, pages, issn_doi, year,
      not_needed_after, note, declared_at, created_at, status, status_at)
    VALUES (${r.patronId}, ${r.kind}, ${r.title}, ${r.articleTitle}, ${r.author}, ${r.publisher}, ${r.edition}, ${r.isbn}, ${r.volume}, ${r.issue}, ${r.pages}, ${r.issnDoi}, ${r.year},
      ${r.notNeededAfter}, ${r.note}, ${r.declaredAt}, ${r.at}, 'submitted', ${r.at})
    RETURNING id`).pluck();
  const byId = database.statement((id: number) => sql<Row>`${SELECT} WHERE r.id = ${id}`);
  const ofPatron = database.statement((patronId: number, limit: number, offset: number) => sql<Row>`
    ${SELECT} WHERE r.patron_id = ${patronId} ORDER BY r.id DESC LIMIT ${limit} OFFSET ${offset}`);
  const countOfPatron = database.statement((patronId: number) => sql<{ n: number }>`SELECT COUNT(*) AS n FROM ill_requests WHERE patron_id = ${patronId}`).pluck();
  const madeSince = database.statement((patronId: number, since: number) =>
    sql<{ n: number }>`SELECT COUNT(*) AS n FROM ill_requests WHERE patron_id = ${patronId} AND created_at > ${since}`).pluck();
  const openOfPatron = database.statement((patronId: number) =>
    sql<{ n: number }>`SELECT COUNT(*) AS n FROM ill_requests WHERE patron_id = ${patronId} AND status IN (${OPEN_LIST})`).pluck();
  const openRequestsOf = database.statement((patronId: number) => sql<Row>`
    ${SELECT} WHERE r.patron_id = ${patronId} AND r.status IN (${OPEN_LIST}) ORDER BY r.id`);
  const queue = database.statement((p: { status: IllStatus | null; limit: number; offset: number }) => sql<Row>`
    ${SELECT} WHERE ${ONE_STATUS(p.status)} ORDER BY r.id LIMIT ${p.limit} OFFSET ${p.offset}`);
  const queueCount = database.statement((p: { status: IllStatus | null }) =>
    sql<{ n: number }>`SELECT COUNT(*) AS n FROM ill_requests r WHERE ${ONE_STATUS(p.status)}`).pluck();
  const setStatus = database.statement((c: StatusChange) => sql`
    UPDATE ill_requests SET status = ${c.status}, status_at = ${c.at},
      lender = COALESCE(${c.lender}, lender), due_date = COALESCE(${c.dueDate}, due_date), unfilled_reason = COALESCE(${c.reason}, unfilled_reason)
    WHERE id = ${c.id} AND status = ${c.from}`);
  const deliver = database.statement((d: { id: number; fileName: string; size: number; sha256: string; at: number }) => sql`
    UPDATE ill_requests SET status = 'delivered', status_at = ${d.at}, file_name = ${d.fileName}, file_size = ${d.size}, file_sha256 = ${d.sha256}, delivered_at = ${d.at}
    WHERE id = ${d.id} AND kind = 'article' AND status = 'sent'`);
  // The one step that decides whether a download may be served: counted before a byte is sent.
  const claim = database.statement((c: { id: number; patronId: number; max: number; cutoff: number }) => sql<{ downloads: number }>`
    UPDATE ill_requests SET downloads = downloads + 1
    WHERE id = ${c.id} AND patron_id = ${c.patronId} AND file_name IS NOT NULL AND file_deleted_at IS NULL
      AND downloads < ${c.max} AND delivered_at > ${c.cutoff}
    RETURNING downloads`).pluck();
  const deliveredOf = database.statement((patronId: number) => sql<DeliveredCopy>`
    SELECT file_name AS "fileName", file_size AS size, file_sha256 AS sha256, delivered_at AS "deliveredAt", downloads, file_deleted_at AS "fileDeletedAt"
    FROM ill_requests WHERE patron_id = ${patronId} AND delivered_at IS NOT NULL`);
  const fileNamed = database.statement((name: string) => sql<{ one: number }>`SELECT 1 AS one FROM ill_requests WHERE file_name = ${name}`).pluck();
  const markDeleted = database.statement((p: { id: number; at: number }) => sql`
    UPDATE ill_requests SET file_deleted_at = ${p.at} WHERE id = ${p.id} AND file_deleted_at IS NULL`);
  const expiring = database.statement((now: number) => sql<{ id: number; fileName: string }>`
    SELECT r.id, r.file_name AS "fileName" FROM ill_requests r JOIN patrons p ON p.id = r.patron_id JOIN ill_limits l ON l.patron_type = p.patron_type
    WHERE r.file_name IS NOT NULL AND r.file_deleted_at IS NULL AND r.delivered_at + l.copy_days * 86400000 <= ${now}`);

  return {
    insert(patronId: number, details: IllDetails, declaredAt: number | null, at: number): number {
      return insert.get({ patronId, ...details, declaredAt, at })!;
    },
    find(id: number): IllRequestView | undefined {
      const row = byId.get(id);
      return row ? view(row) : undefined;
    },
    /** The patron's requests, newest first, a page at a time. */
    ofPatron: (patronId: number, limit: number, offset: number) => ofPatron.all(patronId, limit, offset).map(view),
    countOfPatron: (patronId: number) => countOfPatron.get(patronId) ?? 0,
    openCountOf: (patronId: number) => openOfPatron.get(patronId) ?? 0,
    /** The patron's open requests, oldest first (no more than his quota allows, so a handful). */
    openOf: (patronId: number) => openRequestsOf.all(patronId).map(view),
    /** Requests the patron made after `since` (ms), cancelled ones included. */
    madeSince: (patronId: number, since: number) => madeSince.get(patronId, since) ?? 0,
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
