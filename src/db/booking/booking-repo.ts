import { sql } from 'kysely';
import type { Database } from '../engine/database.js';
import type { BookingStatus, FacilityKind } from '../../domain/booking/facility.js';
import type { MemberState } from '../../domain/booking/invitation.js';
import type { CheckInMember } from '../../domain/booking/kiosk.js';

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

const SELECT = sql`SELECT b.*, p.barcode AS patron_barcode, p.name AS patron_name, f.name AS facility_name, f.kind AS facility_kind, f.location AS facility_location
  FROM bookings b JOIN patrons p ON p.id = b.patron_id JOIN facilities f ON f.id = b.facility_id`;
/** The patron booked it, or accepted to be one of its members: an invitation alone makes no booking his. */
const HIS = (patronId: unknown) =>
  sql`(b.patron_id = ${patronId} OR EXISTS (SELECT 1 FROM booking_members m WHERE m.booking_id = b.id AND m.patron_id = ${patronId} AND m.state = 'accepted'))`;
/** Bookings that hold their slots. */
const LIVE = sql`b.status IN ('booked', 'checked_in')`;

/** A slot of the day view: who holds it, and whether the reader is among them. */
export interface TakenRow {
  facilityId: number;
  slotStart: number;
  bookingId: number;
  mine: number;
}

/** A member of a group booking, with where his invitation stands. */
export interface BookingMember {
  id: number;
  barcode: string;
  name: string;
  email: string | null;
  state: MemberState;
}

export type BookingRepo = ReturnType<typeof createBookingRepo>;

type NewBooking = { patronId: number; facilityId: number; date: string; startsAt: number; endsAt: number; slots: number };

export function createBookingRepo(database: Database) {
  const insert = database.statement((b: NewBooking & { at: number }) => sql<{ id: number }>`
    INSERT INTO bookings (patron_id, facility_id, date, starts_at, ends_at, slots, status, status_at, created_at)
    VALUES (${b.patronId}, ${b.facilityId}, ${b.date}, ${b.startsAt}, ${b.endsAt}, ${b.slots}, 'booked', ${b.at}, ${b.at})
    RETURNING id`).pluck();
  const addMember = database.statement((bookingId: number, patronId: number, state: MemberState) =>
    sql`INSERT INTO booking_members (booking_id, patron_id, state) VALUES (${bookingId}, ${patronId}, ${state})`);
  const answer = database.statement((p: { bookingId: number; patronId: number; state: MemberState; at: number }) => sql`
    UPDATE booking_members SET state = ${p.state}, answered_at = ${p.at}
    WHERE booking_id = ${p.bookingId} AND patron_id = ${p.patronId} AND state <> ${p.state}`);
  const invitations = database.statement((p: { patronId: number; now: number }) => sql<Row>`
    ${SELECT} JOIN booking_members m ON m.booking_id = b.id
    WHERE m.patron_id = ${p.patronId} AND m.state = 'invited' AND ${LIVE} AND b.ends_at > ${p.now} ORDER BY b.starts_at LIMIT 50`);
  const claimSlot = database.statement((facilityId: number, slotStart: number, bookingId: number) => sql`
    INSERT INTO booked_slots (facility_id, slot_start, booking_id) VALUES (${facilityId}, ${slotStart}, ${bookingId})`);
  const release = database.statement((bookingId: number) => sql`DELETE FROM booked_slots WHERE booking_id = ${bookingId}`);
  const taken = database.statement((p: { from: number; to: number; patronId: number }) => sql<TakenRow>`
    SELECT s.facility_id AS "facilityId", s.slot_start AS "slotStart", s.booking_id AS "bookingId", CASE WHEN ${HIS(p.patronId)} THEN 1 ELSE 0 END AS mine
    FROM booked_slots s JOIN bookings b ON b.id = s.booking_id WHERE s.slot_start >= ${p.from} AND s.slot_start < ${p.to}`);
  const byId = database.statement((id: number) => sql<Row>`${SELECT} WHERE b.id = ${id}`);
  const used = database.statement((p: { patronId: number; from: string; to: string }) => sql<{ n: number }>`
    SELECT COALESCE(SUM(slots), 0) AS n FROM bookings WHERE patron_id = ${p.patronId} AND date BETWEEN ${p.from} AND ${p.to} AND status IN ('booked', 'checked_in', 'no_show')`).pluck();
  const madeSince = database.statement((p: { patronId: number; since: number }) => sql<{ n: number }>`
    SELECT COUNT(*) AS n FROM bookings WHERE patron_id = ${p.patronId} AND created_at > ${p.since}`).pluck();
  const overlapping = database.statement((p: { patronId: number; from: number; to: number }) => sql<Row>`
    ${SELECT} WHERE ${LIVE} AND b.starts_at < ${p.to} AND ${p.from} < b.ends_at AND ${HIS(p.patronId)} LIMIT 1`);
  const upcoming = database.statement((p: { patronId: number; now: number }) => sql<Row>`
    ${SELECT} WHERE ${LIVE} AND b.ends_at > ${p.now} AND ${HIS(p.patronId)} ORDER BY b.starts_at LIMIT 50`);
  const past = database.statement((p: { patronId: number; now: number; limit: number; offset: number }) => sql<Row>`
    ${SELECT} WHERE NOT (${LIVE} AND b.ends_at > ${p.now}) AND ${HIS(p.patronId)} ORDER BY b.starts_at DESC LIMIT ${p.limit} OFFSET ${p.offset}`);
  const pastCount = database.statement((p: { patronId: number; now: number }) => sql<{ n: number }>`
    SELECT COUNT(*) AS n FROM bookings b WHERE NOT (${LIVE} AND b.ends_at > ${p.now}) AND ${HIS(p.patronId)}`).pluck();
  const setStatus = database.statement((p: { id: number; status: BookingStatus; at: number; reason: string | null }) => sql`
    UPDATE bookings SET status = ${p.status}, status_at = ${p.at}, cancel_reason = COALESCE(${p.reason}, cancel_reason),
      checked_in_at = CASE WHEN CAST(${p.status} AS TEXT) = 'checked_in' THEN ${p.at} ELSE checked_in_at END
    WHERE id = ${p.id} AND status = 'booked' OR (id = ${p.id} AND status = 'checked_in' AND CAST(${p.status} AS TEXT) = 'cancelled')`);
  const waiting = database.statement((startedBy: number) => sql<Row>`${SELECT} WHERE b.status = 'booked' AND b.starts_at <= ${startedBy} ORDER BY b.starts_at`);
  const noShowStarts = database.statement((patronId: number, since: number) => sql<{ startsAt: number }>`
    SELECT starts_at AS "startsAt" FROM bookings WHERE patron_id = ${patronId} AND status = 'no_show' AND starts_at >= ${since}`).pluck();
  const onDate = database.statement((date: string) => sql<Row>`${SELECT} WHERE b.date = ${date} ORDER BY f.name, b.starts_at`);
  const liveBetween = database.statement((p: { from: number; to: number }) => sql<Row>`
    ${SELECT} WHERE ${LIVE} AND b.starts_at < ${p.to} AND ${p.from} < b.ends_at ORDER BY b.starts_at`);
  const membersOf = database.statement((bookingId: number) => sql<BookingMember>`
    SELECT p.id, p.barcode, p.name, p.email, m.state FROM booking_members m JOIN patrons p ON p.id = m.patron_id WHERE m.booking_id = ${bookingId} ORDER BY p.barcode`);
  const atFacilityOn = database.statement((p: { facilityId: number; date: string; patronId: number }) => sql<Row>`
    ${SELECT} WHERE b.facility_id = ${p.facilityId} AND b.date = ${p.date} AND ${LIVE} AND ${HIS(p.patronId)} ORDER BY b.starts_at`);
  const checkInMembers = database.statement((bookingId: number) => sql<{ patronId: number; state: MemberState }>`
    SELECT patron_id AS "patronId", state FROM booking_members WHERE booking_id = ${bookingId}`);

  return {
    /** The patron's live bookings (as booker or member) of a facility on a date, soonest first. */
    atFacilityOn: (facilityId: number, date: string, patronId: number) => atFacilityOn.all({ facilityId, date, patronId }).map(view),
    /** A booking's members as check-in sees them (domain/booking/kiosk.ts): only one who accepted is in it. */
    membersForCheckIn: (bookingId: number): CheckInMember[] =>
      checkInMembers.all(bookingId).map((m) => ({ patronId: m.patronId, accepted: m.state === 'accepted' })),
    insert(b: NewBooking, at: number): number {
      return insert.get({ ...b, at })!;
    },
    /** Invites the members (or, for bookings made before invitations, records them as they were: accepted). */
    addMembers(bookingId: number, patronIds: readonly number[], state: MemberState = 'invited'): void {
      for (const id of patronIds) addMember.run(bookingId, id, state);
    },
    /** A member's answer: false when he is no member of it, or his state was that already. */
    setMemberState: (bookingId: number, patronId: number, state: MemberState, at: number) =>
      answer.run({ bookingId, patronId, state, at }).changes === 1,
    /** The live bookings not yet over to which the patron is invited and has not answered, soonest first. */
    invitationsOf: (patronId: number, now: number) => invitations.all({ patronId, now }).map(view),
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
    /** Bookings the patron made after `since` (ms), cancelled ones included. */
    madeSince: (patronId: number, since: number) => madeSince.get({ patronId, since }) ?? 0,
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
