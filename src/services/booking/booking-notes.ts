/**
 * What every step of a booking leaves behind (docs/rules.md §8): a step in its
 * history, a line in the audit log when staff or housekeeping made it, and a mail to the patron in
 * his language; the confirmation carries the booking's .ics. History and audit are written inside
 * the step's transaction; the mail goes once it is committed.
 */
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { AuditAction } from '../../domain/staff/audit-action.js';
import type { BookingView } from '../../db/booking/booking-repo.js';
import type { PatronRepo } from '../../db/patrons/patron-repo.js';
import type { StatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import { clockTimeOf } from '../../domain/booking/booking-time.js';
import type { BookingStatus } from '../../domain/booking/facility.js';
import type { PatronNotices } from '../mail/patron-notices.js';
import { bookingCalendar } from './booking-calendar.js';

/** Who made a change, as the audit log keeps it: a member of staff, or housekeeping (null). */
export interface StaffActor {
  staffId: number;
  clientAddress: string | null;
}

/** A patron who checked in himself at a facility's kiosk: audited as the patron, with the kiosk's address. */
export interface KioskActor {
  kiosk: true;
  clientAddress: string | null;
}

export type BookingNotes = ReturnType<typeof createBookingNotes>;

/** Why a booking moved without a person choosing it, as its history keeps it (a code, put in words on the page). */
export type BookingReason = 'too_few_people';

export function createBookingNotes(deps: {
  history: StatusHistoryRepo;
  audit: AuditRepo;
  notices: PatronNotices;
  patrons: PatronRepo;
  publicUrl: string;
}) {
  const { history, audit, notices, patrons, publicUrl } = deps;
  const link = `${publicUrl}/myrecord/bookings`;
  const when = (b: BookingView) => ({
    facility: b.facilityName,
    location: b.facilityLocation,
    from: clockTimeOf(b.startsAt),
    to: clockTimeOf(b.endsAt),
  });

  return {
    /** The history step, and the audit line when staff (or housekeeping, actor null) made it: inside the transaction. */
    record(
      booking: BookingView,
      step: {
        status: BookingStatus;
        at: number;
        actor: StaffActor | KioskActor | null | 'patron';
        note?: string | null;
        reason?: BookingReason;
      },
      action?: AuditAction,
      detail?: string,
    ): void {
      const staffId = step.actor !== null && step.actor !== 'patron' && 'staffId' in step.actor ? step.actor.staffId : null;
      history.record({
        subject: 'booking',
        subjectId: booking.id,
        status: step.status,
        atMs: step.at,
        staffId,
        reason: step.reason ?? null,
        note: step.note ?? null,
      });
      if (action && step.actor !== 'patron') {
        audit.record(
          {
            actor: step.actor === null ? 'system' : 'kiosk' in step.actor ? 'patron' : 'staff',
            staffId,
            patronId: booking.patronId,
            action,
            clientAddress: step.actor?.clientAddress ?? null,
            detail: detail ?? `booking ${booking.id}`,
          },
          step.at,
        );
      }
    },
    /** The confirmation, with the booking's calendar entry attached; the members as the booker may see them (memberAsShown). */
    confirmed(booking: BookingView, memberNames: string[]): void {
      const patron = patrons.findById(booking.patronId);
      if (!patron) return;
      notices.statusChanged(patron, {
        subject: 'mail.booking.confirmed.subject',
        body: 'mail.booking.confirmed.body',
        link,
        params: (l) => ({
          ...when(booking),
          date: l.formatDate(booking.date),
          members: memberNames.length,
          names: l.formatList(memberNames),
          link,
        }),
        attachments: (l) => [
          {
            filename: `booking-${booking.id}.ics`,
            content: bookingCalendar(booking, l, publicUrl),
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
          },
        ],
      });
    },
    /** The invitation, to the member in his own language: who invites him, where and when, and where to answer. */
    invited(booking: BookingView, memberId: number): void {
      const member = patrons.findById(memberId);
      if (!member) return;
      notices.statusChanged(member, {
        subject: 'mail.booking.invited.subject',
        body: 'mail.booking.invited.body',
        link,
        params: (l) => ({ ...when(booking), date: l.formatDate(booking.date), booker: booking.patronName, link }),
      });
    },
    /**
     * Members declined before the start and too few people are left for the room: the booker (and
     * each member who had accepted) learn that the booking is cancelled and its slots freed.
     */
    cancelledTooFew(booking: BookingView, recipientIds: readonly number[]): void {
      for (const id of recipientIds) {
        const patron = patrons.findById(id);
        if (!patron) continue;
        notices.statusChanged(patron, {
          subject: 'mail.booking.tooFew.subject',
          body: 'mail.booking.tooFew.body',
          link,
          params: (l) => ({ ...when(booking), date: l.formatDate(booking.date), booker: id === booking.patronId ? 'you' : 'other', link }),
        });
      }
    },
    /** A change the patron did not make himself: checked in, cancelled by staff (with the reason), a no-show. */
    changed(
      booking: BookingView,
      change: { status: 'checked_in' | 'cancelled' | 'no_show'; reason?: string; suspendedUntil?: number | null; noShows?: number },
    ): void {
      const patron = patrons.findById(booking.patronId);
      if (!patron) return;
      notices.statusChanged(patron, {
        subject: 'mail.booking.changed.subject',
        body: 'mail.booking.changed.body',
        link,
        params: (l) => ({
          ...when(booking),
          date: l.formatDate(booking.date),
          status: change.status,
          reason: change.reason ?? '',
          noShows: change.noShows ?? 0,
          suspended: change.suspendedUntil ? 'yes' : 'no',
          until: change.suspendedUntil ? l.formatDateTime(change.suspendedUntil) : '',
          link,
        }),
      });
    },
  };
}
