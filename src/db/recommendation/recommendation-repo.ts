import { sql } from 'kysely';
import type { Database } from '../engine/database.js';
import type { PatronType } from '../../domain/patrons/patron.js';
import type { RecommendationLimits } from '../../domain/recommendation/recommendation-limits.js';
import type { RecommendationStatus, RejectReason } from '../../domain/recommendation/recommendation-status.js';
import type { Recommendation, QueuedRecommendation, PatronRecommendation, Supporter, QueueSort } from '../../domain/recommendation/recommendation.js';

/** As the database gives them: booleans are 0 or 1. */
type SupporterRow = Omit<Supporter, 'requestWhenAvailable'> & { requestWhenAvailable: number };
type PatronRecommendationRow = Omit<PatronRecommendation, 'mine' | 'requestWhenAvailable'> & { mine: number; requestWhenAvailable: number };

export type RecommendationRepo = ReturnType<typeof createRecommendationRepo>;

const COLUMNS = sql`r.id, r.patron_id AS "patronId", r.title, r.author, r.isbn13, r.publisher, r.year, r.format, r.reason, r.note, r.status,
  r.reject_reason AS "rejectReason", r.record_id AS "recordId", r.created_at AS "createdAt", r.match_key AS "matchKey",
  (SELECT COUNT(*) FROM recommendation_supporters s WHERE s.recommendation_id = r.id) AS "supporterCount"`;
const OPEN = sql`r.status IN ('submitted', 'accepted', 'ordered')`;

type NewRecommendation = Omit<Recommendation, 'id' | 'status' | 'rejectReason' | 'recordId' | 'supporterCount'>;
type QueueFilter = { status: RecommendationStatus | null; limit: number; offset: number };

export function createRecommendationRepo(database: Database) {
  const limits = database.statement((type: PatronType) => sql<RecommendationLimits>`
    SELECT open_allowed AS "openAllowed", window_allowed AS "windowAllowed", window_days AS "windowDays" FROM recommendation_limits WHERE patron_type = ${type}`);
  const openCount = database.statement((patronId: number) =>
    sql<{ n: number }>`SELECT COUNT(*) AS n FROM recommendations r WHERE r.patron_id = ${patronId} AND ${OPEN}`).pluck();
  const madeSince = database.statement((patronId: number, sinceMs: number) =>
    sql<{ n: number }>`SELECT COUNT(*) AS n FROM recommendations WHERE patron_id = ${patronId} AND created_at > ${sinceMs}`).pluck();
  const openByIsbn = database.statement((isbn13: string) => sql<Recommendation>`SELECT ${COLUMNS} FROM recommendations r WHERE r.isbn13 = ${isbn13} AND ${OPEN}`);
  const openByKey = database.statement((key: string) => sql<Recommendation>`SELECT ${COLUMNS} FROM recommendations r WHERE r.match_key = ${key} AND ${OPEN}`);
  const byId = database.statement((id: number) => sql<Recommendation>`SELECT ${COLUMNS} FROM recommendations r WHERE r.id = ${id}`);
  const insert = database.statement((r: NewRecommendation) => sql<{ id: number }>`
    INSERT INTO recommendations (patron_id, title, author, isbn13, publisher, year, format, reason, note, created_at, match_key)
    VALUES (${r.patronId}, ${r.title}, ${r.author}, ${r.isbn13}, ${r.publisher}, ${r.year}, ${r.format}, ${r.reason}, ${r.note}, ${r.createdAt}, ${r.matchKey})
    RETURNING id`).pluck();
  const addSupporter = database.statement((recommendationId: number, patronId: number, atMs: number, requestWhenAvailable: number, pickupLocationId: number | null) => sql`
    INSERT INTO recommendation_supporters (recommendation_id, patron_id, at_ms, request_when_available, pickup_location_id)
    VALUES (${recommendationId}, ${patronId}, ${atMs}, ${requestWhenAvailable}, ${pickupLocationId})`);
  const supporters = database.statement((recommendationId: number) => sql<SupporterRow>`
    SELECT patron_id AS "patronId", at_ms AS "atMs", request_when_available AS "requestWhenAvailable", pickup_location_id AS "pickupLocationId"
    FROM recommendation_supporters WHERE recommendation_id = ${recommendationId} ORDER BY at_ms, patron_id`);
  const removeSupporter = database.statement((recommendationId: number, patronId: number) => sql`
    DELETE FROM recommendation_supporters WHERE recommendation_id = ${recommendationId} AND patron_id = ${patronId}`);
  const setOwner = database.statement((patronId: number, id: number) => sql`UPDATE recommendations SET patron_id = ${patronId} WHERE id = ${id}`);
  const setStatus = database.statement((p: { id: number; status: RecommendationStatus; rejectReason: RejectReason | null; recordId: number | null }) => sql`
    UPDATE recommendations SET status = ${p.status}, reject_reason = ${p.rejectReason}, record_id = COALESCE(${p.recordId}, record_id) WHERE id = ${p.id}`);
  const ofPatron = database.statement((patronId: number, limit: number, offset: number) => sql<PatronRecommendationRow>`
    SELECT ${COLUMNS}, CASE WHEN r.patron_id = s.patron_id THEN 1 ELSE 0 END AS mine, s.at_ms AS "supportedAt", s.request_when_available AS "requestWhenAvailable"
    FROM recommendation_supporters s JOIN recommendations r ON r.id = s.recommendation_id
    WHERE s.patron_id = ${patronId} ORDER BY s.at_ms DESC, r.id DESC LIMIT ${limit} OFFSET ${offset}`);
  const countOfPatron = database.statement((patronId: number) =>
    sql<{ n: number }>`SELECT COUNT(*) AS n FROM recommendation_supporters WHERE patron_id = ${patronId}`).pluck();
  const openOfPatron = database.statement((patronId: number) => sql<{ n: number }>`
    SELECT COUNT(*) AS n FROM recommendation_supporters s JOIN recommendations r ON r.id = s.recommendation_id WHERE s.patron_id = ${patronId} AND ${OPEN}`).pluck();
  // The queue: ordered by newest or by supporters, then by id so paging is stable.
  const ONE_STATUS = (status: unknown) => sql`(CAST(${status} AS TEXT) IS NULL OR r.status = ${status})`;
  const queue = (sort: QueueSort) =>
    database.statement((f: QueueFilter) => sql<QueuedRecommendation>`
      SELECT ${COLUMNS}, p.barcode AS "patronBarcode", p.name AS "patronName"
      FROM recommendations r JOIN patrons p ON p.id = r.patron_id
      WHERE ${ONE_STATUS(f.status)}
      ORDER BY ${sort === 'supporters' ? sql`"supporterCount" DESC, r.created_at DESC` : sql`r.created_at DESC`}, r.id DESC
      LIMIT ${f.limit} OFFSET ${f.offset}`);
  const queues: Record<QueueSort, ReturnType<typeof queue>> = { newest: queue('newest'), supporters: queue('supporters') };
  const queueCount = database.statement((f: { status: RecommendationStatus | null }) =>
    sql<{ n: number }>`SELECT COUNT(*) AS n FROM recommendations r WHERE ${ONE_STATUS(f.status)}`).pluck();

  const toSupporter = (row: SupporterRow): Supporter => ({ ...row, requestWhenAvailable: row.requestWhenAvailable === 1 });

  return {
    limitsFor(type: PatronType): RecommendationLimits {
      const found = limits.get(type);
      if (!found) throw new Error(`no recommendation limits for patron type ${type}`);
      return found;
    },
    /** Open recommendations he made (supported ones are not counted). */
    openCountOf: (patronId: number) => openCount.get(patronId) ?? 0,
    /** Recommendations he made after `sinceMs`, whatever became of them. */
    madeSince: (patronId: number, sinceMs: number) => madeSince.get(patronId, sinceMs) ?? 0,
    findOpenByIsbn: (isbn13: string) => openByIsbn.get(isbn13),
    findOpenByKey: (key: string) => openByKey.get(key),
    find: (id: number) => byId.get(id),
    insert(row: NewRecommendation): number {
      return insert.get(row)!;
    },
    addSupporter(recommendationId: number, patronId: number, atMs: number, requestPickup: number | null): void {
      addSupporter.run(recommendationId, patronId, atMs, requestPickup === null ? 0 : 1, requestPickup);
    },
    supporters: (recommendationId: number) => supporters.all(recommendationId).map(toSupporter),
    removeSupporter: (recommendationId: number, patronId: number) => void removeSupporter.run(recommendationId, patronId),
    setOwner: (recommendationId: number, patronId: number) => void setOwner.run(patronId, recommendationId),
    setStatus(id: number, status: RecommendationStatus, rejectReason: RejectReason | null, recordId: number | null): void {
      setStatus.run({ id, status, rejectReason, recordId });
    },
    /** A page of what he made or supports, newest first. */
    ofPatron(patronId: number, limit: number, offset: number): PatronRecommendation[] {
      return ofPatron.all(patronId, limit, offset).map((row) => ({ ...row, mine: row.mine === 1, requestWhenAvailable: row.requestWhenAvailable === 1 }));
    },
    countOfPatron: (patronId: number) => countOfPatron.get(patronId) ?? 0,
    /** Open ones he made or supports: the home's summary. */
    openOfPatron: (patronId: number) => openOfPatron.get(patronId) ?? 0,
    queue: (filter: { status: RecommendationStatus | null; sort: QueueSort; limit: number; offset: number }) => queues[filter.sort].all(filter),
    queueCount: (status: RecommendationStatus | null) => queueCount.get({ status }) ?? 0,
  };
}
