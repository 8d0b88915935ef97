import { sql } from 'kysely';
import type { Database } from '../engine/database.js';
import type { RequestStatus, RequestView, PickupLocation } from '../../domain/circulation/request.js';

/** A request not yet collected or cancelled: waiting in the queue, its copy on the way, or on the hold shelf. */
const OPEN = sql.raw("('waiting', 'in_transit', 'ready')");

export type RequestRepo = ReturnType<typeof createRequestRepo>;

const VIEW = sql`SELECT q.id, q.record_id AS "recordId", q.patron_id AS "patronId", r.title, r.author, q.pickup_location_id AS "pickupLocationId",
    p.name AS "pickupLocation", p.code AS "pickupCode", p.hold_days AS "holdDays", q.status, q.placed_at AS "placedAt", q.sent_at AS "sentAt",
    q.ready_at AS "readyAt", q.collect_by AS "collectBy", q.copy_id AS "copyId",
    CASE WHEN q.status = 'waiting' THEN (SELECT COUNT(*) FROM requests o WHERE o.record_id = q.record_id AND o.status = 'waiting'
      AND (o.placed_at < q.placed_at OR (o.placed_at = q.placed_at AND o.id <= q.id))) END AS "queuePosition"
  FROM requests q JOIN records r ON r.id = q.record_id JOIN pickup_locations p ON p.id = q.pickup_location_id`;

const LOCATION = sql`SELECT id, code, name, hold_days AS "holdDays" FROM pickup_locations`;

export function createRequestRepo(database: Database) {
  const openOfPatron = database.statement((patronId: number) => sql<RequestView>`${VIEW} WHERE q.patron_id = ${patronId} AND q.status IN ${OPEN} ORDER BY q.placed_at`);
  const byId = database.statement((id: number) => sql<RequestView>`${VIEW} WHERE q.id = ${id}`);
  const firstWaiting = database.statement((recordId: number) =>
    sql<RequestView>`${VIEW} WHERE q.record_id = ${recordId} AND q.status = 'waiting' ORDER BY q.placed_at, q.id LIMIT 1`);
  const holdingCopy = database.statement((copyId: number) => sql<RequestView>`${VIEW} WHERE q.copy_id = ${copyId} AND q.status IN ('in_transit', 'ready')`);
  const readyOfPatronForRecord = database.statement((patronId: number, recordId: number) =>
    sql<RequestView>`${VIEW} WHERE q.patron_id = ${patronId} AND q.record_id = ${recordId} AND q.status = 'ready'`);
  const waitingCount = database.statement((recordId: number) =>
    sql<{ n: number }>`SELECT COUNT(*) AS n FROM requests WHERE record_id = ${recordId} AND status = 'waiting'`).pluck();
  const waitingByOthers = database.statement((recordId: number, patronId: number) =>
    sql<{ n: number }>`SELECT COUNT(*) AS n FROM requests WHERE record_id = ${recordId} AND patron_id <> ${patronId} AND status = 'waiting'`).pluck();
  const openCount = database.statement((patronId: number) =>
    sql<{ n: number }>`SELECT COUNT(*) AS n FROM requests WHERE patron_id = ${patronId} AND status IN ${OPEN}`).pluck();
  const openForTitle = database.statement((patronId: number, recordId: number) =>
    sql<{ n: number }>`SELECT COUNT(*) AS n FROM requests WHERE patron_id = ${patronId} AND record_id = ${recordId} AND status IN ${OPEN}`).pluck();
  const insert = database.statement((recordId: number, patronId: number, pickupLocationId: number, at: number) => sql<{ id: number }>`
    INSERT INTO requests (record_id, patron_id, pickup_location_id, placed_at, status) VALUES (${recordId}, ${patronId}, ${pickupLocationId}, ${at}, 'waiting')
    RETURNING id`).pluck();
  const setStatus = database.statement((status: RequestStatus, id: number) => sql`UPDATE requests SET status = ${status} WHERE id = ${id}`);
  const makeReady = database.statement((copyId: number, at: number, collectBy: string, id: number) => sql`
    UPDATE requests SET status = 'ready', copy_id = ${copyId}, ready_at = ${at}, collect_by = ${collectBy} WHERE id = ${id} AND status IN ('waiting', 'in_transit')`);
  const sendInTransit = database.statement((copyId: number, at: number, id: number) => sql`
    UPDATE requests SET status = 'in_transit', copy_id = ${copyId}, sent_at = ${at} WHERE id = ${id} AND status = 'waiting'`);
  const overdueHolds = database.statement((today: string) => sql<RequestView>`${VIEW} WHERE q.status = 'ready' AND q.collect_by < ${today}`);
  const locations = database.statement(() => sql<PickupLocation>`${LOCATION} ORDER BY id`);
  const location = database.statement((id: number) => sql<PickupLocation>`${LOCATION} WHERE id = ${id}`);
  const locationByCode = database.statement((code: string) => sql<PickupLocation>`${LOCATION} WHERE code = ${code}`);

  return {
    openOfPatron: (patronId: number) => openOfPatron.all(patronId),
    find: (id: number) => byId.get(id),
    firstWaiting: (recordId: number) => firstWaiting.get(recordId),
    /** The request a copy is on its way to, or waits on the hold shelf for. */
    holdingCopy: (copyId: number) => holdingCopy.get(copyId),
    readyOfPatronForRecord: (patronId: number, recordId: number) => readyOfPatronForRecord.get(patronId, recordId),
    waitingCount: (recordId: number) => waitingCount.get(recordId) ?? 0,
    requestedByOthers: (recordId: number, patronId: number) => (waitingByOthers.get(recordId, patronId) ?? 0) > 0,
    openCount: (patronId: number) => openCount.get(patronId) ?? 0,
    hasOpenForTitle: (patronId: number, recordId: number) => (openForTitle.get(patronId, recordId) ?? 0) > 0,
    insert(recordId: number, patronId: number, pickupLocationId: number, at: number): number {
      return insert.get(recordId, patronId, pickupLocationId, at)!;
    },
    setStatus(id: number, status: RequestStatus): void {
      setStatus.run(status, id);
    },
    /** On the hold shelf at the pickup location, from a waiting request or from one whose copy has arrived. */
    makeReady(id: number, copyId: number, at: number, collectBy: string): void {
      makeReady.run(copyId, at, collectBy, id);
    },
    /** A waiting request's copy is on its way to the pickup location. */
    sendInTransit(id: number, copyId: number, at: number): void {
      sendInTransit.run(copyId, at, id);
    },
    /** Holds whose last day to collect is before `today`. */
    uncollectedBefore: (today: string) => overdueHolds.all(today),
    pickupLocations: () => locations.all(),
    pickupLocation: (id: number) => location.get(id),
    pickupLocationByCode: (code: string) => locationByCode.get(code),
  };
}
