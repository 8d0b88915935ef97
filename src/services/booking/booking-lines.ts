/**
 * A patron's bookings as his list shows them: each with its history, the other members as he may
 * see them, and what is his to do (cancel what he booked, leave what he accepted).
 */
import type { BookingMember, BookingRepo, BookingView } from '../../db/booking/booking-repo.js';
import type { StatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import type { HistoryEntry } from '../../domain/shared/status-history.js';
import { memberAsShown, type MemberState } from '../../domain/booking/invitation.js';
import type { Clock } from '../../lib/clock.js';

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

/** The members of a booking as a reader other than staff may see them. */
export const shownMembers = (members: BookingMember[], readerId: number) =>
  members.filter((m) => m.id !== readerId).map((m) => ({ shown: memberAsShown(m), state: m.state }));

export function bookingLines(
  deps: { bookings: BookingRepo; history: StatusHistoryRepo; clock: Clock },
  list: BookingView[],
  readerId: number,
): BookingLine[] {
  const { bookings, history, clock } = deps;
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
