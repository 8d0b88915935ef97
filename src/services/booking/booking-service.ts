/**
 * iBooking (docs/rules.md §8): the day view, booking, cancelling, check-in and no-shows.
 * A booking is one IMMEDIATE transaction that reads every fact the rules need, checks them all
 * (booking-rules.ts) and inserts the booking with one booked_slots row per slot: that table's
 * primary key (facility, slot start) is what makes a double booking impossible, across server
 * processes too. A clash rolls the whole booking back and is answered "just taken".
 * A group room's members are invited (invitation.ts): each is mailed, and answers himself.
 */
import type { Database } from '../../db/engine/database.js';
import { isUniqueViolation } from '../../db/engine/errors.js';
import type { BookingMember, BookingRepo, BookingView } from '../../db/booking/booking-repo.js';
import type { FacilityRepo } from '../../db/booking/facility-repo.js';
import type { PatronRepo } from '../../db/patrons/patron-repo.js';
import type { HistoryEntry, StatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import { addDays, libraryDateOf, type LibraryDate } from '../../domain/circulation/library-date.js';
import {
  bookedSpan,
  bookingsMadeSince,
  checkBooking,
  slotMoments,
  slotsLeft,
  type BookingViolation,
  type MemberFacts,
} from '../../domain/booking/booking-rules.js';
import { readBookingForm, type BookingFormField, type BookingFormProblem } from '../../domain/booking/booking-form.js';
import { DAY_MS, dayStartMs, weekOf } from '../../domain/booking/booking-time.js';
import { slotsOfDay, slotsStillAhead, type Slot } from '../../domain/booking/day-slots.js';
import type { Facility } from '../../domain/booking/facility.js';
import { cancelledByDecline, checkAnswer, memberAsShown, type Answer, type MemberState } from '../../domain/booking/invitation.js';
import { checkInWindow, isNoShow, noShowsSince, suspendedUntil, type CheckInWindow } from '../../domain/booking/no-shows.js';
import type { Patron } from '../../domain/patrons/patron.js';
import type { Clock } from '../../lib/clock.js';
import type { Localizer } from '../../messages/index.js';
import { bookingCalendar } from './booking-calendar.js';
import type { BookingNotes, KioskActor, StaffActor } from './booking-notes.js';
import { chooseKioskBooking, kioskLines, mayCheckIn, type KioskChoice } from '../../domain/booking/kiosk.js';

/** Past bookings on one page of the patron's list. */
export const BOOKING_PAGE_SIZE = 10;
/** The longest reason staff may give for cancelling. */
export const CANCEL_REASON_MAX = 200;

export interface FacilityDay {
  facility: Facility;
  slots: Slot[];
}

export type BookResult =
  | { kind: 'booked'; booking: BookingView }
  | { kind: 'malformed'; problems: BookingFormProblem[] }
  | { kind: 'not-found' }
  | { kind: 'refused'; facility: Facility; violations: BookingViolation[] }
  /** Someone else took one of the slots first (booked_slots' primary key): nothing was stored. */
  | { kind: 'taken'; facility: Facility; date: LibraryDate };

export type CancelResult = { kind: 'cancelled'; booking: BookingView } | { kind: 'not-found' } | { kind: 'too-late'; booking: BookingView };

/** The booking the confirm page asks about: his and cancellable (open), his but started or closed (too-late), or not his. */
export type CancelCheck = { kind: 'open'; booking: BookingView } | { kind: 'not-found' } | { kind: 'too-late'; booking: BookingView };

/** A booking's calendar file; none for one that no longer holds its slots (cancelled, a no-show): it will not take place. */
export type CalendarResult = { kind: 'calendar'; text: string } | { kind: 'not-found' } | { kind: 'not-held'; booking: BookingView };

export type CheckInResult =
  | { kind: 'checked-in'; booking: BookingView }
  | { kind: 'not-found' }
  | { kind: 'not-waiting'; booking: BookingView }
  | { kind: 'outside-window'; booking: BookingView; window: CheckInWindow };

/** A patron's check-in at a facility's kiosk: done, or why not (too early, already in, too late, none of his there). */
export type KioskCheckInResult = { kind: 'checked-in'; booking: BookingView } | Exclude<KioskChoice<BookingView>, { kind: 'open' }>;

export type StaffCancelResult =
  | { kind: 'cancelled'; booking: BookingView }
  | { kind: 'not-found' }
  | { kind: 'closed'; booking: BookingView }
  | { kind: 'reason-required' }
  | { kind: 'reason-too-long' };

export type AnswerResult =
  | { kind: 'accepted'; booking: BookingView }
  | { kind: 'declined'; booking: BookingView; left: boolean; cancelled: boolean }
  | { kind: 'unchanged'; booking: BookingView; state: MemberState }
  | { kind: 'closed'; booking: BookingView }
  | { kind: 'busy'; booking: BookingView; facility: string; from: number; to: number; asMember: boolean }
  | { kind: 'not-found' };

export interface BookingLine extends BookingView {
  history: HistoryEntry[];
  /** The other members as the reader may see them: a name once accepted, else the barcode's last 4 characters. */
  members: Array<{ shown: string; state: MemberState }>;
  /** The reader booked it (and so may cancel it), or is one of its members. */
  own: boolean;
  mayCancel: boolean;
  /** The reader is an accepted member of it, who may leave it before it is over. */
  mayLeave: boolean;
}

export type BookingService = ReturnType<typeof createBookingService>;

/** A slot is held by one booking at a time: its primary key refuses a second. */
const isSlotClash = isUniqueViolation;

export function createBookingService(deps: {
  db: Database;
  bookings: BookingRepo;
  facilities: FacilityRepo;
  patrons: PatronRepo;
  history: StatusHistoryRepo;
  notes: BookingNotes;
  clock: Clock;
  publicUrl: string;
}) {
  const { db, bookings, facilities, patrons, history, notes, clock } = deps;
  const today = () => libraryDateOf(clock.now());

  /** The dates the day view offers: today to daysAhead days on. */
  function dates(): LibraryDate[] {
    const first = today();
    return Array.from({ length: facilities.rules().daysAhead + 1 }, (_, i) => addDays(first, i));
  }

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

  /** The members of a booking as a reader other than staff may see them. */
  const shownMembers = (members: BookingMember[], readerId: number) =>
    members.filter((m) => m.id !== readerId).map((m) => ({ shown: memberAsShown(m), state: m.state }));

  function lines(list: BookingView[], readerId: number): BookingLine[] {
    const histories = history.ofMany(
      'booking',
      list.map((b) => b.id),
    );
    const now = clock.now();
    return list.map((b) => {
      const members = bookings.membersOf(b.id);
      const live = b.status === 'booked' || b.status === 'checked_in';
      return {
        ...b,
        history: histories.get(b.id) ?? [],
        members: shownMembers(members, readerId),
        own: b.patronId === readerId,
        mayCancel: b.patronId === readerId && b.status === 'booked' && b.startsAt > now,
        mayLeave: live && b.endsAt > now && members.some((m) => m.id === readerId && m.state === 'accepted'),
      };
    });
  }

  return {
    today,
    dates,
    rules: () => facilities.rules(),
    /** Until when the patron may not book (3 no-shows in 30 days), or null. */
    suspendedUntil: (patron: Patron) => suspensionOf(patron.id),
    quota,

    /**
     * The patron's day view: undefined for a date outside today … daysAhead. Only the slots not yet
     * over are listed (slotsStillAhead); `endedAt` marks a facility whose every slot that day is over.
     * The booking form asks for every slot, to name the state of the one chosen even when it is over.
     */
    dayView(patron: Patron, date: LibraryDate, listed: 'ahead' | 'all' = 'ahead') {
      if (!dates().includes(date)) return undefined;
      const now = clock.now();
      return {
        date,
        facilities: day(date, patron.id).map((d) =>
          listed === 'all'
            ? { facility: d.facility, slots: d.slots, endedAt: null }
            : { facility: d.facility, ...slotsStillAhead(d.slots, now) },
        ),
        quota: quota(patron, date),
        suspendedUntil: suspensionOf(patron.id),
      };
    },

    /**
     * The staff day view: every facility's slots, and the date's bookings in the order the day
     * runs (by start, then facility), since the desk works through them by the clock. Cancelled
     * ones come apart: they no longer hold a room and would crowd the list staff act on, yet staff
     * are asked "why was my booking cancelled?", so they are kept, with their reasons, below.
     * No-shows stay in the day's list: they happened at their time and count towards suspensions.
     */
    staffDay(date: LibraryDate) {
      const rules = facilities.rules();
      const now = clock.now();
      const all = bookings
        .onDate(date)
        .map((b) => ({ ...b, window: checkInWindow(b.startsAt, now, rules), members: bookings.membersOf(b.id) }))
        .sort((a, b) => a.startsAt - b.startsAt || a.facilityName.localeCompare(b.facilityName) || a.id - b.id);
      return {
        date,
        facilities: day(date, 0),
        bookings: all.filter((b) => b.status !== 'cancelled'),
        cancelled: all.filter((b) => b.status === 'cancelled'),
      };
    },

    facility: (id: number) => facilities.find(id),

    /** A booking: the form read, every rule checked and the slots taken, in one IMMEDIATE transaction. */
    book(patron: Patron, values: Record<BookingFormField, string>): BookResult {
      const read = readBookingForm(values);
      if (!read.ok) return { kind: 'malformed', problems: read.problems };
      const { form } = read;
      let result: BookResult;
      let memberNames: string[] = [];
      let invited: number[] = [];
      try {
        result = db.transaction((): BookResult => {
          const facility = facilities.find(form.facilityId);
          if (!facility) return { kind: 'not-found' };
          const asked = { facility, date: form.date, start: form.start, slots: form.slots, members: form.members };
          const span = bookedSpan(asked);
          const rules = facilities.rules();
          const used = quota(patron, form.date);
          const overlap = bookings.overlapping(patron.id, span.from, span.to);
          const overlapping = overlap
            ? { facility: overlap.facilityName, from: overlap.startsAt, to: overlap.endsAt, asMember: overlap.patronId !== patron.id }
            : null;
          const members = memberFacts(form.members, facility, span, form.date);
          const violations = checkBooking(asked, {
            now: clock.now(),
            today: today(),
            rules,
            limits: used.limits,
            booker: { barcode: patron.barcode, patronType: patron.patronType },
            suspendedUntil: suspensionOf(patron.id),
            blackouts: facilities.blackoutsBetween(span.from, span.to),
            usedThatDay: used.usedThatDay,
            usedThatWeek: used.usedThatWeek,
            madeLately: bookings.madeSince(patron.id, bookingsMadeSince(clock.now())),
            overlapping,
            members: members.facts,
          });
          if (violations.length > 0) return { kind: 'refused', facility, violations };
          const at = clock.now();
          const id = bookings.insert(
            { patronId: patron.id, facilityId: facility.id, date: form.date, startsAt: span.from, endsAt: span.to, slots: form.slots },
            at,
          );
          bookings.addMembers(id, members.ids);
          // Throws when another booking holds any of the slots: the transaction, booking row included, is undone.
          bookings.claimSlots(facility.id, id, slotMoments(asked));
          const booking = bookings.find(id)!;
          notes.record(booking, { status: 'booked', at, actor: 'patron' });
          // Every member is only invited so far: the booker sees the ends of their barcodes, never names.
          memberNames = bookings.membersOf(id).map(memberAsShown);
          invited = members.ids;
          return { kind: 'booked', booking };
        });
      } catch (err) {
        if (!isSlotClash(err)) throw err;
        const facility = facilities.find(form.facilityId)!;
        return { kind: 'taken', facility, date: form.date };
      }
      if (result.kind === 'booked') {
        notes.confirmed(result.booking, memberNames);
        for (const memberId of invited) notes.invited(result.booking, memberId);
      }
      return result;
    },

    /**
     * A member accepts or declines an invitation (or, declining after accepting, leaves the
     * booking), in one IMMEDIATE transaction: accepting checks "one facility at a time" against
     * what he holds at that moment; a decline that leaves too few people before the start cancels
     * the booking and frees its slots, and the booker (and each member who accepted) is mailed.
     */
    answer(patron: Patron, id: number, answer: Answer): AnswerResult {
      let mail: (() => void) | undefined;
      const result = db.transaction((): AnswerResult => {
        const booking = bookings.find(id);
        const members = booking ? bookings.membersOf(id) : [];
        const me = members.find((m) => m.id === patron.id);
        if (!booking || !me) return { kind: 'not-found' };
        const now = clock.now();
        const busy = answer === 'accept' ? bookings.overlapping(patron.id, booking.startsAt, booking.endsAt) : undefined;
        const check = checkAnswer(answer, {
          now,
          state: me.state,
          booking,
          busyWith: busy
            ? { facility: busy.facilityName, from: busy.startsAt, to: busy.endsAt, asMember: busy.patronId !== patron.id }
            : null,
        });
        if (check.kind === 'closed') return { kind: 'closed', booking };
        if (check.kind === 'busy')
          return { kind: 'busy', booking, facility: check.facility, from: check.from, to: check.to, asMember: check.asMember };
        if (check.kind === 'unchanged' || !bookings.setMemberState(id, patron.id, check.state, now))
          return { kind: 'unchanged', booking, state: check.kind === 'unchanged' ? check.state : me.state };
        if (check.state === 'accepted') return { kind: 'accepted', booking };
        const states = members.map((m) => (m.id === patron.id ? 'declined' : m.state));
        const facility = facilities.find(booking.facilityId)!;
        const cancel = cancelledByDecline({ now, capacityMin: facility.capacityMin, booking, states });
        if (cancel && bookings.setStatus(id, 'cancelled', now)) {
          bookings.releaseSlots(id);
          notes.record(booking, { status: 'cancelled', at: now, actor: null, reason: 'too_few_people' });
          const told = [booking.patronId, ...members.filter((m) => m.state === 'accepted' && m.id !== patron.id).map((m) => m.id)];
          mail = () => notes.cancelledTooFew(booking, told);
        }
        return { kind: 'declined', booking: bookings.find(id)!, left: me.state === 'accepted', cancelled: cancel };
      });
      mail?.();
      return result;
    },

    /** What the confirm page asks about: his own booking, and whether it may still be cancelled (as cancel decides). */
    cancelCheck(patron: Patron, id: number): CancelCheck {
      const booking = bookings.find(id);
      if (!booking || booking.patronId !== patron.id) return { kind: 'not-found' };
      return booking.status === 'booked' && booking.startsAt > clock.now() ? { kind: 'open', booking } : { kind: 'too-late', booking };
    },

    /** The patron cancels his own booking before it starts: its slots are free at once. */
    cancel(patron: Patron, id: number): CancelResult {
      return db.transaction((): CancelResult => {
        const booking = bookings.find(id);
        if (!booking || booking.patronId !== patron.id) return { kind: 'not-found' };
        const at = clock.now();
        if (booking.status !== 'booked' || booking.startsAt <= at || !bookings.setStatus(id, 'cancelled', at))
          return { kind: 'too-late', booking };
        bookings.releaseSlots(id);
        notes.record(booking, { status: 'cancelled', at, actor: 'patron' });
        return { kind: 'cancelled', booking };
      });
    },

    /** His bookings: the upcoming ones soonest first, then the rest, newest first, a page at a time. */
    listOf(patron: Patron, page: number) {
      const now = clock.now();
      const total = bookings.pastCountOf(patron.id, now);
      const pages = Math.max(1, Math.ceil(total / BOOKING_PAGE_SIZE));
      const current = Math.min(Math.max(page, 1), pages);
      return {
        invitations: bookings
          .invitationsOf(patron.id, now)
          .map((b) => ({ ...b, members: shownMembers(bookings.membersOf(b.id), patron.id) })),
        upcoming: lines(bookings.upcomingOf(patron.id, now), patron.id),
        past: lines(bookings.pastOf(patron.id, now, BOOKING_PAGE_SIZE, (current - 1) * BOOKING_PAGE_SIZE), patron.id),
        total,
        page: current,
        pages,
        suspendedUntil: suspensionOf(patron.id),
      };
    },

    /**
     * The .ics of a booking the patron made or accepted to be a member of; not-found (a 404) for
     * anyone else's; not-held for one cancelled or released, which would put a meeting that will
     * not take place in his calendar.
     */
    calendarOf(patron: Patron, id: number, l: Localizer): CalendarResult {
      const booking = bookings.find(id);
      if (!booking) return { kind: 'not-found' };
      const member = bookings.membersOf(id).some((m) => m.id === patron.id && m.state === 'accepted');
      if (booking.patronId !== patron.id && !member) return { kind: 'not-found' };
      if (booking.status === 'cancelled' || booking.status === 'no_show') return { kind: 'not-held', booking };
      return { kind: 'calendar', text: bookingCalendar(booking, l, deps.publicUrl) };
    },

    /** The home's line: his next booking not yet over, if any. */
    next(patron: Patron): BookingView | undefined {
      return bookings.upcomingOf(patron.id, clock.now())[0];
    },

    /** Staff check a booking in, from a few minutes before its start to 10 minutes after. */
    checkIn(actor: StaffActor, id: number): CheckInResult {
      let mail: (() => void) | undefined;
      const result = db.transaction((): CheckInResult => {
        const booking = bookings.find(id);
        if (!booking) return { kind: 'not-found' };
        if (booking.status !== 'booked') return { kind: 'not-waiting', booking };
        const at = clock.now();
        const window = checkInWindow(booking.startsAt, at, facilities.rules());
        if (window.kind !== 'open') return { kind: 'outside-window', booking, window };
        bookings.setStatus(id, 'checked_in', at);
        notes.record(
          booking,
          { status: 'checked_in', at, actor },
          'booking.checked-in',
          `booking ${id}: ${booking.facilityName}, ${booking.date}`,
        );
        mail = () => notes.changed(booking, { status: 'checked_in' });
        return { kind: 'checked-in', booking: bookings.find(id)! };
      });
      mail?.();
      return result;
    },

    /**
     * A facility's day as its kiosk shows it to anyone passing: times and states, bookers by
     * initials only. The names never leave this function; undefined for no such facility.
     */
    kioskDay(facilityId: number) {
      const facility = facilities.find(facilityId);
      if (!facility) return undefined;
      const date = today();
      const slots = day(date, 0).find((d) => d.facility.id === facilityId)?.slots ?? [];
      const live = new Map(
        bookings
          .onDate(date)
          .filter((b) => b.facilityId === facilityId)
          .map((b) => [b.id, { status: b.status, bookerName: b.patronName, startsAt: b.startsAt, endsAt: b.endsAt }]),
      );
      return { facility, date, lines: kioskLines(slots, live), rules: facilities.rules() };
    },

    /**
     * The patron (his PIN already checked) checks in at a facility's kiosk: the booking of his
     * there, as booker or accepted member (mayCheckIn), whose window is open; audited as his.
     */
    checkInAt(patron: Patron, facilityId: number, actor: KioskActor): KioskCheckInResult {
      let mail: (() => void) | undefined;
      const result = db.transaction((): KioskCheckInResult => {
        const at = clock.now();
        const candidates = bookings
          .atFacilityOn(facilityId, libraryDateOf(at), patron.id)
          .filter((b) => mayCheckIn(patron.id, b, bookings.membersForCheckIn(b.id)));
        const choice = chooseKioskBooking(candidates, at, facilities.rules());
        if (choice.kind !== 'open') return choice;
        const { booking } = choice;
        if (!bookings.setStatus(booking.id, 'checked_in', at)) return { kind: 'already-in', booking };
        notes.record(
          booking,
          { status: 'checked_in', at, actor },
          'booking.checked-in',
          `booking ${booking.id}: ${booking.facilityName}, ${booking.date}; at its kiosk`,
        );
        mail = () => notes.changed(booking, { status: 'checked_in' });
        return { kind: 'checked-in', booking: bookings.find(booking.id)! };
      });
      mail?.();
      return result;
    },

    /** Staff cancel a booking not yet over, with a reason the patron is mailed. */
    staffCancel(actor: StaffActor, id: number, reasonTyped: string): StaffCancelResult {
      const reason = reasonTyped.trim();
      if (reason === '') return bookings.find(id) ? { kind: 'reason-required' } : { kind: 'not-found' };
      if (reason.length > CANCEL_REASON_MAX) return { kind: 'reason-too-long' };
      let mail: (() => void) | undefined;
      const result = db.transaction((): StaffCancelResult => {
        const booking = bookings.find(id);
        if (!booking) return { kind: 'not-found' };
        const at = clock.now();
        if (booking.endsAt <= at || !bookings.setStatus(id, 'cancelled', at, reason)) return { kind: 'closed', booking };
        bookings.releaseSlots(id);
        notes.record(
          booking,
          { status: 'cancelled', at, actor, note: reason },
          'booking.cancelled',
          `booking ${id}: ${booking.facilityName}, ${booking.date}; reason: ${reason}`,
        );
        mail = () => notes.changed(booking, { status: 'cancelled', reason });
        return { kind: 'cancelled', booking };
      });
      mail?.();
      return result;
    },

    /**
     * Housekeeping: every booking not checked in 10 minutes after its start becomes a no-show and
     * its slots are released; its patron is told, with the suspension it brings if it is his third.
     */
    releaseNoShows(): number {
      const rules = facilities.rules();
      const now = clock.now();
      const mails: Array<() => void> = [];
      const released = db.transaction(() => {
        let count = 0;
        for (const booking of bookings.waitingSince(now - rules.noShowAfterMin * 60_000)) {
          if (!isNoShow(booking.startsAt, now, rules) || !bookings.setStatus(booking.id, 'no_show', now)) continue;
          bookings.releaseSlots(booking.id);
          notes.record(
            booking,
            { status: 'no_show', at: now, actor: null },
            'booking.no-show',
            `booking ${booking.id}: ${booking.facilityName}, ${booking.date}`,
          );
          const starts = bookings.noShowStartsOf(booking.patronId, now - rules.noShowWindowDays * DAY_MS);
          const until = suspensionOf(booking.patronId);
          mails.push(() => notes.changed(booking, { status: 'no_show', noShows: starts.length, suspendedUntil: until }));
          count++;
        }
        return count;
      });
      for (const mail of mails) mail();
      return released;
    },
  };
}
