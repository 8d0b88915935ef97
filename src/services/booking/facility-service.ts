/**
 * The facilities desk of the console (role `facilities`): facilities with their hours, capacity,
 * slot length and patron types, added and edited; blackouts added and deleted. A new blackout
 * refuses new bookings inside it (the booking rules read it), and the live bookings it covers are
 * cancelled with its reason, their slots freed and their holders mailed. Every change is audited.
 */
import type { Database } from '../../db/engine/database.js';
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { BookingRepo, BookingView } from '../../db/booking/booking-repo.js';
import type { FacilityRepo } from '../../db/booking/facility-repo.js';
import {
  readBlackoutForm,
  readFacilityForm,
  type BlackoutField,
  type FACILITY_FIELDS,
  type FacilityProblem,
} from '../../domain/booking/facility-form.js';
import type { Clock } from '../../lib/clock.js';
import type { BookingNotes, StaffActor } from './booking-notes.js';

export const BLACKOUT_PAGE_SIZE = 20;

export type FacilityFormValues = Record<(typeof FACILITY_FIELDS)[number], string>;
export type FacilitySaveResult =
  { kind: 'saved'; id: number; name: string } | { kind: 'invalid'; problems: FacilityProblem[] } | { kind: 'not-found' };
export type BlackoutResult =
  { kind: 'added'; cancelled: number } | { kind: 'invalid'; problems: Array<{ code: string; field: BlackoutField; max?: number }> };

export type FacilityService = ReturnType<typeof createFacilityService>;

export function createFacilityService(deps: {
  db: Database;
  facilities: FacilityRepo;
  bookings: BookingRepo;
  audit: AuditRepo;
  notes: BookingNotes;
  clock: Clock;
}) {
  const { db, facilities, bookings, audit, notes, clock } = deps;

  function save(actor: StaffActor, id: number | null, values: FacilityFormValues, types: readonly string[]): FacilitySaveResult {
    const read = readFacilityForm(values, types);
    if (!read.ok) return { kind: 'invalid', problems: read.problems };
    return db.transaction((): FacilitySaveResult => {
      if (id !== null && !facilities.find(id)) return { kind: 'not-found' };
      const holder = facilities.idByName(read.facility.name);
      if (holder !== undefined && holder !== id) return { kind: 'invalid', problems: [{ code: 'NAME_TAKEN', field: 'name' }] };
      const at = clock.now();
      const saved = id ?? facilities.insert(read.facility, at);
      if (id !== null) facilities.update(id, read.facility);
      audit.record(
        {
          actor: 'staff',
          staffId: actor.staffId,
          action: id === null ? 'facility.added' : 'facility.edited',
          clientAddress: actor.clientAddress,
          detail: `${saved} "${read.facility.name}"`,
        },
        at,
      );
      return { kind: 'saved', id: saved, name: read.facility.name };
    });
  }

  return {
    all: () => facilities.all(),
    find: (id: number) => facilities.find(id),
    add: (actor: StaffActor, values: FacilityFormValues, types: readonly string[]) => save(actor, null, values, types),
    edit: (actor: StaffActor, id: number, values: FacilityFormValues, types: readonly string[]) => save(actor, id, values, types),

    blackouts(page: number) {
      const now = clock.now();
      const total = facilities.upcomingBlackoutCount(now);
      const pages = Math.max(1, Math.ceil(total / BLACKOUT_PAGE_SIZE));
      const current = Math.min(Math.max(page, 1), pages);
      return {
        blackouts: facilities.upcomingBlackouts(now, BLACKOUT_PAGE_SIZE, (current - 1) * BLACKOUT_PAGE_SIZE),
        total,
        page: current,
        pages,
      };
    },

    /** A blackout: stored, and the live bookings inside it cancelled with its reason and their holders mailed. */
    addBlackout(actor: StaffActor, values: Record<BlackoutField, string>): BlackoutResult {
      const read = readBlackoutForm(
        values,
        facilities.all().map((f) => f.id),
      );
      if (!read.ok) return { kind: 'invalid', problems: read.problems };
      const { blackout } = read;
      const mails: Array<() => void> = [];
      const cancelled = db.transaction(() => {
        const at = clock.now();
        const id = facilities.addBlackout({ ...blackout, staffId: actor.staffId }, at);
        audit.record(
          {
            actor: 'staff',
            staffId: actor.staffId,
            action: 'blackout.added',
            clientAddress: actor.clientAddress,
            detail: `${id}: ${blackout.reason}`,
          },
          at,
        );
        const covered = bookings
          .liveBetween(blackout.startsAt, blackout.endsAt)
          .filter((b: BookingView) => blackout.facilityId === null || b.facilityId === blackout.facilityId);
        for (const booking of covered) {
          if (booking.endsAt <= at || !bookings.setStatus(booking.id, 'cancelled', at, blackout.reason)) continue;
          bookings.releaseSlots(booking.id);
          notes.record(
            booking,
            { status: 'cancelled', at, actor, note: blackout.reason },
            'booking.cancelled',
            `booking ${booking.id}: ${booking.facilityName}, ${booking.date}; blackout: ${blackout.reason}`,
          );
          mails.push(() => notes.changed(booking, { status: 'cancelled', reason: blackout.reason }));
        }
        return mails.length;
      });
      for (const mail of mails) mail();
      return { kind: 'added', cancelled };
    },

    deleteBlackout(actor: StaffActor, id: number): boolean {
      return db.transaction(() => {
        const found = facilities.findBlackout(id);
        if (!found || !facilities.deleteBlackout(id)) return false;
        audit.record(
          {
            actor: 'staff',
            staffId: actor.staffId,
            action: 'blackout.deleted',
            clientAddress: actor.clientAddress,
            detail: `${id}: ${found.reason}`,
          },
          clock.now(),
        );
        return true;
      });
    },
  };
}
