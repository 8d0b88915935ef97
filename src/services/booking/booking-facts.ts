/**
 * What several iBooking flows read the same way: today and the dates open for booking, a
 * patron's suspension and slots left, a date's slots at every facility, and the facts the
 * booking rules need of each invited barcode. Reads only; each flow's factory builds its own.
 */
import type { Database } from '../../db/engine/database.js';
import type { BookingRepo } from '../../db/booking/booking-repo.js';
import type { FacilityRepo } from '../../db/booking/facility-repo.js';
import type { PatronRepo } from '../../db/patrons/patron-repo.js';
import type { StatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import { addDays, libraryDateOf, type LibraryDate } from '../../domain/shared/library-date.js';
import { slotsLeft, type MemberFacts } from '../../domain/booking/booking-rules.js';
import { dayStartMs, weekOf } from '../../domain/booking/booking-time.js';
import { slotsOfDay, type Slot } from '../../domain/booking/day-slots.js';
import type { Facility } from '../../domain/booking/facility.js';
import { noShowsSince, suspendedUntil } from '../../domain/booking/no-shows.js';
import type { Patron } from '../../domain/patrons/patron.js';
import type { Clock } from '../../lib/clock.js';
import type { BookingNotes } from './booking-notes.js';

/** Everything the iBooking flows are built from; each flow takes the part it uses. */
export interface BookingServiceDeps {
  db: Database;
  bookings: BookingRepo;
  facilities: FacilityRepo;
  patrons: PatronRepo;
  history: StatusHistoryRepo;
  notes: BookingNotes;
  clock: Clock;
  publicUrl: string;
}

export interface FacilityDay {
  facility: Facility;
  slots: Slot[];
}

export type BookingFacts = ReturnType<typeof createBookingFacts>;

export function createBookingFacts(deps: Pick<BookingServiceDeps, 'bookings' | 'facilities' | 'patrons' | 'clock'>) {
  const { bookings, facilities, patrons, clock } = deps;
  const today = () => libraryDateOf(clock.now());

  /** The dates the day view offers: today to daysAhead days on. */
  function dates(): LibraryDate[] {
    const first = today();
    return Array.from({ length: facilities.rules().daysAhead + 1 }, (_, i) => addDays(first, i));
  }

  /** Until when the patron may not book (3 no-shows in 30 days), or null. */
  function suspensionOf(patronId: number): number | null {
    const rules = facilities.rules();
    const now = clock.now();
    return suspendedUntil(bookings.noShowStartsOf(patronId, noShowsSince(now, rules)), now, rules);
  }

  /** How many slots the patron has left on a date and in its week (Monday to Sunday). */
  function quota(patron: Patron, date: LibraryDate) {
    const limits = facilities.limitsFor(patron.patronType);
    const week = weekOf(date);
    const usedThatDay = bookings.slotsUsed(patron.id, date, date);
    const usedThatWeek = bookings.slotsUsed(patron.id, week.monday, week.sunday);
    return { limits, usedThatDay, usedThatWeek, left: slotsLeft({ limits, usedThatDay, usedThatWeek }) };
  }

  /**
   * Every facility's slots on a date: the facilities with their hours, that day's held slots and
   * blackouts are read once each, and the states computed in the domain, never a query per slot.
   */
  function day(date: LibraryDate, readerId: number): FacilityDay[] {
    const from = dayStartMs(date);
    const to = dayStartMs(addDays(date, 1));
    const all = facilities.all();
    const blackouts = facilities.blackoutsBetween(from, to);
    const byFacility = new Map<number, Map<number, { bookingId: number; mine: boolean }>>();
    for (const row of bookings.takenBetween(from, to, readerId)) {
      let taken = byFacility.get(row.facilityId);
      if (!taken) byFacility.set(row.facilityId, (taken = new Map<number, { bookingId: number; mine: boolean }>()));
      taken.set(row.slotStart, { bookingId: row.bookingId, mine: row.mine === 1 });
    }
    const now = clock.now();
    return all.map((facility) => ({
      facility,
      slots: slotsOfDay(facility, date, { now, blackouts, taken: byFacility.get(facility.id) ?? new Map() }),
    }));
  }

  /** What the rules need of each barcode given; only "invitable or not" ever reaches the booker. */
  function memberFacts(
    barcodes: readonly string[],
    facility: Facility,
    span: { from: number; to: number },
    date: LibraryDate,
  ): { facts: MemberFacts[]; ids: number[] } {
    const facts: MemberFacts[] = [];
    const ids: number[] = [];
    for (const barcode of barcodes) {
      const member = patrons.findByBarcode(barcode);
      if (!member) {
        facts.push({ barcode, found: false, expired: false, allowed: false, busy: false });
        continue;
      }
      const expired = member.expiryDate !== null && member.expiryDate < date;
      const allowed = facility.patronTypes.includes(member.patronType);
      // Busy: he holds another facility then, as booker or accepted member; other invitations do not count.
      const busy = bookings.overlapping(member.id, span.from, span.to) !== undefined;
      facts.push({ barcode, found: true, expired, allowed, busy });
      if (!ids.includes(member.id)) ids.push(member.id);
    }
    return { facts, ids };
  }

  return { today, dates, suspensionOf, quota, day, memberFacts };
}
