import { sql } from 'kysely';
import type { Database } from '../engine/database.js';
import type { DepositAuthor, DepositFile, DepositLicence, DepositMetadata, DepositRules, DepositStatus, DepositType, DepositVersion } from '../../domain/deposit/deposit.js';
import type { PatronType } from '../../domain/patrons/patron.js';

/** A deposit as its author's pages, the staff queue and the public page show it. */
export interface DepositView {
  id: number;
  patronId: number;
  patronBarcode: string;
  patronName: string;
  patronType: PatronType;
  metadata: DepositMetadata;
  file: DepositFile | null;
  status: DepositStatus;
  statusAt: number;
  reviewerId: number | null;
  reviewerUsername: string | null;
  agreedAt: number | null;
  publishedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: number;
  patron_id: number;
  patron_barcode: string;
  patron_name: string;
  patron_type: PatronType;
  title: string;
  type: DepositType | null;
  year: number | null;
  venue: string;
  doi: string | null;
  abstract: string;
  keywords: string;
  version: DepositVersion | null;
  licence: DepositLicence | null;
  embargo_until: string | null;
  file_name: string | null;
  file_size: number | null;
  file_sha256: string | null;
  file_at: number | null;
  status: DepositStatus;
  status_at: number;
  reviewer_id: number | null;
  reviewer_username: string | null;
  agreed_at: number | null;
  published_at: number | null;
  created_at: number;
  updated_at: number;
}

const SELECT = sql`SELECT d.*, p.barcode AS patron_barcode, p.name AS patron_name, p.patron_type, s.username AS reviewer_username
  FROM deposits d JOIN patrons p ON p.id = d.patron_id LEFT JOIN staff s ON s.id = d.reviewer_id`;

/** Which deposits a staff queue shows: by status, or under review by one member of staff ("mine"). */
export interface QueueFilter {
  status: DepositStatus | null;
  reviewerId: number | null;
}

/** A row (with its patron's and reviewer's columns) and its authors in order, as the pages use them. */
function viewOf(row: Row, authors: DepositAuthor[]): DepositView {
  return {
    id: row.id,
    patronId: row.patron_id,
    patronBarcode: row.patron_barcode,
    patronName: row.patron_name,
    patronType: row.patron_type,
    metadata: {
      title: row.title,
      authors,
      type: row.type,
      year: row.year,
      venue: row.venue,
      doi: row.doi,
      abstract: row.abstract,
      keywords: row.keywords,
      version: row.version,
      licence: row.licence,
      embargoUntil: row.embargo_until,
    },
    file:
      row.file_name === null || row.file_size === null || row.file_sha256 === null
        ? null
        : { fileName: row.file_name, size: row.file_size, sha256: row.file_sha256, at: row.file_at ?? row.updated_at },
    status: row.status,
    statusAt: row.status_at,
    reviewerId: row.reviewer_id,
    reviewerUsername: row.reviewer_username,
    agreedAt: row.agreed_at,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type DepositRepo = ReturnType<typeof createDepositRepo>;

type MetadataFields = Omit<DepositMetadata, 'authors'> & { id: number; from: DepositStatus; at: number };

export function createDepositRepo(database: Database) {
  // A null filter lets every row through.
  const MATCHING = (f: QueueFilter) =>
    sql`(CAST(${f.status} AS TEXT) IS NULL OR d.status = ${f.status}) AND (CAST(${f.reviewerId} AS BIGINT) IS NULL OR d.reviewer_id = ${f.reviewerId})`;
  const insert = database.statement((patronId: number, at: number) => sql<{ id: number }>`
    INSERT INTO deposits (patron_id, status, status_at, created_at, updated_at) VALUES (${patronId}, 'draft', ${at}, ${at}, ${at}) RETURNING id`).pluck();
  const byId = database.statement((id: number) => sql<Row>`${SELECT} WHERE d.id = ${id}`);
  const authorsOf = database.statement((depositId: number) => sql<DepositAuthor>`SELECT name, orcid FROM deposit_authors WHERE deposit_id = ${depositId} ORDER BY position`);
  const ofPatron = database.statement((patronId: number, limit: number, offset: number) => sql<Row>`
    ${SELECT} WHERE d.patron_id = ${patronId} ORDER BY d.id DESC LIMIT ${limit} OFFSET ${offset}`);
  const countOfPatron = database.statement((patronId: number) => sql<{ n: number }>`SELECT COUNT(*) AS n FROM deposits WHERE patron_id = ${patronId}`).pluck();
  const statusCounts = database.statement((patronId: number) => sql<{ status: DepositStatus; n: number }>`
    SELECT status, COUNT(*) AS n FROM deposits WHERE patron_id = ${patronId} GROUP BY status`);
  const queue = database.statement((f: QueueFilter & { limit: number; offset: number }) => sql<Row>`
    ${SELECT} WHERE ${MATCHING(f)} ORDER BY d.status_at, d.id LIMIT ${f.limit} OFFSET ${f.offset}`);
  const queueCount = database.statement((f: QueueFilter) => sql<{ n: number }>`SELECT COUNT(*) AS n FROM deposits d WHERE ${MATCHING(f)}`).pluck();
  const published = database.statement((limit: number, offset: number) => sql<Row>`
    ${SELECT} WHERE d.status = 'published' ORDER BY d.published_at DESC, d.id DESC LIMIT ${limit} OFFSET ${offset}`);
  const publishedCount = database.statement(() => sql<{ n: number }>`SELECT COUNT(*) AS n FROM deposits WHERE status = 'published'`).pluck();
  const saveMetadata = database.statement((m: MetadataFields) => sql`
    UPDATE deposits SET title = ${m.title}, type = ${m.type}, year = ${m.year}, venue = ${m.venue}, doi = ${m.doi}, abstract = ${m.abstract}, keywords = ${m.keywords},
      version = ${m.version}, licence = ${m.licence}, embargo_until = ${m.embargoUntil}, updated_at = ${m.at}
    WHERE id = ${m.id} AND status = ${m.from}`);
  const dropAuthors = database.statement((depositId: number) => sql`DELETE FROM deposit_authors WHERE deposit_id = ${depositId}`);
  const addAuthor = database.statement((depositId: number, position: number, name: string, orcid: string | null) => sql`
    INSERT INTO deposit_authors (deposit_id, position, name, orcid) VALUES (${depositId}, ${position}, ${name}, ${orcid})`);
  const setFile = database.statement((f: { id: number; from: DepositStatus; fileName: string; size: number; sha256: string; at: number }) => sql`
    UPDATE deposits SET file_name = ${f.fileName}, file_size = ${f.size}, file_sha256 = ${f.sha256}, file_at = ${f.at}, updated_at = ${f.at} WHERE id = ${f.id} AND status = ${f.from}`);
  const setStatus = database.statement((c: { id: number; from: DepositStatus; to: DepositStatus; at: number; agreedAt: number | null; publishedAt: number | null }) => sql`
    UPDATE deposits SET status = ${c.to}, status_at = ${c.at}, agreed_at = COALESCE(${c.agreedAt}, agreed_at), published_at = COALESCE(${c.publishedAt}, published_at)
    WHERE id = ${c.id} AND status = ${c.from}`);
  // The one statement that decides who gets a deposit to review: of two at once, one changes the row.
  const claim = database.statement((c: { id: number; staffId: number; at: number }) => sql`
    UPDATE deposits SET status = 'under_review', reviewer_id = ${c.staffId}, status_at = ${c.at} WHERE id = ${c.id} AND status = 'submitted'`);
  const fileNamed = database.statement((name: string) => sql<{ one: number }>`SELECT 1 AS one FROM deposits WHERE file_name = ${name}`).pluck();
  const rules = database.statement((type: PatronType) => sql<{ mayDeposit: number; embargoMaxYears: number; draftsAllowed: number; storageMb: number }>`
    SELECT may_deposit AS "mayDeposit", embargo_max_years AS "embargoMaxYears", drafts_allowed AS "draftsAllowed", storage_mb AS "storageMb"
    FROM deposit_rules WHERE patron_type = ${type}`);
  const draftCount = database.statement((patronId: number) => sql<{ n: number }>`
    SELECT COUNT(*) AS n FROM deposits WHERE patron_id = ${patronId} AND status = 'draft'`).pluck();
  const storedBytes = database.statement((patronId: number) => sql<{ n: number }>`
    SELECT COALESCE(SUM(file_size), 0) AS n FROM deposits WHERE patron_id = ${patronId}`).pluck();
  // Drafts last changed at or before `since` whose author has an address and has not been told about this untouched spell.
  const unwarned = database.statement((since: number) => sql<Row>`
    ${SELECT} WHERE d.status = 'draft' AND d.updated_at <= ${since} AND p.email IS NOT NULL AND p.email <> ''
      AND NOT EXISTS (SELECT 1 FROM deposit_expiry_notices n WHERE n.deposit_id = d.id AND n.untouched_since = d.updated_at)
    ORDER BY d.id`);
  const claimWarning = database.statement((id: number, untouchedSince: number, at: number) => sql`
    INSERT INTO deposit_expiry_notices (deposit_id, untouched_since, sent_at) VALUES (${id}, ${untouchedSince}, ${at}) ON CONFLICT DO NOTHING`);
  // Drafts whose days are up, told long enough ago (or whose author has no address to be told at).
  const expired = database.statement((c: { since: number; warnedBy: number }) => sql<{ id: number; updatedAt: number; fileName: string | null }>`
    SELECT d.id, d.updated_at AS "updatedAt", d.file_name AS "fileName" FROM deposits d JOIN patrons p ON p.id = d.patron_id
    WHERE d.status = 'draft' AND d.updated_at <= ${c.since}
      AND (p.email IS NULL OR p.email = ''
        OR EXISTS (SELECT 1 FROM deposit_expiry_notices n WHERE n.deposit_id = d.id AND n.untouched_since = d.updated_at AND n.sent_at <= ${c.warnedBy}))
    ORDER BY d.id`);
  const dropHistory = database.statement((id: number) => sql`DELETE FROM status_history WHERE subject = 'deposit' AND subject_id = ${id}`);
  const dropDraft = database.statement((id: number, updatedAt: number) => sql`
    DELETE FROM deposits WHERE id = ${id} AND status = 'draft' AND updated_at = ${updatedAt}`);

  const view = (row: Row): DepositView => viewOf(row, authorsOf.all(row.id));

  return {
    create: (patronId: number, at: number): number => insert.get(patronId, at)!,
    find(id: number): DepositView | undefined {
      const row = byId.get(id);
      return row ? view(row) : undefined;
    },
    /** The patron's deposits, newest first, a page at a time. */
    ofPatron: (patronId: number, limit: number, offset: number) => ofPatron.all(patronId, limit, offset).map(view),
    countOfPatron: (patronId: number) => countOfPatron.get(patronId) ?? 0,
    /** How many of the patron's deposits are in each status. */
    statusCountsOf(patronId: number): Partial<Record<DepositStatus, number>> {
      return Object.fromEntries(statusCounts.all(patronId).map((r) => [r.status, r.n]));
    },
    /** A staff queue, the longest waiting first. */
    queue: (filter: QueueFilter, limit: number, offset: number) => queue.all({ ...filter, limit, offset }).map(view),
    queueCount: (filter: QueueFilter) => queueCount.get(filter) ?? 0,
    /** The public list: published deposits, newest first. */
    published: (limit: number, offset: number) => published.all(limit, offset).map(view),
    publishedCount: () => publishedCount.get() ?? 0,
    /**
     * Replaces the metadata and the authors, only while the deposit is still in `from`: false when it
     * has moved on. Call inside a transaction, so the authors are never half-replaced.
     */
    saveMetadata(id: number, from: DepositStatus, m: DepositMetadata, at: number): boolean {
      const { authors, ...fields } = m;
      if (saveMetadata.run({ id, from, at, ...fields }).changes !== 1) return false;
      dropAuthors.run(id);
      authors.forEach((a, i) => addAuthor.run(id, i + 1, a.name, a.orcid));
      return true;
    },
    setFile: (id: number, from: DepositStatus, file: { fileName: string; size: number; sha256: string }, at: number) => setFile.run({ id, from, at, ...file }).changes === 1,
    /** Moves a deposit on, only from the status it was seen in. */
    setStatus(id: number, from: DepositStatus, to: DepositStatus, at: number, extra: { agreedAt?: number; publishedAt?: number } = {}): boolean {
      return setStatus.run({ id, from, to, at, agreedAt: extra.agreedAt ?? null, publishedAt: extra.publishedAt ?? null }).changes === 1;
    },
    /** Claims a submitted deposit for review: true for the one member of staff who got it. */
    claim: (id: number, staffId: number, at: number) => claim.run({ id, staffId, at }).changes === 1,
    /** Whether a deposit names this stored file (the orphan sweep keeps it). */
    namesFile: (name: string) => fileNamed.get(name) !== undefined,
    rulesFor(type: PatronType): DepositRules {
      const row = rules.get(type);
      // A type without a row may not deposit, rather than the portal failing.
      return row
        ? { mayDeposit: row.mayDeposit === 1, embargoMaxYears: row.embargoMaxYears, draftsAllowed: row.draftsAllowed, storageMb: row.storageMb }
        : { mayDeposit: false, embargoMaxYears: 0, draftsAllowed: 0, storageMb: 0 };
    },
    /** How many of the patron's deposits are drafts. */
    draftCount: (patronId: number): number => draftCount.get(patronId) ?? 0,
    /** The bytes of every deposit file the patron keeps, in any status. */
    storedBytes: (patronId: number): number => Number(storedBytes.get(patronId) ?? 0),
    /** Drafts last changed at or before `since`, whose author has an address and has not been warned since. */
    unwarnedDrafts: (since: number): DepositView[] => unwarned.all(since).map(view),
    /** Records the warning about a draft's untouched spell before it is mailed: false if another process has. */
    claimWarning: (id: number, untouchedSince: number, at: number): boolean => claimWarning.run(id, untouchedSince, at).changes === 1,
    /** Drafts to delete now: last changed at or before `since`, and warned at or before `warnedBy` (or with nobody to warn). */
    expiredDrafts: (since: number, warnedBy: number) => expired.all({ since, warnedBy }),
    /**
     * Deletes a draft with its authors, warnings and history, only if it is still a draft last changed
     * at `updatedAt` (not saved meanwhile). Call inside a transaction. The file is the caller's to remove.
     */
    deleteDraft(id: number, updatedAt: number): boolean {
      if (dropDraft.run(id, updatedAt).changes !== 1) return false;
      dropHistory.run(id);
      return true;
    },
  };
}
