import type { Db } from './connection.js';
import type { BookingStatus, FacilityKind } from '../domain/booking/facility.js';

/** A booking as the patron's page, the staff day view and the mails show it. */
export interface BookingView {
  id: number;
  patronId: number;
  patronBarcode: string;
  patronName: string;
  facilityId: number;
  facilityName: string;
  facilityKind: FacilityKind;
  facilityLocation: string;
  date: string;
  startsAt: number;
  endsAt: number;
  slots: number;
  status: BookingStatus;
  statusAt: number;
  createdAt: number;
  checkedInAt: number | null;
  cancelReason: string | null;
}

interface Row {
  id: number;
  patron_id: number;
  patron_barcode: string;
  patron_name: string;
  facility_id: number;
  facility_name: string;
  facility_kind: FacilityKind;
  facility_location: string;
  date: string;
  starts_at: number;
  ends_at: number;
  slots: number;
  status: BookingStatus;
  status_at: number;
  created_at: number;
  checked_in_at: number | null;
  cancel_reason: string | null;
}

function view(r: Row): BookingView {
  return {
    id: r.id,
    patronId: r.patron_id,
    patronBarcode: r.patron_barcode,
    patronName: r.patron_name,
    facilityId: r.facility_id,
    facilityName: r.facility_name,
    facilityKind: r.facility_kind,
    facilityLocation: r.facility_location,
    date: r.date,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    slots: r.slots,
    status: r.status,
    statusAt: r.status_at,
    createdAt: r.created_at,
    checkedInAt: r.checked_in_at,
    cancelReason: r.cancel_reason,
  };
}

const SELECT = `SELECT b.*, p.barcode AS patron_barcode, p.name AS patron_name, f.name AS facility_name, f.kind AS facility_kind, f.location AS facility_location
  FROM bookings b JOIN patrons p ON p.id = b.patron_id JOIN facilities f ON f.id = b.facility_id`;
/** The patron booked it, or is one of its members. */
const HIS = '(b.patron_id = @patronId OR EXISTS (SELECT 1 FROM booking_members m WHERE m.booking_id = b.id AND m.patron_id = @patronId))';
/** Bookings that hold their slots. */
const LIVE = "b.status IN ('booked', 'checked_in')";

/** A slot of the day view: who holds it, and whether the reader is among them. */
export interface TakenRow {
  facilityId: number;
  slotStart: number;
  bookingId: number;
  mine: number;
}

export type BookingRepo = ReturnType<typeof createBookingRepo>;

export function createBookingRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO bookings (patron_id, facility_id, date, starts_at, ends_at, slots, status, status_at, created_at)
     VALUES (@patronId, @facilityId, @date, @startsAt, @endsAt, @slots, 'booked', @at, @at)`,
  );
  const addMember = db.prepare<[number, number]>('INSERT INTO booking_members (booking_id, patron_id) VALUES (?, ?)');
  const claimSlot = db.prepare<[number, number, number]>('INSERT INTO booked_slots (facility_id, slot_start, booking_id) VALUES (?, ?, ?)');
  const release = db.prepare<[number]>('DELETE FROM booked_slots WHERE booking_id = ?');
  const taken = db.prepare<{ from: number; to: number; patronId: number }, TakenRow>(
    `SELECT s.facility_id AS facilityId, s.slot_start AS slotStart, s.booking_id AS bookingId,
       (b.patron_id = @patronId OR EXISTS (SELECT 1 FROM booking_members m WHERE m.booking_id = b.id AND m.patron_id = @patronId)) AS mine
     FROM booked_slots s JOIN bookings b ON b.id = s.booking_id WHERE s.slot_start >= @from AND s.slot_start < @to`,
  );
  const byId = db.prepare<[number], Row>(`${SELECT} WHERE b.id = ?`);
  const used = db.prepare<{ patronId: number; from: string; to: string }, number>(
    "SELECT COALESCE(SUM(slots), 0) FROM bookings WHERE patron_id = @patronId AND date BETWEEN @from AND @to AND status IN ('booked', 'checked_in', 'no_show')",
  ).pluck();
  const overlapping = db.prepare<{ patronId: number; from: number; to: number }, Row>(
    `${SELECT} WHERE ${LIVE} AND b.starts_at < @to AND @from < b.ends_at AND ${HIS} LIMIT 1`,
  );
  const upcoming = db.prepare<{ patronId: number; now: number }, Row>(`${SELECT} WHERE ${LIVE} AND b.ends_at > @now AND ${HIS} ORDER BY b.starts_at LIMIT 50`);
  const past = db.prepare<{ patronId: number; now: number; limit: number; offset: number }, Row>(
    `${SELECT} WHERE NOT (${LIVE} AND b.ends_at > @now) AND ${HIS} ORDER BY b.starts_at DESC LIMIT @limit OFFSET @offset`,
  );
  const pastCount = db.prepare<{ patronId: number; now: number }, number>(`SELECT COUNT(*) FROM bookings b WHERE NOT (${LIVE} AND b.ends_at > @now) AND ${HIS}`).pluck();
  const setStatus = db.prepare<{ id: number; status: BookingStatus; at: number; reason: string | null }>(
    `UPDATE bookings SET status = @status, status_at = @at, cancel_reason = COALESCE(@reason, cancel_reason),
       checked_in_at = CASE WHEN @status = 'checked_in' THEN @at ELSE checked_in_at END
     WHERE id = @id AND status = 'booked' OR (id = @id AND status = 'checked_in' AND @status = 'cancelled')`,
  );
  const waiting = db.prepare<[number], Row>(`${SELECT} WHERE b.status = 'booked' AND b.starts_at <= ? ORDER BY b.starts_at`);
  const noShowStarts = db.prepare<[number, number], number>("SELECT starts_at FROM bookings WHERE patron_id = ? AND status = 'no_show' AND starts_at >= ?").pluck();
  const onDate = db.prepare<[string], Row>(`${SELECT} WHERE b.date = ? ORDER BY f.name, b.starts_at`);
  const liveBetween = db.prepare<{ from: number; to: number }, Row>(`${SELECT} WHERE ${LIVE} AND b.starts_at < @to AND @from < b.ends_at ORDER BY b.starts_at`);
  const membersOf = db.prepare<[number], { barcode: string; name: string; id: number; email: string | null }>(
    'SELECT p.id, p.barcode, p.name, p.email FROM booking_members m JOIN patrons p ON p.id = m.patron_id WHERE m.booking_id = ? ORDER BY p.barcode',
  );

  return {
    insert(b: { patronId: number; facilityId: number; date: string; startsAt: number; endsAt: number; slots: number }, at: number): number {
      return Number(insert.run({ ...b, at }).lastInsertRowid);
    },
    addMembers(bookingId: number, patronIds: readonly number[]): void {
      for (const id of patronIds) addMember.run(bookingId, id);
    },
    /** Takes the slots for the booking; throws a unique violation (errors.ts) when one is held already. */
    claimSlots(facilityId: number, bookingId: number, starts: readonly number[]): void {
      for (const start of starts) claimSlot.run(facilityId, start, bookingId);
    },
    /** Frees every slot the booking holds. */
    releaseSlots: (bookingId: number) => release.run(bookingId).changes,
    /** Every held slot in [from, to), of every facility, marked when the patron is the booker or a member: one query per day view. */
    takenBetween: (from: number, to: number, patronId: number) => taken.all({ from, to, patronId }),
    find(id: number): BookingView | undefined {
      const row = byId.get(id);
      return row ? view(row) : undefined;
    },
    /** Slots the patron booked on dates from `from` to `to` (cancelled ones not counted). */
    slotsUsed: (patronId: number, from: string, to: string) => used.get({ patronId, from, to }) ?? 0,
    /** A live booking of the patron (as booker or member) overlapping [from, to). */
    overlapping(patronId: number, from: number, to: number): BookingView | undefined {
      const row = overlapping.get({ patronId, from, to });
      return row ? view(row) : undefined;
    },
    /** His live bookings not yet over, soonest first (at most 50: 4 a day for 8 days is 32). */
    upcomingOf: (patronId: number, now: number) => upcoming.all({ patronId, now }).map(view),
    /** The rest (over, cancelled, no-shows), newest first, a page at a time. */
    pastOf: (patronId: number, now: number, limit: number, offset: number) => past.all({ patronId, now, limit, offset }).map(view),
    pastCountOf: (patronId: number, now: number) => pastCount.get({ patronId, now }) ?? 0,
    /** Moves a booking on from booked (or a checked-in one to cancelled): false when it had moved already. */
    setStatus: (id: number, status: BookingStatus, at: number, reason: string | null = null) => setStatus.run({ id, status, at, reason }).changes === 1,
    /** Bookings still waiting for check-in that started at or before `startedBy`. */
    waitingSince: (startedBy: number) => waiting.all(startedBy).map(view),
    noShowStartsOf: (patronId: number, since: number) => noShowStarts.all(patronId, since),
    /** Every booking of a date, of every facility and status (the staff day view). */
    onDate: (date: string) => onDate.all(date).map(view),
    /** Live bookings overlapping [from, to), of every facility (the holders a new blackout tells). */
    liveBetween: (from: number, to: number) => liveBetween.all({ from, to }).map(view),
    membersOf: (bookingId: number) => membersOf.all(bookingId),
  };
}
