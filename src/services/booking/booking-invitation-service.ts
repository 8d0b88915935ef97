/**
 * iBooking, a group room's invitations: a member accepts or declines (or, having accepted, leaves
 * the booking); a decline that leaves too few people cancels the booking before its start.
 */
import type { BookingView } from '../../db/booking/booking-repo.js';
import { cancelledByDecline, checkAnswer, type Answer, type MemberState } from '../../domain/booking/invitation.js';
import type { Patron } from '../../domain/patrons/patron.js';
import type { BookingServiceDeps } from './booking-facts.js';

export type AnswerResult =
  | { kind: 'accepted'; booking: BookingView }
  | { kind: 'declined'; booking: BookingView; left: boolean; cancelled: boolean }
  | { kind: 'unchanged'; booking: BookingView; state: MemberState }
  | { kind: 'closed'; booking: BookingView }
  | { kind: 'busy'; booking: BookingView; facility: string; from: number; to: number; asMember: boolean }
  | { kind: 'not-found' };

export type BookingInvitationService = ReturnType<typeof createBookingInvitationService>;

export function createBookingInvitationService(deps: Pick<BookingServiceDeps, 'db' | 'bookings' | 'facilities' | 'notes' | 'clock'>) {
  const { db, bookings, facilities, notes, clock } = deps;

  return {
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
  };
}
